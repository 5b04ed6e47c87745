package io.avlens.core.tensor;

/**
 * An immutable N-dimensional tensor in C (row-major) order, of one element type: {@link FloatTensor} (float32:
 * features, images, spectrograms) or {@link LongTensor} (int64: token ids, class indices). Service APIs that take
 * either kind take a {@code Tensor} and switch over the two. Thread-safe.
 */
public sealed interface Tensor permits FloatTensor, LongTensor {

    /** The shape (a copy); empty for a 0-d tensor. */
    int[] shape();

    /** Number of dimensions. */
    int rank();

    /** Size of dimension {@code axis}. */
    int dim(int axis);

    /** Number of elements. */
    int size();

    /** The element type as NumPy names it: {@link NpyDtype#FLOAT32} or {@link NpyDtype#INT64}. */
    NpyDtype dtype();

    /** Bytes of the elements. */
    default long bytes() {
        return (long) size() * dtype().itemSize();
    }

    /** Items {@code [start, end)} along dimension 0, copied; a tensor of the same kind. */
    Tensor rows(int start, int end);
}
