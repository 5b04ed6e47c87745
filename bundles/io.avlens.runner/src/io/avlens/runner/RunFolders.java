package io.avlens.runner;

import io.avlens.core.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.avlens.model.Project;
import io.avlens.model.Run;
import io.avlens.model.store.ValidationProblem;
import io.avlens.model.store.ValidationProblem.Severity;

/**
 * The run folders of a project ({@code runs/<run-id>/}) as the disk shows them, for finding what a killed or crashed
 * program left behind: a run is <em>recorded</em> (its Run is in the project), <em>in progress</em> (its program
 * still runs), <em>unrecorded</em> (it finished, but the program stopped before writing it into the project) or
 * <em>incomplete</em> (its program stopped before the run finished: {@code run.json} still says "running" for a
 * process that is gone, or there is no readable {@code run.json}). Stateless; any thread.
 */
public final class RunFolders {

    /** What a run folder is. */
    public enum Status {
        RECORDED, IN_PROGRESS, UNRECORDED, INCOMPLETE
    }

    /**
     * One run folder.
     *
     * @param folder the folder
     * @param runId  its name, the run's id
     * @param status what it is
     * @param detail the status in words, for people ("the program running it (process 4711) stopped before it
     *               finished")
     */
    public record RunFolder(Path folder, String runId, Status status, String detail) {
    }

    private RunFolders() {
    }

    /**
     * The run folders under {@code projectFolder/runs}, sorted by id.
     *
     * @param recordedRunIds the ids of the runs the project records
     */
    public static List<RunFolder> scan(Path projectFolder, Collection<String> recordedRunIds) {
        Path runs = projectFolder.resolve("runs");
        List<RunFolder> result = new ArrayList<>();
        if (!Files.isDirectory(runs)) {
            return result;
        }
        try (Stream<Path> children = Files.list(runs)) {
            for (Path folder : children.filter(Files::isDirectory).sorted().toList()) {
                String id = folder.getFileName().toString();
                result.add(recordedRunIds.contains(id)
                        ? new RunFolder(folder, id, Status.RECORDED, "recorded in the project")
                        : classify(folder, id));
            }
        } catch (IOException e) {
            // an unreadable runs folder has nothing to report beyond what was listed
        }
        return result;
    }

    /** The folders that need the user's attention: incomplete or unrecorded runs. */
    public static List<RunFolder> leftBehind(Path projectFolder, Collection<String> recordedRunIds) {
        return scan(projectFolder, recordedRunIds).stream()
                .filter(f -> f.status() == Status.INCOMPLETE || f.status() == Status.UNRECORDED).toList();
    }

    /**
     * The folders {@link #leftBehind} finds in {@code project}, as validation warnings: where ({@code runs/<id>}),
     * what happened and what to do.
     */
    public static List<ValidationProblem> validationProblems(Path projectFolder, Project project) {
        List<String> recorded = project.getExperiments().stream().flatMap(e -> e.getRuns().stream())
                .map(Run::getId).toList();
        return leftBehind(projectFolder, recorded).stream().map(f -> new ValidationProblem(Severity.WARNING,
                "runs/" + f.runId(), f.folder() + ": " + (f.status() == Status.INCOMPLETE
                        ? "incomplete run: " + f.detail() + "; its results cannot be trusted: delete the folder"
                        : f.detail() + "; its results are in the folder but not in the project"))).toList();
    }

    private static RunFolder classify(Path folder, String id) {
        Path runJson = folder.resolve(RunOutcome.RUN_JSON);
        JsonObject json;
        try {
            JsonElement parsed = JsonParser.parseString(Files.readString(runJson, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) {
                throw new JsonParseException("not a JSON object");
            }
            json = parsed.getAsJsonObject();
        } catch (IOException e) {
            return new RunFolder(folder, id, Status.INCOMPLETE, "has no " + RunOutcome.RUN_JSON + ": the program"
                    + " writing it stopped before the run started or the file was removed");
        } catch (JsonParseException e) {
            return new RunFolder(folder, id, Status.INCOMPLETE, RunOutcome.RUN_JSON + " is damaged ("
                    + e.getMessage() + ")");
        }
        String status = text(json, "status").orElse("");
        if (!status.equals("running")) {
            return new RunFolder(folder, id, Status.UNRECORDED, "finished (" + status + ") but is not recorded in"
                    + " the project: the program that ran it stopped before saving the project");
        }
        long pid = json.has("pid") ? json.get("pid").getAsLong() : -1;
        if (isRunning(pid, text(json, "processStart").orElse(null))) {
            return new RunFolder(folder, id, Status.IN_PROGRESS, "is being computed by process " + pid);
        }
        return new RunFolder(folder, id, Status.INCOMPLETE, "never finished: the program running it"
                + (pid > 0 ? " (process " + pid + ")" : "") + " stopped before the run ended (killed or crashed)");
    }

    /** Whether process {@code pid} still runs and is the one that started the run (pids are reused). */
    private static boolean isRunning(long pid, String processStart) {
        if (pid <= 0) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        if (processStart == null) {
            return true;
        }
        Optional<Instant> started = process.get().info().startInstant();
        return started.isEmpty() || started.get().toString().equals(processStart);
    }

    private static Optional<String> text(JsonObject json, String name) {
        JsonElement e = json.get(name);
        return e == null || e.isJsonNull() ? Optional.empty() : Optional.of(e.getAsString());
    }

    /**
     * Deletes a run folder that is not in progress, with everything in it.
     *
     * @throws IOException when a file cannot be deleted (what was deleted stays deleted), or when the run is still
     *                     being computed
     */
    public static void delete(RunFolder run) throws IOException {
        if (run.status() == Status.IN_PROGRESS) {
            throw new IOException(run.folder() + ": the run is still being computed; cancel it first");
        }
        FileTrees.delete(run.folder());
    }
}
