package io.avlens.runner.results;

import java.util.concurrent.CompletableFuture;

import io.avlens.runner.ClipOutcome;
import io.avlens.runner.ClipRequest;
import io.avlens.runner.RunSettings;

/**
 * Per-clip results for views (an OSGi service): a view asks for "the {@code kind} of model M for this clip" and gets
 * a future; the result is computed once through the {@link io.avlens.runner.ModelRunner} and shared by every view
 * that asks, as Trace Compass's analysis modules are. Views never call the runner themselves.
 * <p>
 * <b>Once.</b> Two requests are the same when their {@link ClipRequest}s are equal (kind, model, clip, parameters,
 * seed), their {@link RunSettings} are equal, and the clip's media file and the model's weights file still have the
 * size and modification time they had when the result was computed (a file changed on disk is computed again). The
 * first asker starts one Eclipse {@link org.eclipse.core.runtime.jobs.Job} (shown in the Progress view, cancellable
 * there) that calls {@link io.avlens.runner.ModelRunner#runClip}, so it goes through the runner's cache and waits
 * for its scheduling rule only when the result is not cached. Every asker of the same request while it runs joins
 * that job.
 * <p>
 * <b>Memory.</b> The last {@value #REMEMBERED} succeeded outcomes are remembered (least recently asked for goes
 * first); asking for one of them again completes at once, without a job (unless its folder was deleted
 * meanwhile, e.g. the cache emptied: then it is computed again). A failed or cancelled computation is
 * forgotten, so asking again computes again. Without a cache folder in the settings the outcome's folder is this
 * service's: it is deleted when the outcome is forgotten, so read the artifacts when the future completes.
 * <p>
 * <b>Cancel.</b> Each asker gets a future of its own; all of them complete with the same {@link ClipOutcome}
 * instance. Cancelling your future ({@code future.cancel(false)}) withdraws only your interest; when no asker wants
 * the result any more, the job is cancelled (the runner stops within one clip). When the job is cancelled from the
 * Progress view, every asker's future is cancelled.
 * <p>
 * <b>Use from a view</b> (e.g. a DenseAV heatmap view): inject the service ({@code @Inject @Optional ClipResults
 * results;} in an e4 part), build the request on any thread, keep the future, and move to the UI thread when it
 * completes; cancel it when the view shows another clip or model, or is disposed:
 *
 * <pre>{@code
 * ClipRequest request = new ClipRequest("heatmap", ExperimentSnapshots.model(settings.modelsFolder(), "denseav"),
 *         new ClipRef("clip-00001", media), Map.of("head", 0L), 0);
 * pending = results.request(request, settings);
 * pending.whenComplete((outcome, error) -> display.asyncExec(() -> {
 *     if (outcome != null && outcome.state() == RunState.SUCCEEDED) {
 *         show(outcome.folder().resolve(outcome.artifacts().get(0).file()));   // read, never change
 *     } else if (!pending.isCancelled()) {
 *         showProblem(outcome != null ? outcome.message() : error.getMessage());
 *     }
 * }));
 * ...
 * pending.cancel(false);   // another clip was chosen: withdraw this view's interest
 * }</pre>
 *
 * Thread-safe; futures complete on the job's thread (or at once, on the caller's, for a remembered outcome).
 */
public interface ClipResults {

    /** How many succeeded outcomes are remembered. */
    int REMEMBERED = 64;

    /**
     * The outcome of {@code request} under {@code settings}: remembered, being computed, or computed now in a job.
     *
     * @return a future of the caller's own; it completes with the runner's outcome (also a
     *         {@link io.avlens.runner.RunState#FAILED} one, whose message names the clip and the problem),
     *         exceptionally when the runner threw, and is cancelled when the job was cancelled
     */
    CompletableFuture<ClipOutcome> request(ClipRequest request, RunSettings settings);
}
