package io.avlens.ui.similarity.internal;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.eclipse.swt.widgets.Display;

import io.avlens.models.BuiltinModels;
import io.avlens.runner.results.ClipResults;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.project.Inference;

/**
 * The Similarity view's computation of the clip it follows with the model chosen in its list: asked of
 * {@link ClipResults} once per clip (again after the model changes), the answer handed to the view on the UI thread
 * only while it is still wanted (same clip, same model, not replaced by a volume the user opened); a cancelled answer
 * is forgotten so the next activation of the clip asks again. Not thread-safe: UI thread only.
 */
public final class ActiveClipVolume {

    /** What the view does with an answer still wanted: the volume (or why there is none) of a clip with a model. */
    @FunctionalInterface
    public interface Answered {
        /** The volume (or why there is none) of {@code clip} with {@code model}. */
        void computed(AnalysisContext clip, String model, ClipSimilarity.Result result);
    }

    private final Display display;
    private final ClipResults results;
    private final BuiltinModels builtins;
    private final double maxLagSeconds;
    private final Answered answered;
    private final Consumer<AnalysisContext> cancelled;
    /** The clip whose volume was last asked for (computed or being computed), to compute each clip once. */
    private Path requested;
    private CompletableFuture<ClipSimilarity.Result> computing;
    private AnalysisContext clip;
    private String model;

    /**
     * @param results  the service that computes, or null (nothing is computed)
     * @param builtins the built-in models, or null
     * @param answered  told an answer that is still wanted
     * @param cancelled told of a clip whose computation was cancelled (elsewhere, e.g. in the Progress view)
     */
    public ActiveClipVolume(Display display, ClipResults results, BuiltinModels builtins, double maxLagSeconds,
            Answered answered, Consumer<AnalysisContext> cancelled) {
        this.display = display;
        this.results = results;
        this.builtins = builtins;
        this.maxLagSeconds = maxLagSeconds;
        this.answered = answered;
        this.cancelled = cancelled;
    }

    /**
     * Asks for {@code clip}'s volume with {@code model} unless it was asked for already (null clip or model: nothing);
     * {@code starting} is told before the request goes out.
     */
    public void compute(AnalysisContext clip, String model, Consumer<String> starting) {
        this.clip = clip;
        this.model = model;
        if (clip == null || model == null || results == null || clip.file().equals(requested)) {
            return;
        }
        requested = clip.file();
        cancel();
        starting.accept("Computing " + clip.title() + " with " + model + "...");
        CompletableFuture<ClipSimilarity.Result> volume = ClipSimilarity.request(results, builtins,
                Inference.settings(), model, clip.file(), maxLagSeconds);
        computing = volume;
        volume.whenComplete((result, error) -> display.asyncExec(() -> {
            if (volume.isCancelled()) {
                forget(volume, clip);
            } else if (result != null) {
                deliver(volume, clip, model, result);
            }
        }));
    }

    /** Forgets what was asked, so the next {@link #compute} asks again (the model changed). */
    public void reset() {
        requested = null;
        cancel();
    }

    /** The user opened a volume for {@code opened} in its place: its computation stops and is not asked again. */
    public void replacedBy(AnalysisContext opened) {
        requested = opened.file();
        cancel();
        computing = null;
    }

    /** The current computation, or null when none was asked for. */
    public CompletableFuture<ClipSimilarity.Result> computation() {
        return computing;
    }

    /** Withdraws this view's interest: the computation stops unless another view asked for it too. */
    public void cancel() {
        if (computing != null) {
            computing.cancel(false);
        }
    }

    private void forget(CompletableFuture<ClipSimilarity.Result> withdrawn, AnalysisContext asked) {
        if (display.isDisposed() || computing != withdrawn || !asked.file().equals(requested)) {
            return;
        }
        requested = null;
        cancelled.accept(asked);
    }

    private void deliver(CompletableFuture<ClipSimilarity.Result> volume, AnalysisContext asked, String askedModel,
            ClipSimilarity.Result result) {
        if (display.isDisposed() || volume != computing || clip != asked || !asked.file().equals(requested)
                || !askedModel.equals(model)) {
            return; // another clip, model or volume was chosen meanwhile
        }
        answered.computed(asked, askedModel, result);
    }
}
