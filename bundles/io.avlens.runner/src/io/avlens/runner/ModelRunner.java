package io.avlens.runner;

import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Runs experiments and single clips (an OSGi service). The caller takes a {@link RunSnapshot} on the thread that
 * owns the EMF model ({@link ExperimentSnapshots#take}); the runner then works on the snapshot alone: for each
 * model it finds the {@link io.avlens.runner.task.ClipTask} of the experiment's kind and the model's family,
 * checks each clip against the model's profile, loads the model once (through the best
 * {@link io.avlens.inference.InferenceService}, only when some clip is not in the cache) and writes the artifacts
 * under {@code <project>/runs/<run-id>/<model-id>/<clip-id>/} with {@code run.json} beside them. The project file
 * is never written: turn the outcome into an EMF {@code Run} with {@link RunRecords#toRun} and add it yourself.
 * <p>
 * <b>Failures.</b> A clip that cannot be used (missing or damaged media, a contract error such as a missing stream
 * or a clip shorter than the model's window, a {@link io.avlens.runner.task.TaskException}, an inference error
 * such as a batch over the memory budget) fails that clip only: the others still run, and the run ends
 * {@link RunState#FAILED} with a message listing each failed clip, its file and the reason, while the artifacts of
 * the clips that succeeded are kept and recorded. What makes every clip fail (no task for the kind and family,
 * weights that do not match their SHA-256, a model that will not load, running out of memory) ends the run at
 * once. Either way {@code run.json} is written with the status and message. Cancel stops within one clip (or one
 * batch, for tasks that check the monitor between batches) and ends the run {@link RunState#CANCELLED}.
 * <p>
 * <b>Scheduling.</b> Runs and clips take {@link #schedulingRule()} when their first clip that is not in the cache
 * is computed and hold it to their end, so computations queue and execute one at a time, while results that are
 * all cached come at once even while a training or another run holds the rule. Thread-safe.
 */
public interface ModelRunner {

    /** The rule shared by every inference job (see {@link InferenceRule}). */
    ISchedulingRule schedulingRule();

    /**
     * Runs on the calling thread (waiting for the scheduling rule before the first clip that is not cached); for
     * the command line and tests.
     *
     * @param monitor progress (one unit per model load and per model × clip) and cancel
     * @return the outcome; never throws for a failed or cancelled run, which is recorded in it
     */
    RunOutcome run(RunSnapshot snapshot, RunSettings settings, IProgressMonitor monitor);

    /**
     * A job that runs the snapshot (not yet scheduled); it takes {@link #schedulingRule()} as {@link #run} does,
     * so it has no rule of its own. Its result
     * is {@code OK} when the run succeeded, {@code CANCEL} when it was cancelled, else an error status with the
     * run's message; {@code onDone} receives the outcome on the job's thread before the job ends (the workbench
     * then adds the EMF run on its UI thread).
     */
    Job runJob(RunSnapshot snapshot, RunSettings settings, Consumer<RunOutcome> onDone);

    /**
     * Computes one model on one clip on the calling thread, through the same cache and scheduling rule as runs.
     * The artifacts are in {@link ClipOutcome#folder()}: the cache entry when there is a cache (read it, do not
     * change it), else a new folder of its own in the runner's scratch area under the system's temporary folder,
     * which the caller deletes when done (what is left goes when the runner does, or, when the program is killed,
     * when the next runner starts). A cached result does not wait for the scheduling rule.
     */
    ClipOutcome runClip(ClipRequest request, RunSettings settings, IProgressMonitor monitor);

    /** A job for {@link #runClip}; it takes {@link #schedulingRule()} as {@link #runClip} does. */
    Job clipJob(ClipRequest request, RunSettings settings, Consumer<ClipOutcome> onDone);
}
