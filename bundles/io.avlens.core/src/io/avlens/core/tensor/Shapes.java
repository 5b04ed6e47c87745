package io.avlens.core.tensor;

import java.util.Arrays;

/** Shape arithmetic shared by the tensor types. */
final class Shapes {

    private Shapes() {
    }

    /** Number of elements of a shape; 1 for the empty (0-d) shape. */
    static long size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** C-order strides in elements. */
    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = stride;
            stride *= shape[i];
        }
        return s;
    }
}
