package io.avlens.runner.task;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * What one model computes for one clip in an experiment of one kind: the runner's extension point. Model bundles
 * register implementations as DS services (e.g. CAVP-small's similarity volume); the runner picks the task whose
 * {@link #kind()} is the experiment's kind and which {@link #supports} the model's family, loads the model through
 * the inference service, and calls {@link #run} once per clip on its worker thread. A task keeps no state between
 * calls: everything it needs comes in the {@link ClipInput}, everything it produces goes out as files under
 * {@link ClipInput#outputFolder()} and the {@link ClipResult}.
 */
public interface ClipTask {

    /** The experiment kind it serves, as the EMF {@code Experiment.kind} string (free text): {@code similarity}, {@code heatmap}… */
    String kind();

    /** Whether it runs models of this descriptor family (e.g. {@code cavp}). */
    boolean supports(String family);

    /**
     * A version that changes whenever the outputs for the same model, media and parameters would change (new
     * preprocessing, new artifact layout); the runner folds it into its cache key.
     */
    String version();

    /**
     * The experiment parameters {@link #run} reads, besides {@code seed} (which every task may read): the
     * experiment editor offers exactly these, {@code avlens validate} warns about any other, and only these (and
     * the seed) are given to the task and enter the cache key, so a parameter no task reads never makes a cached
     * result stale. None by default.
     */
    default List<ParameterSpec> parameters() {
        return List.of();
    }

    /**
     * The files besides the media that {@link #run} reads for this clip (e.g. a sidecar with the clip's ground
     * truth): the runner hashes their content (or their absence) into its cache key, so a changed sidecar gives a
     * new result. None by default. Called on any thread; must not read the files itself.
     *
     * @param media the clip's media file, absolute
     */
    default List<Path> inputs(Path media) {
        return List.of();
    }

    /**
     * Runs the model on one clip: decodes the media at the model's profile, runs forward passes, writes the artifacts
     * into {@code input.outputFolder()} (which exists and is empty) and returns what it wrote and measured.
     *
     * @param monitor checked for cancellation between batches; the task reports its own units when it has several
     *                batches, or none
     * @throws TaskException with a message a user can act on (names the clip's file and the problem)
     * @throws org.eclipse.core.runtime.OperationCanceledException when the monitor was cancelled
     */
    ClipResult run(ClipInput input, IProgressMonitor monitor) throws TaskException;

    /**
     * Experiment-level metrics over the clips that succeeded (e.g. sync accuracy over clips with a known lag);
     * empty by default.
     */
    default Map<String, Double> summarize(List<ClipResult> results) {
        return Map.of();
    }

    /**
     * Experiment-level metrics over every clip the run reached: those that succeeded and those that failed, so a
     * task can count a failure against its metrics (e.g. as a miss) instead of leaving it out of the denominator.
     * The runner calls this one; by default it summarises the clips that succeeded.
     */
    default Map<String, Double> summarize(List<ClipResult> succeeded, List<ClipFailure> failed) {
        return succeeded.isEmpty() ? Map.of() : summarize(succeeded);
    }
}
