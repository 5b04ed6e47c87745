package io.avlens.runner.task;

import java.nio.file.Path;
import java.util.Map;

import io.avlens.inference.LoadedModel;
import io.avlens.inference.descriptor.ModelDescriptor;

/**
 * Everything a {@link ClipTask} gets for one clip.
 *
 * @param clipId       the clip's id in the project (or the file name for a clip outside any project)
 * @param media        the media file, absolute
 * @param model        the loaded model (shared by all clips of a run; do not close it)
 * @param descriptor   the model's descriptor (profile, inputs, outputs)
 * @param parameters   the experiment's parameters by name: {@code Long}, {@code Double}, {@code String},
 *                     {@code Boolean}, {@code List<Long>} or {@code List<Double>}
 * @param seed         the run's random seed
 * @param outputFolder where the artifacts go (exists, empty)
 */
public record ClipInput(String clipId, Path media, LoadedModel model, ModelDescriptor descriptor,
        Map<String, Object> parameters, long seed, Path outputFolder) {

    /** Copies the parameters. */
    public ClipInput {
        parameters = Map.copyOf(parameters);
    }

    /** A real-valued parameter (an integer one is widened), or {@code fallback} when it is absent. */
    public double real(String name, double fallback) {
        Object v = parameters.get(name);
        return v instanceof Number n ? n.doubleValue() : fallback;
    }
}
