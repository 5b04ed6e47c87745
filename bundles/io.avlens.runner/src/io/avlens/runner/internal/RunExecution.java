package io.avlens.runner.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

import io.avlens.core.io.IoErrors;
import io.avlens.inference.InferenceException;
import io.avlens.runner.ClipOutcome;
import io.avlens.runner.ClipRef;
import io.avlens.runner.DatasetOutcome;
import io.avlens.runner.ModelRef;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunSettings;
import io.avlens.runner.RunSnapshot;
import io.avlens.runner.RunState;
import io.avlens.runner.task.ClipFailure;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.ClipTask;
import io.avlens.runner.task.DatasetTask;
import io.avlens.runner.task.TaskException;

/**
 * One run of a snapshot, on the calling thread (which takes the inference rule through its gate at the first clip
 * that is not in the cache): the run folder, every model ×
 * clip through {@link ClipComputation}, the metrics and {@code run.json}. See {@link io.avlens.runner.ModelRunner}
 * for what fails a clip and what fails the run.
 */
final class RunExecution {

    /** Failed clips named in the run's message; the rest are counted (run.json lists them all). */
    private static final int NAMED_FAILURES = 5;

    /** What ends a run at once. */
    static final class RunFailure extends Exception {
        private static final long serialVersionUID = 1L;

        RunFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final RankedServices services;
    private final FileHashes hashes;
    private final ClipComputation.Gate gate;

    /** @param gate entered before the first clip that must be computed */
    RunExecution(RankedServices services, FileHashes hashes, ClipComputation.Gate gate) {
        this.services = services;
        this.hashes = hashes;
        this.gate = gate;
    }

    RunOutcome run(RunSnapshot snapshot, RunSettings settings, IProgressMonitor monitor) {
        Instant start = Instant.now();
        Path runs = snapshot.projectFolder().resolve("runs");
        Path runFolder;
        try {
            runFolder = Folders.newRunFolder(runs, snapshot.experimentId(), start, snapshot.takenRunIds());
        } catch (IOException e) {
            String message = runs + ": cannot create the run folder: " + IoErrors.describe(e)
                    + "; check the free space and permissions of the project folder";
            return new RunOutcome(Folders.safeName(snapshot.experimentId()), snapshot, runs, RunState.FAILED, start,
                    Instant.now(), "none", Map.of(), List.of(), message);
        }
        String runId = runFolder.getFileName().toString();
        try {
            RunJson.writeStarted(runFolder, runId, snapshot, start);
        } catch (IOException e) {
            String message = runFolder + ": cannot write " + RunOutcome.RUN_JSON + ": " + IoErrors.describe(e)
                    + "; check the free space and permissions of the project folder";
            return new RunOutcome(runId, snapshot, runFolder, RunState.FAILED, start, Instant.now(), "none",
                    Map.of(), List.of(), message);
        }
        ResultCache cache = settings.cacheFolder() == null ? null : new ResultCache(settings.cacheFolder());
        ClipComputation computation = new ClipComputation(hashes, cache, gate);
        List<ClipOutcome> clips = new ArrayList<>();
        List<DatasetOutcome> datasets = new ArrayList<>();
        List<String> datasetFailures = new ArrayList<>();
        List<RunJson.ModelInfo> infos = new ArrayList<>();
        Map<String, String> mediaSha = new HashMap<>();
        Map<String, Double> metrics = new TreeMap<>();
        RunState state = RunState.SUCCEEDED;
        String message = null;
        String device = settings.device();
        int perModel = snapshot.clips().size() + 1;
        SubMonitor sub = SubMonitor.convert(monitor, "Running " + snapshot.experimentId(),
                snapshot.models().size() * perModel);
        try {
            RankedServices.Choice choice;
            try {
                choice = services.choose(settings.requestedDevice());
            } catch (InferenceException e) {
                throw new RunFailure(e.getMessage(), e);
            }
            device = choice.device().toString();
            for (ModelRef model : snapshot.models()) {
                SubMonitor modelMonitor = sub.split(perModel).setWorkRemaining(perModel);
                modelMonitor.subTask(model.id());
                ClipTask task = task(snapshot.kind(), model);
                String weightsSha = weightsSha(model, cache).sha256();
                infos.add(new RunJson.ModelInfo(model, weightsSha, task.getClass().getName(), task.version()));
                List<ClipResult> done = new ArrayList<>();
                List<ClipFailure> failed = new ArrayList<>();
                try (ModelSession session = new ModelSession(model, settings, choice)) {
                    var work = new ClipComputation.ModelWork(task, model, weightsSha, session,
                            TaskParameters.read(task, snapshot.parameters()),
                            snapshot.seed());
                    Path modelFolder = Files.createDirectories(runFolder.resolve(Folders.safeName(model.id())));
                    int firstClip = clips.size();
                    for (ClipRef clip : snapshot.clips()) {
                        modelMonitor.subTask(model.id() + ": " + clip.id());
                        Path target = unique(modelFolder, clip.id());
                        ClipOutcome outcome;
                        try {
                            outcome = computation.compute(work, clip, target, modelMonitor, mediaSha);
                        } catch (InferenceException e) {
                            throw new RunFailure("model " + model.id() + " cannot be loaded: " + e.getMessage(), e);
                        } catch (OutOfMemoryError e) {
                            throw new RunFailure("ran out of memory running model " + model.id() + " on clip '"
                                    + clip.id() + "' (" + clip.media() + "); set a smaller batch size or a memory"
                                    + " budget, or give AV Lens more memory (AVLENS_VMARGS=-Xmx…)", e);
                        }
                        clips.add(outcome);
                        if (outcome.state() == RunState.SUCCEEDED) {
                            done.add(new ClipResult(outcome.clipId(), outcome.artifacts(), outcome.metrics()));
                        } else if (outcome.state() == RunState.FAILED) {
                            failed.add(new ClipFailure(outcome.clipId(), outcome.media(), outcome.message()));
                        }
                    }
                    if (!done.isEmpty() || !failed.isEmpty()) {
                        // failures go to the task too: its metrics count them (e.g. as misses), never drop them
                        String prefix = snapshot.models().size() > 1 ? model.id() + "/" : "";
                        task.summarize(done, failed).forEach((k, v) -> metrics.put(prefix + k, v));
                    }
                    datasetStage(snapshot, model, modelFolder, clips.subList(firstClip, clips.size()), metrics,
                            datasets, datasetFailures, modelMonitor);
                }
            }
            message = clipFailures(clips);
            if (!datasetFailures.isEmpty()) {
                message = (message == null ? "" : message + " | ") + String.join(" | ", datasetFailures);
            }
            state = message == null ? RunState.SUCCEEDED : RunState.FAILED;
        } catch (OperationCanceledException e) {
            state = RunState.CANCELLED;
            message = "cancelled after " + clips.size() + " of " + snapshot.models().size() * snapshot.clips().size()
                    + " clips; the clips computed so far are kept";
        } catch (RunFailure e) {
            state = RunState.FAILED;
            message = e.getMessage();
        } catch (IOException e) {
            state = RunState.FAILED;
            message = runFolder + ": cannot write the run's results: " + IoErrors.describe(e)
                    + "; check the free space and permissions of the project folder";
        } catch (RuntimeException e) {
            state = RunState.FAILED;
            message = "internal error: " + e + "; this is a bug, please report it with " + RunOutcome.RUN_JSON;
        }
        metrics.put("clips", (double) clips.size());
        metrics.put("failedClips", (double) clips.stream().filter(c -> c.state() == RunState.FAILED).count());
        metrics.put("cachedClips", (double) clips.stream().filter(ClipOutcome::cached).count());
        Instant end = Instant.now();
        metrics.put("seconds", java.time.Duration.between(start, end).toNanos() / 1e9);
        RunOutcome outcome = new RunOutcome(runId, snapshot, runFolder, state, start, end, device, metrics, clips,
                message, datasets);
        try {
            RunJson.write(outcome, settings, infos, mediaSha);
        } catch (IOException e) {
            String why = outcome.runJson() + ": cannot be written: " + IoErrors.describe(e);
            outcome = new RunOutcome(runId, snapshot, runFolder, RunState.FAILED, start, end, device, metrics, clips,
                    message == null ? why : message + "; " + why, datasets);
        }
        sub.done();
        return outcome;
    }

    /**
     * After a model's clips: the dataset task of the run's kind and the model's family, when one is installed; its
     * metrics join the run's (prefixed by the model when there are several), a failure is kept for the message.
     */
    private void datasetStage(RunSnapshot snapshot, ModelRef model, Path modelFolder, List<ClipOutcome> outcomes,
            Map<String, Double> metrics, List<DatasetOutcome> datasets, List<String> failures,
            IProgressMonitor monitor) throws IOException {
        DatasetTask task = services.datasetTask(snapshot.kind(), model.family());
        if (task == null || outcomes.isEmpty()) {
            return;
        }
        monitor.subTask(model.id() + ": dataset");
        try {
            DatasetOutcome d = DatasetStage.run(task, model, snapshot, modelFolder, List.copyOf(outcomes), monitor);
            datasets.add(d);
            String prefix = snapshot.models().size() > 1 ? model.id() + "/" : "";
            d.metrics().forEach((k, v) -> metrics.put(prefix + k, v));
        } catch (TaskException e) {
            failures.add(e.getMessage());
        }
    }

    private ClipTask task(String kind, ModelRef model) throws RunFailure {
        ClipTask task = services.task(kind, model.family());
        if (task == null) {
            throw new RunFailure("no " + kind + " task is installed for model " + model.id() + " of family '"
                    + model.family() + "' (installed tasks: " + services.taskNames() + "); choose a model that"
                    + " computes " + kind + " or another experiment kind", null);
        }
        return task;
    }

    /** Every part's weights hashed and checked against the descriptor. */
    private PartWeights weightsSha(ModelRef model, ResultCache cache) throws RunFailure {
        try {
            return PartWeights.of(model, hashes, cache == null ? null : cache.hashesFolder());
        } catch (PartWeights.Mismatch e) {
            throw new RunFailure(e.getMessage(), e.getCause());
        }
    }

    /** A folder name for the clip that no other clip of this run took (ids are unique per dataset only). */
    private static Path unique(Path modelFolder, String clipId) {
        String name = Folders.safeName(clipId);
        Path p = modelFolder.resolve(name);
        for (int i = 2; Files.exists(p); i++) {
            p = modelFolder.resolve(name + "-" + i);
        }
        return p;
    }

    private static String clipFailures(List<ClipOutcome> clips) {
        List<ClipOutcome> failed = clips.stream().filter(c -> c.state() == RunState.FAILED).toList();
        if (failed.isEmpty()) {
            return null;
        }
        StringBuilder s = new StringBuilder().append(failed.size()).append(" of ").append(clips.size())
                .append(failed.size() == 1 && clips.size() == 1 ? " clip failed: " : " clips failed: ");
        for (int i = 0; i < Math.min(NAMED_FAILURES, failed.size()); i++) {
            s.append(i == 0 ? "" : " | ").append(failed.get(i).message());
        }
        if (failed.size() > NAMED_FAILURES) {
            s.append(" | and ").append(failed.size() - NAMED_FAILURES).append(" more (see ")
                    .append(RunOutcome.RUN_JSON).append(')');
        }
        return s.toString();
    }
}
