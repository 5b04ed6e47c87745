package io.avlens.media.dsp;

/**
 * A curve sampled at a constant rate, value {@code i} at media time {@code i / framesPerSecond} seconds: an onset
 * strength envelope, a motion-energy curve. The array is handed over, not copied: callers treat it as read-only.
 *
 * @param values          the samples of the curve
 * @param framesPerSecond samples per second of media time
 */
public record TimeCurve(float[] values, double framesPerSecond) {

    /** @throws IllegalArgumentException when the rate is not positive and finite */
    public TimeCurve {
        if (values == null) {
            throw new IllegalArgumentException("a curve needs values");
        }
        if (!(framesPerSecond > 0) || Double.isInfinite(framesPerSecond)) {
            throw new IllegalArgumentException("frames per second must be positive, not " + framesPerSecond);
        }
    }

    /** Number of samples. */
    public int length() {
        return values.length;
    }

    /** Media time of sample {@code i}, seconds. */
    public double timeOf(int i) {
        return i / framesPerSecond;
    }

    /** Index of the sample with the largest value (the first of equals), or −1 for an empty curve. */
    public int argMax() {
        int best = -1;
        for (int i = 0; i < values.length; i++) {
            if (best < 0 || values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
