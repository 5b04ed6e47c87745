package io.avlens.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import io.avlens.core.io.AtomicFiles;
import io.avlens.model.AvLensFactory;
import io.avlens.model.Experiment;
import io.avlens.model.Metric;
import io.avlens.model.Project;
import io.avlens.model.Run;
import io.avlens.model.RunStatus;
import io.avlens.model.store.Locations;
import io.avlens.runner.internal.Folders;

/**
 * A Run of figures measured outside the model runner (retrieval over an embedding table that a run or
 * {@code avlens embed} computed), recorded like any run: a folder {@code runs/<experiment>-<yyyyMMdd-HHmmss>/} in the
 * project whose {@code run.json} (written atomically, before the project names it) holds the metrics and the
 * measurement's details, and a detached EMF {@link Run} (succeeded, times, metrics, {@code run.json} as its log) of
 * an experiment found or made by {@link #experiment}. The caller adds both to the project as it adds a runner's run
 * (the command line, then saves through the {@code ProjectStore}; the workbench, with an EMF command), so a project
 * is never half written. Stateless.
 */
public final class MeasuredRuns {

    /**
     * What was measured.
     *
     * @param experimentId the experiment the run belongs to (made when the project has none of that id)
     * @param kind         that experiment's kind when it is made, e.g. {@code embed}
     * @param description  that experiment's description when it is made
     * @param modelId      the model the figures are of (the experiment refers to the project's model of that id)
     * @param metrics      the figures by name, in order
     * @param details      everything else worth keeping (e.g. the figures as {@code avlens eval} prints them)
     */
    public record Measurement(String experimentId, String kind, String description, String modelId,
            Map<String, Double> metrics, JsonObject details) {
    }

    private MeasuredRuns() {
    }

    /**
     * The experiment of {@code project} with the measurement's id, or a new detached one (its kind, description, an
     * empty clip selection, and the project's model of that id when there is one) for the caller to add.
     */
    public static Experiment experiment(Project project, Measurement m) {
        Experiment found = project.findExperiment(m.experimentId());
        if (found != null) {
            return found;
        }
        AvLensFactory f = AvLensFactory.eINSTANCE;
        Experiment e = f.createExperiment();
        e.setId(m.experimentId());
        e.setKind(m.kind());
        e.setDescription(m.description());
        e.setSelection(f.createClipSelection());
        project.getModels().stream().filter(d -> m.modelId().equals(d.getId())).findFirst()
                .ifPresent(d -> e.getModels().add(d));
        return e;
    }

    /**
     * Writes the run's folder and {@code run.json} into {@code projectFolder} and returns its detached {@link Run}.
     *
     * @param experiment the experiment it will be added to (its runs' ids are not reused)
     * @throws IOException naming the folder when it cannot be written
     */
    public static Run write(Path projectFolder, Experiment experiment, Measurement m, Instant start, Instant end)
            throws IOException {
        List<String> taken = experiment.getRuns().stream().map(Run::getId).toList();
        Path folder = Folders.newRunFolder(projectFolder.resolve("runs"), m.experimentId(), end, taken);
        String id = folder.getFileName().toString();
        JsonObject o = new JsonObject();
        o.addProperty("formatVersion", 1);
        o.addProperty("id", id);
        o.addProperty("experiment", m.experimentId());
        o.addProperty("kind", experiment.getKind());
        o.addProperty("status", RunState.SUCCEEDED.literal());
        o.add("error", null);
        o.addProperty("start", start.toString());
        o.addProperty("end", end.toString());
        o.addProperty("seconds", Duration.between(start, end).toNanos() / 1e9);
        o.addProperty("device", "cpu");
        o.addProperty("model", m.modelId());
        JsonObject metrics = new JsonObject();
        m.metrics().forEach((k, v) -> metrics.addProperty(k, Double.isFinite(v) ? v : null));
        o.add("metrics", metrics);
        o.add("measured", m.details() == null ? new JsonObject() : m.details());
        Path json = folder.resolve(RunOutcome.RUN_JSON);
        byte[] bytes = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create()
                .toJson(o).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(json, out -> out.write(bytes));

        AvLensFactory f = AvLensFactory.eINSTANCE;
        Run run = f.createRun();
        run.setId(id);
        run.setStatus(RunStatus.SUCCEEDED);
        run.setStart(start);
        run.setEnd(end);
        run.setDevice("cpu");
        for (Map.Entry<String, Double> e : m.metrics().entrySet()) {
            Metric metric = f.createMetric();
            metric.setName(e.getKey());
            metric.setValue(e.getValue());
            run.getMetrics().add(metric);
        }
        run.setLogLocation(Locations.of(projectFolder, json));
        return run;
    }
}
