package io.avlens.core.tensor;

import java.nio.LongBuffer;
import java.util.Arrays;

/**
 * An immutable N-dimensional int64 tensor in C (row-major) order: token ids, class indices, anything a model takes
 * as integers (PyTorch's {@code torch.long}). Thread-safe.
 */
public final class LongTensor implements Tensor {

    private final int[] shape;
    private final long[] data;

    private LongTensor(int[] shape, long[] data) {
        this.shape = shape;
        this.data = data;
        if (Shapes.size(shape) != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + Shapes.size(shape) + " values, got " + data.length);
        }
    }

    /** A tensor holding a copy of {@code values} (C order) with the given shape. */
    public static LongTensor of(int[] shape, long... values) {
        return new LongTensor(shape.clone(), values.clone());
    }

    /** A tensor over {@code values} without copying them: the caller must not change the array afterwards. */
    public static LongTensor wrap(int[] shape, long[] values) {
        return new LongTensor(shape.clone(), values);
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
        return NpyDtype.INT64;
    }

    /** The element at a full index. */
    public long get(int... index) {
        return data[Shapes.flatIndex(shape, index)];
    }

    /** The element at a C-order flat index. */
    public long getFlat(int flat) {
        return data[flat];
    }

    /** A copy of all values, C order. */
    public long[] toArray() {
        return data.clone();
    }

    /** A read-only view of the values, C order, without copying. */
    public LongBuffer asReadOnlyBuffer() {
        return LongBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** The same values with another shape of equal size. */
    public LongTensor reshape(int... newShape) {
        return new LongTensor(newShape.clone(), data);
    }

    @Override
    public LongTensor rows(int start, int end) {
        int[] s = shape.clone();
        int row = s[0] == 0 ? 0 : data.length / s[0];
        s[0] = end - start;
        return new LongTensor(s, Arrays.copyOfRange(data, start * row, end * row));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LongTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "LongTensor" + Arrays.toString(shape);
    }
}
