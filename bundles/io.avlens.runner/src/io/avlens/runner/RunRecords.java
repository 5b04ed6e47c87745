package io.avlens.runner;

import java.nio.file.Path;
import java.util.Map;

import io.avlens.model.Artifact;
import io.avlens.model.ArtifactKind;
import io.avlens.model.AvLensFactory;
import io.avlens.model.Metric;
import io.avlens.model.Run;
import io.avlens.model.RunStatus;
import io.avlens.model.store.Locations;
import io.avlens.runner.task.TaskArtifact;

/**
 * Turns a {@link RunOutcome} into the project's EMF {@link Run}: status, times, device, seed, metrics, the
 * artifacts of every clip that succeeded (named {@code <model>/<clip>/<name>}, located relative to the project
 * folder), {@code run.json} as its log and the error message. The caller adds the run to its experiment: the
 * command line directly before saving through the {@code ProjectStore}, the workbench through an EMF command on
 * its editing domain (so it can be undone and marks the project dirty). Stateless; the new object belongs to the
 * calling thread.
 */
public final class RunRecords {

    private RunRecords() {
    }

    /** A new, detached {@link Run} for {@code outcome}. */
    public static Run toRun(RunOutcome outcome) {
        Path project = outcome.snapshot().projectFolder();
        AvLensFactory f = AvLensFactory.eINSTANCE;
        Run run = f.createRun();
        run.setId(outcome.runId());
        run.setStatus(status(outcome.state()));
        run.setStart(outcome.start());
        run.setEnd(outcome.end());
        run.setDevice(outcome.device());
        run.setSeed(outcome.snapshot().seed());
        for (Map.Entry<String, Double> e : outcome.metrics().entrySet()) {
            Metric m = f.createMetric();
            m.setName(e.getKey());
            m.setValue(e.getValue());
            run.getMetrics().add(m);
        }
        boolean manyModels = outcome.snapshot().models().size() > 1;
        for (ClipOutcome clip : outcome.clips()) {
            if (clip.state() != RunState.SUCCEEDED) {
                continue;
            }
            for (TaskArtifact a : clip.artifacts()) {
                Artifact artifact = f.createArtifact();
                artifact.setName((manyModels ? clip.modelId() + "/" : "") + clip.clipId() + "/" + a.name());
                ArtifactKind kind = ArtifactKind.get(a.kind());
                artifact.setKind(kind == null ? ArtifactKind.OTHER : kind);
                artifact.setLocation(Locations.of(project, clip.folder().resolve(a.file())));
                for (int d : a.shape()) {
                    artifact.getShape().add(d);
                }
                artifact.setDtype(a.dtype());
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
}
