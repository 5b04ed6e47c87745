package io.avlens.ui.training.internal;

/**
 * Trailing moving average of a loss curve: each point is the mean of itself and the {@code window - 1} points before
 * it (fewer at the start), so a smoothed curve never looks ahead of the step it is drawn at. NaN values are left out
 * of the mean; a point whose window holds only NaN stays NaN.
 */
public final class Smoothing {

    private Smoothing() {
    }

    /**
     * @param values the curve
     * @param window points averaged, 1 for none
     * @return a new array of the same length
     */
    public static double[] movingAverage(double[] values, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("a moving average needs a window of at least 1, not " + window);
        }
        double[] smoothed = new double[values.length];
        // each window summed afresh (window <= a few hundred): a running sum would drift from the exact mean
        for (int i = 0; i < values.length; i++) {
            double sum = 0;
            int count = 0;
            for (int k = Math.max(0, i - window + 1); k <= i; k++) {
                if (!Double.isNaN(values[k])) {
                    sum += values[k];
                    count++;
                }
            }
            smoothed[i] = count == 0 ? Double.NaN : sum / count;
        }
        return smoothed;
    }
}
