package io.avlens.ui.generation.sweep;

/**
 * Which way a sweep metric is better: larger for scores and accuracies, smaller in magnitude for the sync offset
 * (0 is in sync) and for distances. Stateless.
 */
public final class MetricDirection {

    private MetricDirection() {
    }

    /** Whether larger values of {@code metric} are better. */
    public static boolean higherIsBetter(String metric) {
        return !metric.equals("syncOffset") && !metric.toLowerCase(java.util.Locale.ROOT).contains("fad")
                && !metric.toLowerCase(java.util.Locale.ROOT).contains("distance");
    }

    /** A value turned so that larger is better: {@code -|v|} for the sync offset, {@code -v} for distances. */
    public static double score(String metric, double value) {
        if (metric.equals("syncOffset")) {
            return -Math.abs(value);
        }
        return higherIsBetter(metric) ? value : -value;
    }
}
