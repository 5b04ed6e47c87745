package io.avlens.analysis.projection;

/**
 * n points of dimension d, row-major ({@code values[i * d + j]}); the array is the caller's and is not changed.
 */
public record Points(int n, int d, float[] values) {

    public Points {
        if (n < 0 || d <= 0 || (long) n * d != values.length) {
            throw new IllegalArgumentException(n + " points of dimension " + d + " need " + (long) n * d
                    + " values, got " + values.length);
        }
    }
}
