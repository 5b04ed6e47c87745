package io.avlens.runner;

import java.util.Map;
import java.util.TreeMap;

/**
 * One model on one media file, outside any experiment: what a viewer asks for the clip it shows (e.g. CAVP-small's
 * similarity volume of the clip in the similarity view).
 *
 * @param kind       the task kind ({@code similarity}, {@code heatmap}…)
 * @param model      the model (see {@link ExperimentSnapshots#model})
 * @param clip       the clip
 * @param parameters the task's parameters, as in an experiment
 * @param seed       the seed
 */
public record ClipRequest(String kind, ModelRef model, ClipRef clip, Map<String, Object> parameters, long seed) {

    /** Copies the parameters, sorted by name. */
    public ClipRequest {
        if (kind == null || model == null || clip == null) {
            throw new IllegalArgumentException("a clip request needs a kind, a model and a clip");
        }
        parameters = java.util.Collections.unmodifiableMap(new TreeMap<>(parameters == null ? Map.of() : parameters));
    }
}
