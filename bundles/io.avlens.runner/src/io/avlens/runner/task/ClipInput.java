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
 * @param model        the loaded model of a model of one file (shared by all clips of a run; do not close it);
 *                     null for a model made of parts
 * @param descriptor   the model's descriptor (profile, inputs, outputs)
 * @param parameters   the experiment's parameters by name: {@code Long}, {@code Double}, {@code String},
 *                     {@code Boolean}, {@code List<Long>} or {@code List<Double>}
 * @param seed         the run's random seed
 * @param outputFolder where the artifacts go (exists, empty)
 * @param parts        the loaded parts by role ({@link ModelParts}; a model of one file is one part)
 */
public record ClipInput(String clipId, Path media, LoadedModel model, ModelDescriptor descriptor,
        Map<String, Object> parameters, long seed, Path outputFolder, ModelParts parts) {

    /** Copies the parameters; the parts of a model of one file are made from {@code model} when null. */
    public ClipInput {
        parameters = Map.copyOf(parameters);
        if (parts == null) {
            if (model == null) {
                throw new IllegalArgumentException("a clip input needs a model or its parts");
            }
            parts = ModelParts.single(model);
        } else if (model == null) {
            model = parts.single();
        }
    }

    /** The input for a model of one file. */
    public ClipInput(String clipId, Path media, LoadedModel model, ModelDescriptor descriptor,
            Map<String, Object> parameters, long seed, Path outputFolder) {
        this(clipId, media, model, descriptor, parameters, seed, outputFolder, null);
    }

    /** The input for a model given by its parts (one file or several). */
    public ClipInput(String clipId, Path media, ModelParts parts, ModelDescriptor descriptor,
            Map<String, Object> parameters, long seed, Path outputFolder) {
        this(clipId, media, null, descriptor, parameters, seed, outputFolder, parts);
    }

    /** A real-valued parameter (an integer one is widened), or {@code fallback} when it is absent. */
    public double real(String name, double fallback) {
        Object v = parameters.get(name);
        return v instanceof Number n ? n.doubleValue() : fallback;
    }
}
