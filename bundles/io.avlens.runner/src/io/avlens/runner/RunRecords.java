package io.avlens.runner;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.avlens.model.Artifact;
import io.avlens.model.ArtifactKind;
import io.avlens.model.AvLensFactory;
import io.avlens.model.Clip;
import io.avlens.model.ClipResult;
import io.avlens.model.Experiment;
import io.avlens.model.Metric;
import io.avlens.model.ModelDescriptor;
import io.avlens.model.Project;
import io.avlens.model.Run;
import io.avlens.model.RunStatus;
import io.avlens.model.store.ClipSelections;
import io.avlens.model.store.Locations;
import io.avlens.runner.task.TaskArtifact;

/**
 * Turns a {@link RunOutcome} into the project's EMF {@link Run}: status, times, device, seed, metrics, one
 * {@link ClipResult} per model × clip (status, whether cached, the clip's metrics, its error), the artifacts of every
 * clip that succeeded (named {@code <model>/<clip>/<name>}, located relative to the project folder) and of the
 * dataset stage (named {@code <model>/_dataset/<name>}), {@code run.json} as its log and the error message. Given the
 * experiment the run belongs to, clip results and artifacts refer to their clip (by id among the experiment's
 * selected clips) and model (by id among the experiment's, then the project's models) as EMF references. The caller
 * adds the run to that experiment: the command line directly before saving through the {@code ProjectStore}, the
 * workbench through an EMF command on its editing domain (so it can be undone and marks the project dirty).
 * Stateless; the new object belongs to the calling thread.
 */
public final class RunRecords {

    private RunRecords() {
    }

    /** A new, detached {@link Run} for {@code outcome}, whose clip and model references stay unset. */
    public static Run toRun(RunOutcome outcome) {
        return toRun(outcome, null);
    }

    /**
     * A new, detached {@link Run} for {@code outcome}, whose clip results and artifacts refer to the clips and models
     * of {@code experiment} (call on the thread that owns the project).
     *
     * @param experiment the experiment the run will be added to, or null to leave the references unset
     */
    public static Run toRun(RunOutcome outcome, Experiment experiment) {
        Path project = outcome.snapshot().projectFolder();
        Map<String, Clip> clips = clips(experiment);
        Map<String, ModelDescriptor> models = models(experiment);
        AvLensFactory f = AvLensFactory.eINSTANCE;
        Run run = f.createRun();
        run.setId(outcome.runId());
        run.setStatus(status(outcome.state()));
        run.setStart(outcome.start());
        run.setEnd(outcome.end());
        run.setDevice(outcome.device());
        run.setSeed(outcome.snapshot().seed());
        addMetrics(run.getMetrics(), outcome.metrics());
        boolean manyModels = outcome.snapshot().models().size() > 1;
        for (ClipOutcome clip : outcome.clips()) {
            ClipResult result = f.createClipResult();
            result.setClipId(clip.clipId());
            result.setModelId(clip.modelId());
            result.setClip(clips.get(clip.clipId()));
            result.setModel(models.get(clip.modelId()));
            result.setStatus(status(clip.state()));
            result.setCached(clip.cached());
            addMetrics(result.getMetrics(), clip.metrics());
            result.setErrorMessage(clip.message());
            run.getClipResults().add(result);
            if (clip.state() != RunState.SUCCEEDED) {
                continue;
            }
            String prefix = (manyModels ? clip.modelId() + "/" : "") + clip.clipId() + "/";
            for (TaskArtifact a : clip.artifacts()) {
                Artifact artifact = artifact(a, prefix, Locations.of(project, clip.folder().resolve(a.file())));
                artifact.setClip(result.getClip());
                artifact.setModel(result.getModel());
                run.getArtifacts().add(artifact);
            }
        }
        for (DatasetOutcome d : outcome.datasets()) {
            String prefix = (manyModels ? d.modelId() + "/" : "") + DatasetOutcome.FOLDER + "/";
            for (TaskArtifact a : d.artifacts()) {
                Artifact artifact = artifact(a, prefix, Locations.of(project, d.folder().resolve(a.file())));
                artifact.setModel(models.get(d.modelId()));
                run.getArtifacts().add(artifact);
            }
        }
        run.setLogLocation(Locations.of(project, outcome.runJson()));
        run.setErrorMessage(outcome.message());
        return run;
    }

    /** The EMF status of a run state. */
    public static RunStatus status(RunState state) {
        return switch (state) {
            case SUCCEEDED -> RunStatus.SUCCEEDED;
            case FAILED -> RunStatus.FAILED;
            case CANCELLED -> RunStatus.CANCELLED;
        };
    }

    private static Artifact artifact(TaskArtifact a, String namePrefix, String location) {
        Artifact artifact = AvLensFactory.eINSTANCE.createArtifact();
        artifact.setName(namePrefix + a.name());
        ArtifactKind kind = ArtifactKind.get(a.kind());
        artifact.setKind(kind == null ? ArtifactKind.OTHER : kind);
        artifact.setLocation(location);
        for (int d : a.shape()) {
            artifact.getShape().add(d);
        }
        artifact.setDtype(a.dtype());
        return artifact;
    }

    private static void addMetrics(List<Metric> target, Map<String, Double> metrics) {
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            Metric m = AvLensFactory.eINSTANCE.createMetric();
            m.setName(e.getKey());
            m.setValue(e.getValue());
            target.add(m);
        }
    }

    /** The experiment's selected clips by id (the first of an id wins, as the run folders are named). */
    private static Map<String, Clip> clips(Experiment experiment) {
        Map<String, Clip> byId = new HashMap<>();
        if (experiment != null) {
            ClipSelections.resolve(experiment.getSelection()).forEach(c -> byId.putIfAbsent(c.getId(), c));
        }
        return byId;
    }

    /** The experiment's models by id, then the project's. */
    private static Map<String, ModelDescriptor> models(Experiment experiment) {
        Map<String, ModelDescriptor> byId = new HashMap<>();
        if (experiment != null) {
            experiment.getModels().forEach(m -> byId.putIfAbsent(m.getId(), m));
            if (experiment.eContainer() instanceof Project p) {
                p.getModels().forEach(m -> byId.putIfAbsent(m.getId(), m));
            }
        }
        return byId;
    }
}
