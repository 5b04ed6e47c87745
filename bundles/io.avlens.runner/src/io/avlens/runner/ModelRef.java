package io.avlens.runner;

import java.nio.file.Path;

import io.avlens.inference.descriptor.ModelDescriptor;

/**
 * A model of a run, resolved on the caller's thread: its descriptor and where its files are.
 *
 * @param descriptor     what the model is (family, profile, inputs, outputs, expected weights SHA-256)
 * @param descriptorFile the {@code model.json} it was read from, or for a model known only to the project the
 *                       project file (its descriptor's weights are then an absolute path)
 * @param weights        the weights file, absolute
 */
public record ModelRef(ModelDescriptor descriptor, Path descriptorFile, Path weights) {

    /** @throws IllegalArgumentException when a part is missing */
    public ModelRef {
        if (descriptor == null || descriptorFile == null || weights == null) {
            throw new IllegalArgumentException("a model needs a descriptor, its file and its weights");
        }
    }

    /** The model's id. */
    public String id() {
        return descriptor.id();
    }

    /** The model's family, which picks the {@link io.avlens.runner.task.ClipTask}. */
    public String family() {
        return descriptor.family();
    }
}
