package io.avlens.core.color;

import io.avlens.core.tensor.TensorStats;

/**
 * Maps data values linearly onto a colour map between {@code low} and {@code high}, and colours whole planes into
 * ARGB pixel arrays (the fast path for heatmaps: drawing a pre-coloured image beats per-cell rendering by ~50×).
 *
 * @param map  the colour map
 * @param low  value drawn with the first colour
 * @param high value drawn with the last colour; greater than {@code low}
 */
public record ColorScale(ColorMap map, double low, double high) {

    /** @throws IllegalArgumentException when the bounds are not finite or not increasing */
    public ColorScale {
        if (!Double.isFinite(low) || !Double.isFinite(high) || !(high > low)) {
            throw new IllegalArgumentException("colour scale needs finite low < high, got " + low + ", " + high);
        }
    }

    /**
     * A scale fitted to data: min..max for sequential maps, symmetric ±max|v| around zero for diverging maps.
     * Constant or empty data gets a unit-wide range around its value.
     */
    public static ColorScale fit(ColorMap map, TensorStats stats) {
        double lo = Double.isNaN(stats.min()) ? 0 : stats.min();
        double hi = Double.isNaN(stats.max()) ? 1 : stats.max();
        if (map.isDiverging()) {
            double m = Math.max(Math.abs(lo), Math.abs(hi));
            lo = -m;
            hi = m;
        }
        if (!(hi > lo)) {
            // constant data: widen by at least 0.5, and enough to matter at the value's magnitude
            double pad = Math.max(0.5, Math.abs(lo) * 1e-3);
            lo -= pad;
            hi += pad;
        }
        return new ColorScale(map, lo, hi);
    }

    /** Position of {@code value} on the scale, 0 at {@code low} and 1 at {@code high} (not clamped). */
    public double normalize(double value) {
        return (value - low) / (high - low);
    }

    /** The colour of {@code value}; NaN gives transparent. */
    public int argb(double value) {
        return map.argb(normalize(value));
    }

    /**
     * Colours {@code count} values starting at {@code from} into {@code argb} starting at {@code to}.
     * Non-finite values become transparent.
     */
    public void colorize(float[] values, int from, int[] argb, int to, int count) {
        int[] lut = map.table();
        double scale = (ColorMap.SIZE - 1) / (high - low);
        for (int i = 0; i < count; i++) {
            float v = values[from + i];
            if (!Float.isFinite(v)) {
                argb[to + i] = 0;
                continue;
            }
            double k = (v - low) * scale; // clamped before the cast: far-off values must not wrap around
            argb[to + i] = lut[k <= 0 ? 0 : k >= ColorMap.SIZE - 1 ? ColorMap.SIZE - 1 : (int) Math.round(k)];
        }
    }
}
