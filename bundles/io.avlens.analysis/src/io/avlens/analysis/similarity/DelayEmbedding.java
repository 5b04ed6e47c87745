package io.avlens.analysis.similarity;

import io.avlens.core.tensor.FloatTensor;

/**
 * Per-time features from a 1-D curve (an onset-strength envelope, a motion-energy curve) without a model: step
 * {@code t} becomes the window {@code curve[t − W … t + W]} (edges repeat the first or last value) minus the window's
 * mean. The cosine of two such features is the Pearson correlation of the two curves' local shapes, so a similarity
 * volume of audio onsets against visual motion shows where sound and picture change together. A baseline for the
 * sync estimate, and real data for the similarity view before a model is at hand. Stateless and thread-safe.
 */
public final class DelayEmbedding {

    private DelayEmbedding() {
    }

    /**
     * The centred windows of {@code curve}, {@code [T, 2W + 1]}.
     *
     * @param halfWidth {@code W}, steps; not negative
     */
    public static FloatTensor centred(float[] curve, int halfWidth) {
        if (halfWidth < 0) {
            throw new IllegalArgumentException("half width must not be negative, got " + halfWidth);
        }
        int n = curve.length;
        int width = 2 * halfWidth + 1;
        float[] out = new float[n * width];
        for (int t = 0; t < n; t++) {
            double mean = 0;
            for (int j = 0; j < width; j++) {
                mean += curve[Math.max(0, Math.min(n - 1, t + j - halfWidth))];
            }
            mean /= width;
            for (int j = 0; j < width; j++) {
                out[t * width + j] = (float) (curve[Math.max(0, Math.min(n - 1, t + j - halfWidth))] - mean);
            }
        }
        return FloatTensor.wrap(new int[] {n, width}, out);
    }

    /**
     * {@code curve} resampled to {@code count} steps of {@code to}: step {@code i} is the mean of the samples of
     * {@code from} inside {@code [to.timeOf(i), to.timeOf(i + 1))}, or the nearest sample when none falls inside
     * (for curves slower than the target).
     */
    public static float[] resample(float[] curve, TimeBase from, TimeBase to, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            long first = (long) Math.ceil(from.indexOf(to.timeOf(i)) - 1e-9);
            long end = (long) Math.ceil(from.indexOf(to.timeOf(i + 1)) - 1e-9);
            double sum = 0;
            int n = 0;
            for (long k = Math.max(0, first); k < Math.min(curve.length, end); k++) {
                sum += curve[(int) k];
                n++;
            }
            out[i] = n > 0 ? (float) (sum / n) : curve.length == 0 ? 0 : curve[from.nearest(to.timeOf(i), curve.length)];
        }
        return out;
    }
}
