package io.avlens.ui.runs;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;

import io.avlens.model.Experiment;
import io.avlens.model.Run;
import io.avlens.model.RunStatus;

/**
 * A column of the runs table: its title, the text of a run in it and the order it sorts by. Numbers sort as numbers
 * with missing values last; texts sort case-insensitively.
 *
 * @param title      the header text
 * @param width      the initial width in pixels
 * @param text       the cell text
 * @param comparator the ascending order of runs in this column
 */
public record RunColumn(String title, int width, Function<Run, String> text, Comparator<Run> comparator) {

    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    /** The fixed columns: experiment, run, status, start, duration, device, seed. */
    public static java.util.List<RunColumn> fixed() {
        return java.util.List.of(
                texts("Experiment", 130, run -> {
                    Experiment e = RunRows.experimentOf(run);
                    return e == null ? null : e.getId();
                }),
                texts("Run", 90, Run::getId),
                new RunColumn("Status", 100, run -> status(run).getLiteral(),
                        Comparator.comparingInt(run -> status(run).getValue())),
                new RunColumn("Start", 140, run -> run.getStart() == null ? "" : START.format(run.getStart()),
                        Comparator.comparing(Run::getStart, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))),
                numbers("Duration", 80, Run::durationSeconds, RunColumn::duration),
                texts("Device", 70, Run::getDevice),
                numbers("Seed", 60, run -> (double) run.getSeed(), v -> Long.toString(v.longValue())));
    }

    /**
     * A column of one metric's value with the decimals {@code decimals} gives for it at the time a cell is drawn
     * (the view sets them from all runs' values, {@link #decimals}), so a column's numbers line up: {@code 0.9500}
     * above {@code 0.6425}, not {@code 0.95}.
     */
    public static RunColumn metric(String name, java.util.function.ToIntFunction<String> decimals) {
        return numbers(name, Math.max(70, 8 * name.length() + 16),
                run -> RunRows.metric(run, name).orElse(Double.NaN), v -> fixed(v, decimals.applyAsInt(name)));
    }

    /**
     * The decimals one column shows for {@code values} (NaN: missing, ignored): none when every value is whole,
     * else enough for four significant digits of its smallest non-whole value of at least 0.001 (at most 6).
     */
    public static int decimals(double... values) {
        int d = 0;
        for (double v : values) {
            if (Double.isNaN(v) || Double.isInfinite(v) || v == Math.rint(v) || Math.abs(v) < 1e-3) {
                continue;
            }
            d = Math.max(d, Math.min(6, Math.max(0, 3 - (int) Math.floor(Math.log10(Math.abs(v))))));
        }
        return d;
    }

    /** {@code v} with {@code decimals} decimals; a non-zero value under 0.001 with three significant digits. */
    static String fixed(double v, int decimals) {
        if (v == 0) {
            return String.format(Locale.ROOT, "%." + decimals + "f", 0.0); // not -0.0000
        }
        if (Math.abs(v) < 1e-3 || Double.isInfinite(v)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static RunStatus status(Run run) {
        return run.getStatus() == null ? RunStatus.PENDING : run.getStatus();
    }

    private static RunColumn texts(String title, int width, Function<Run, String> value) {
        Function<Run, String> text = run -> value.apply(run) == null ? "" : value.apply(run);
        return new RunColumn(title, width, text, Comparator.comparing(text, String.CASE_INSENSITIVE_ORDER));
    }

    private static RunColumn numbers(String title, int width, java.util.function.ToDoubleFunction<Run> value,
            Function<Double, String> format) {
        return new RunColumn(title, width, run -> {
            double v = value.applyAsDouble(run);
            return Double.isNaN(v) ? "" : format.apply(v);
        }, (a, b) -> {
            double x = value.applyAsDouble(a);
            double y = value.applyAsDouble(b);
            // missing values after every number
            return Double.isNaN(x) || Double.isNaN(y) ? Boolean.compare(Double.isNaN(x), Double.isNaN(y))
                    : Double.compare(x, y);
        });
    }

    /** A duration in seconds as "0.42 s", "12.3 s", "4 min 05 s" or "2 h 03 min". */
    static String duration(double seconds) {
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.2f s", seconds);
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }

    /** A count as a whole number (12 clips, not 12.00), anything else with four significant digits. */
    static String metricText(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.4g", v);
    }
}
