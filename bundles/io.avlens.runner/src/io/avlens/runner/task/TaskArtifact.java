package io.avlens.runner.task;

/**
 * One file a task wrote.
 *
 * @param name  a short name shown to users, e.g. {@code similarity}
 * @param kind  the EMF {@code ArtifactKind} literal: {@code tensor}, {@code similarityVolume}, {@code audio}…
 * @param file  the file name relative to the clip's output folder, e.g. {@code similarity.npy}
 * @param shape the tensor's shape, empty for non-tensors
 * @param dtype the element type ({@code float32}, {@code int16}…), or null
 */
public record TaskArtifact(String name, String kind, String file, int[] shape, String dtype) {

    /** Copies the shape. */
    public TaskArtifact {
        shape = shape == null ? new int[0] : shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }
}
