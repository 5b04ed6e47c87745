package io.avlens.inference;

/**
 * A named model input or output and its shape.
 *
 * @param name  the name, e.g. {@code frames}
 * @param shape the shape, with symbolic dimensions where they vary
 */
public record TensorSpec(String name, ShapeSpec shape) {

    /** @throws IllegalArgumentException without a name or shape */
    public TensorSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a tensor spec needs a name");
        }
        if (shape == null) {
            throw new IllegalArgumentException("tensor '" + name + "' needs a shape");
        }
    }

    /** A spec from a shape written like {@code "B,3,224,224"}. */
    public static TensorSpec of(String name, String shape) {
        return new TensorSpec(name, ShapeSpec.parse(shape));
    }

    @Override
    public String toString() {
        return name + shape;
    }
}
