package io.avlens.core.tensor;

/**
 * Statistics of a tensor's values. Non-finite values (NaN, ±infinity) are counted apart and excluded from the rest.
 *
 * @param count       number of values
 * @param nonFinite   how many were NaN or infinite
 * @param min         smallest finite value, NaN when there is none
 * @param max         largest finite value, NaN when there is none
 * @param mean        mean of the finite values, NaN when there is none
 * @param std         population standard deviation of the finite values, NaN when there is none
 */
public record TensorStats(long count, long nonFinite, double min, double max, double mean, double std) {

    /** Statistics of {@code values} in one pass (Welford's update, so large tensors keep their precision). */
    public static TensorStats of(float[] values) {
        long n = 0;
        long bad = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double mean = 0;
        double m2 = 0;
        for (float f : values) {
            if (!Float.isFinite(f)) {
                bad++;
                continue;
            }
            n++;
            double delta = f - mean;
            mean += delta / n;
            m2 += delta * (f - mean);
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        if (n == 0) {
            return new TensorStats(values.length, bad, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new TensorStats(values.length, bad, min, max, mean, Math.sqrt(m2 / n));
    }
}
