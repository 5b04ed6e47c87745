package io.avlens.ui.media.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Round tick positions and their labels for a time axis in seconds. */
public final class TimeTicks {

    private static final double[] STEPS = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10,
        15, 30, 60, 120, 300, 600, 1800, 3600};

    private TimeTicks() {
    }

    /** The smallest round step that keeps at most {@code maxTicks} ticks in {@code span} seconds. */
    public static double step(double span, int maxTicks) {
        for (double s : STEPS) {
            if (span / s <= Math.max(1, maxTicks)) {
                return s;
            }
        }
        return STEPS[STEPS.length - 1] * Math.ceil(span / maxTicks / STEPS[STEPS.length - 1]);
    }

    /** Multiples of {@code step} within {@code [from, to]}. */
    public static List<Double> ticks(double from, double to, double step) {
        List<Double> out = new ArrayList<>();
        for (long i = (long) Math.ceil(from / step - 1e-9); i * step <= to + 1e-9; i++) {
            out.add(i * step);
        }
        return out;
    }

    /** A label with as many decimals as the step needs: {@code 1.25 s}, {@code 1:30}. */
    public static String label(double seconds, double step) {
        if (step >= 60) {
            long s = Math.round(seconds);
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        int decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;
        if (decimals == 1 && Math.abs(step - 0.25) < 1e-9) {
            decimals = 2;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", seconds);
    }
}
