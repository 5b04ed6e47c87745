package io.avlens.ui.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import io.avlens.models.training.Checkpoint;
import io.avlens.models.training.FamilyTrainer;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingProgress;
import io.avlens.models.training.TrainingResult;

/**
 * Trains (or resumes) a family's network into an output folder with its {@link FamilyTrainer}, on the job's own
 * thread (trainers handle libtorch's per-thread autograd state themselves). Progress units are training steps and
 * the sub-task shows the latest loss; Cancel stops after the current step, and the trainer then writes its
 * checkpoint (and the weights so far), so training again into the same folder resumes. The result status says what
 * the user can act on: the final loss and the weights and descriptor files ({@code OK}), the step and checkpoint a
 * cancelled run left ({@code CANCEL}), or the error with the file it concerns ({@code ERROR}). The caller sets the
 * scheduling rule (the model runner's, so training and inference never share the cores at once).
 */
public final class TrainingJob extends Job {

    private static final String PLUGIN = "io.avlens.ui.training";

    private final FamilyTrainer trainer;
    private final TrainRequest request;
    private volatile TrainingResult result;
    private volatile double finalLoss = Double.NaN;
    private volatile int resumedFrom = -1;

    /**
     * @param trainer the family's trainer
     * @param request what to train (as {@code avlens train} builds it); its output folder is new, empty, or holds the
     *                checkpoint of a run to continue
     */
    public TrainingJob(FamilyTrainer trainer, TrainRequest request) {
        super("Training " + trainer.displayName() + " into " + request.out());
        this.trainer = trainer;
        this.request = request;
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
        String name = trainer.displayName();
        Path out = request.out();
        monitor.beginTask("Training " + name + " (" + request.steps() + " steps)", Progress.UNITS);
        try {
            resumedFrom = Checkpoint.step(out);
            Progress progress = new Progress(monitor);
            TrainingResult r = trainer.train(request, progress);
            result = r;
            finalLoss = progress.lastLoss;
            if (r.cancelled()) {
                return new Status(IStatus.CANCEL, PLUGIN, String.format(Locale.ROOT,
                        "Training cancelled at step %d of %d; the checkpoint %s resumes it (train again into %s).",
                        r.steps(), request.steps(), out.resolve(Checkpoint.FILE), out));
            }
            return new Status(IStatus.OK, PLUGIN, message(r));
        } catch (IOException e) {
            if (monitor.isCanceled()) {
                return new Status(IStatus.CANCEL, PLUGIN, "Training cancelled while reading the data of "
                        + request.data() + "; nothing new was written to " + out + ".");
            }
            return new Status(IStatus.ERROR, PLUGIN, "Training " + name + " into " + out + " failed: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            return new Status(IStatus.ERROR, PLUGIN, "Training " + name + " into " + out + " failed: " + e, e);
        } finally {
            monitor.done();
        }
    }

    private String message(TrainingResult r) {
        return String.format(Locale.ROOT,
                "%s trained to step %d%s in %.1f s: final loss %.4f. Weights %s, descriptor %s, loss curve %s.",
                trainer.displayName(), r.steps(), resumedFrom > 0 ? " (resumed from step " + resumedFrom + ")" : "",
                r.seconds(), finalLoss, r.weights(), r.descriptor(), r.lossCurve());
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
        return request.out();
    }

    /** Trainer reports become monitor steps and a sub-task with the loss; the monitor's Cancel stops the trainer. */
    private static final class Progress implements TrainingMonitor {
        /** The monitor's units: the share of the training's steps done, in thousandths (a family may train in parts). */
        static final int UNITS = 1000;
        private final IProgressMonitor monitor;
        private int reported;
        double lastLoss = Double.NaN;

        Progress(IProgressMonitor monitor) {
            this.monitor = monitor;
        }

        @Override
        public void progress(TrainingProgress p) {
            if (!Double.isNaN(p.loss())) {
                lastLoss = p.loss();
            }
            switch (p.phase()) {
                case "loading" -> monitor.subTask(p.totalSteps() > 0
                        ? String.format(Locale.ROOT, "Reading the data (decoded once, then cached): %d%%",
                                100L * p.step() / p.totalSteps())
                        : "Reading the data (decoded once, then cached)");
                case "training" -> {
                    int units = (int) Math.min(UNITS, (long) p.step() * UNITS / Math.max(1, p.totalSteps()));
                    monitor.worked(Math.max(0, units - reported));
                    reported = Math.max(reported, units);
                    monitor.subTask(String.format(Locale.ROOT, "step %d of %d · loss %.4f · %.2f s/step", p.step(),
                            p.totalSteps(), p.loss(), p.secondsPerStep()));
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
