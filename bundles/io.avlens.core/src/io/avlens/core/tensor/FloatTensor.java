package io.avlens.core.tensor;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * An immutable N-dimensional float32 tensor in C (row-major) order: the currency of AV Lens's service APIs
 * (model inputs and outputs, similarity volumes, heatmaps, embeddings). Thread-safe.
 */
public final class FloatTensor implements Tensor {

    private final int[] shape;
    private final float[] data;

    private FloatTensor(int[] shape, float[] data) {
        this.shape = shape;
        this.data = data;
        if (Shapes.size(shape) != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + Shapes.size(shape) + " values, got " + data.length);
        }
    }

    /** A tensor holding a copy of {@code values} (C order) with the given shape. */
    public static FloatTensor of(int[] shape, float... values) {
        return new FloatTensor(shape.clone(), values.clone());
    }

    /**
     * A tensor over {@code values} without copying them: the caller hands the array over and must not change it
     * afterwards. For producers of large tensors.
     */
    public static FloatTensor wrap(int[] shape, float[] values) {
        return new FloatTensor(shape.clone(), values);
    }

    /** A tensor of zeros. */
    public static FloatTensor zeros(int... shape) {
        return new FloatTensor(shape.clone(), new float[Math.toIntExact(Shapes.size(shape))]);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int rank() {
        return shape.length;
    }

    @Override
    public int dim(int axis) {
        return shape[axis];
    }

    @Override
    public int size() {
        return data.length;
    }

    @Override
    public NpyDtype dtype() {
        return NpyDtype.FLOAT32;
    }

    @Override
    public FloatTensor rows(int start, int end) {
        int[] s = shape.clone();
        int row = s[0] == 0 ? 0 : data.length / s[0];
        s[0] = end - start;
        return new FloatTensor(s, Arrays.copyOfRange(data, start * row, end * row));
    }

    /** The element at a full index. */
    public float get(int... index) {
        return data[Shapes.flatIndex(shape, index)];
    }

    /** The element at a C-order flat index. */
    public float getFlat(int flat) {
        return data[flat];
    }

    /** A copy of all values, C order. */
    public float[] toArray() {
        return data.clone();
    }

    /** A read-only view of the values, C order, without copying. */
    public FloatBuffer asReadOnlyBuffer() {
        return FloatBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** The same values with another shape of equal size. */
    public FloatTensor reshape(int... newShape) {
        return new FloatTensor(newShape.clone(), data);
    }

    /**
     * The sub-tensor at {@code index} along the first axis (one rank less), copied. Views use repeated slices to
     * get the 2-D plane they draw from an N-d tensor.
     */
    public FloatTensor slice(int index) {
        if (shape.length == 0) {
            throw new IllegalStateException("a 0-d tensor has no axis to slice");
        }
        if (index < 0 || index >= shape[0]) {
            throw new IndexOutOfBoundsException("index " + index + " outside axis 0 of size " + shape[0]);
        }
        int[] sub = Arrays.copyOfRange(shape, 1, shape.length);
        int n = Math.toIntExact(Shapes.size(sub));
        return new FloatTensor(sub, Arrays.copyOfRange(data, index * n, index * n + n));
    }

    /** Summary statistics over the finite values. */
    public TensorStats stats() {
        return TensorStats.of(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
