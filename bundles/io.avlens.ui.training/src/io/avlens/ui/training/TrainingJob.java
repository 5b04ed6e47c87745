package io.avlens.ui.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import io.avlens.models.cavp.CavpTrainer;
import io.avlens.models.cavp.TrainSpec;
import io.avlens.models.cavp.TrainingMonitor;
import io.avlens.models.cavp.TrainingProgress;
import io.avlens.models.cavp.TrainingResult;

/**
 * Trains (or resumes) CAVP-small into an output folder with {@link CavpTrainer}, on the job's own thread (the
 * trainer handles libtorch's per-thread autograd state itself). Progress units are training steps and the sub-task
 * shows the latest loss; Cancel stops after the current step, and the trainer then writes its checkpoint (and the
 * weights so far), so training again into the same folder resumes. The result status says what the user can act
 * on: the final loss and the weights and descriptor files ({@code OK}), the step and checkpoint a cancelled run
 * left ({@code CANCEL}), or the error with the file it concerns ({@code ERROR}). The caller sets the scheduling
 * rule (the model runner's, so training and inference never share the cores at once).
 */
public final class TrainingJob extends Job {

    private static final String PLUGIN = "io.avlens.ui.training";

    private final TrainSpec spec;
    private final Path data;
    private final Path out;
    private volatile TrainingResult result;
    private volatile double finalLoss = Double.NaN;
    private volatile int resumedFrom = -1;

    /**
     * @param spec the schedule (as {@code avlens train} builds it)
     * @param data an AV-Shapes dataset folder
     * @param out  the output folder: new, empty, or holding the checkpoint of a run to continue
     */
    public TrainingJob(TrainSpec spec, Path data, Path out) {
        super("Training CAVP-small into " + out);
        this.spec = spec;
        this.data = data;
        this.out = out;
        setUser(true);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        return train(monitor);
    }

    /**
     * Runs the training on the calling thread ({@link #run} does so on the job's thread); public for callers that
     * already hold the scheduling rule and for tests.
     */
    public IStatus train(IProgressMonitor monitor) {
        monitor.beginTask("Training CAVP-small (" + spec.steps() + " steps, batch " + spec.batchSize() + ")",
                spec.steps());
        try {
            resumedFrom = CavpTrainer.checkpointStep(out);
            Progress progress = new Progress(monitor);
            TrainingResult r = new CavpTrainer().train(spec, data, out, progress);
            result = r;
            finalLoss = progress.lastLoss;
            if (r.cancelled()) {
                return new Status(IStatus.CANCEL, PLUGIN, String.format(Locale.ROOT,
                        "Training cancelled at step %d of %d; the checkpoint %s resumes it (train again into %s).",
                        r.steps(), spec.steps(), out.resolve("checkpoint.bin"), out));
            }
            return new Status(IStatus.OK, PLUGIN, message(r));
        } catch (IOException e) {
            if (monitor.isCanceled()) {
                return new Status(IStatus.CANCEL, PLUGIN, "Training cancelled while reading the clips of " + data
                        + "; nothing new was written to " + out + ".");
            }
            return new Status(IStatus.ERROR, PLUGIN, "Training CAVP-small into " + out + " failed: " + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            return new Status(IStatus.ERROR, PLUGIN, "Training CAVP-small into " + out + " failed: " + e, e);
        } finally {
            monitor.done();
        }
    }

    private String message(TrainingResult r) {
        return String.format(Locale.ROOT,
                "CAVP-small trained to step %d%s in %.1f s: final loss %.4f. Weights %s, descriptor %s, loss curve %s.",
                r.steps(), resumedFrom > 0 ? " (resumed from step " + resumedFrom + ")" : "", r.seconds(), finalLoss,
                r.weights(), r.descriptor(), r.lossCurve());
    }

    /** What the training left behind, or null before it ended (or when it failed). */
    public TrainingResult result() {
        return result;
    }

    /** The total loss of the last logged step, NaN when none was logged. */
    public double finalLoss() {
        return finalLoss;
    }

    /** The checkpoint step the run continued from, -1 for a fresh run (known once the job runs). */
    public int resumedFrom() {
        return resumedFrom;
    }

    /** The output folder. */
    public Path outputFolder() {
        return out;
    }

    /** Trainer reports become monitor steps and a sub-task with the loss; the monitor's Cancel stops the trainer. */
    private static final class Progress implements TrainingMonitor {
        private final IProgressMonitor monitor;
        private int reported;
        double lastLoss = Double.NaN;

        Progress(IProgressMonitor monitor) {
            this.monitor = monitor;
        }

        @Override
        public void progress(TrainingProgress p) {
            if (!Double.isNaN(p.total())) {
                lastLoss = p.total();
            }
            switch (p.phase()) {
                case "loading" -> monitor.subTask("Reading the clips (decoded once, then cached)");
                case "training" -> {
                    monitor.worked(p.step() - reported);
                    reported = p.step();
                    monitor.subTask(String.format(Locale.ROOT, "step %d of %d · loss %.4f · %.2f s/step", p.step(),
                            p.totalSteps(), p.total(), p.secondsPerStep()));
                }
                case "checkpoint" -> monitor.subTask("Writing the checkpoint and weights at step " + p.step());
                default -> {
                    // "done": the status says the rest
                }
            }
        }

        @Override
        public boolean isCancelled() {
            return monitor.isCanceled();
        }
    }
}
