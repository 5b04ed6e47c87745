package io.avlens.ui.widgets;

/**
 * How a heatmap axis turns cell indices into values: value = origin + index × step (e.g. seconds for a time axis
 * sampled at 8 frames per second: origin 0, step 0.125, unit "s"), or, for a categorical axis, names its cells.
 *
 * @param label  axis title, e.g. "video time (s)"
 * @param origin value of index 0
 * @param step   value difference between neighbouring cells; non-zero
 * @param names  each cell's tick label (a categorical axis, e.g. the guidance scales of a sweep), or null
 */
public record Axis(String label, double origin, double step, java.util.List<String> names) {

    /** A numeric axis. */
    public Axis(String label, double origin, double step) {
        this(label, origin, step, null);
    }

    /** Compact constructor: the names are copied. */
    public Axis {
        names = names == null ? null : java.util.List.copyOf(names);
    }

    /** Plain indices. */
    public static Axis index(String label) {
        return new Axis(label, 0, 1);
    }

    /** A categorical axis: cell {@code i} is ticked and labelled {@code names.get(i)}. */
    public static Axis categories(String label, java.util.List<String> names) {
        return new Axis(label, 0, 1, names);
    }

    /** The label of tick value {@code t}: the cell's name on a categorical axis, else {@link #format}. */
    public String tickLabel(double t) {
        if (names != null) {
            long i = Math.round(t);
            if (Math.abs(t - i) < 1e-9 && i >= 0 && i < names.size()) {
                return names.get((int) i);
            }
        }
        return format(t);
    }

    /** The value at (fractional) cell index {@code i}. */
    public double value(double i) {
        return origin + i * step;
    }

    /** The (fractional) cell index of {@code value}. */
    public double index(double value) {
        return (value - origin) / step;
    }

    /**
     * "Nice" tick values (1, 2 or 5 × 10^k apart, and never less than one cell apart) covering the cells
     * {@code [0, count)}, about {@code target} many; on a categorical axis every named cell.
     */
    public double[] ticks(int count, int target) {
        if (names != null) { // every named cell
            double[] all = new double[Math.min(count, names.size())];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        double a = value(0);
        double b = value(Math.max(0, count - 1));
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        if (hi <= lo) {
            return new double[] {lo};
        }
        double raw = (hi - lo) / Math.max(1, target);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10;
        // never closer than one cell: a 2-cell index axis gets ticks 0 and 1, not 0, 0.05, 0.1 …
        double spacing = Math.max(nice * magnitude, Math.abs(step));
        double first = Math.ceil(lo / spacing - 1e-9) * spacing;
        int n = (int) Math.floor((hi - first) / spacing + 1e-9) + 1;
        double[] ticks = new double[Math.max(0, n)];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = first + i * spacing;
        }
        return ticks;
    }

    /** A short label for a tick value: no trailing zeros, at most 3 decimals. */
    public static String format(double v) {
        if (Math.abs(v) < 1e-12) {
            return "0";
        }
        if (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3) {
            return String.format("%.2g", v);
        }
        String s = String.format("%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
