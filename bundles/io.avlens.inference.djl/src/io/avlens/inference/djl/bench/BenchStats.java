package io.avlens.inference.djl.bench;

import java.util.Arrays;

/** What the benchmarks of this package share: the median of repeated timings, and a shape as ShapeSpec text. */
final class BenchStats {

    private BenchStats() {
    }

    /** The median of {@code v} (the mean of the two middle values for an even count). */
    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    /** {@code 16,256} for shape {@code [16, 256]}. */
    static String shapeText(int[] shape) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ",").append(shape[i]);
        }
        return b.toString();
    }
}
