package io.avlens.analysis.generation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Generated samples arranged as a guidance grid: rows ω (ascending), columns γ (ascending), each cell holding the
 * samples of that (ω, γ) — one per seed, or one per clip and seed for a dataset sweep. What the grid view, the metric
 * surface, {@code avlens sweep}'s table and the CSV export all read, so they show the same numbers. Immutable.
 */
public final class SweepGrid {

    /**
     * A metric over one cell's samples.
     *
     * @param mean the mean over the samples that have the metric (NaN when none)
     * @param sd   the sample standard deviation (0 for one sample, NaN for none)
     * @param n    how many samples have a finite value
     */
    public record Summary(double mean, double sd, int n) {
    }

    /**
     * A cell's position.
     *
     * @param row    the ω index
     * @param column the γ index
     */
    public record Position(int row, int column) {
    }

    private final List<Double> omegas;
    private final List<Double> gammas;
    private final List<List<List<GeneratedSample>>> cells;

    private SweepGrid(List<Double> omegas, List<Double> gammas, List<List<List<GeneratedSample>>> cells) {
        this.omegas = omegas;
        this.gammas = gammas;
        this.cells = cells;
    }

    /**
     * The grid of {@code samples}: axes are the distinct ω and γ values; a cell's samples are ordered by clip, then
     * seed. Cells of the product with no sample are empty.
     *
     * @throws IllegalArgumentException when there is no sample
     */
    public static SweepGrid of(List<GeneratedSample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a sweep grid needs at least one generated sample");
        }
        List<Double> omegas = List.copyOf(new TreeSet<>(samples.stream().map(s -> s.settings().omega()).toList()));
        List<Double> gammas = List.copyOf(new TreeSet<>(samples.stream().map(s -> s.settings().gamma()).toList()));
        List<List<List<GeneratedSample>>> cells = new ArrayList<>();
        for (int r = 0; r < omegas.size(); r++) {
            List<List<GeneratedSample>> row = new ArrayList<>();
            for (int c = 0; c < gammas.size(); c++) {
                row.add(new ArrayList<>());
            }
            cells.add(row);
        }
        for (GeneratedSample s : samples) {
            cells.get(omegas.indexOf(s.settings().omega())).get(gammas.indexOf(s.settings().gamma())).add(s);
        }
        Comparator<GeneratedSample> order = Comparator.comparing(GeneratedSample::clip)
                .thenComparingLong(s -> s.settings().seed()).thenComparing(GeneratedSample::stem);
        List<List<List<GeneratedSample>>> frozen = new ArrayList<>();
        for (List<List<GeneratedSample>> row : cells) {
            frozen.add(row.stream().map(cell -> cell.stream().sorted(order).toList()).toList());
        }
        return new SweepGrid(omegas, gammas, List.copyOf(frozen));
    }

    /** The ω values, one per row, ascending. */
    public List<Double> omegas() {
        return omegas;
    }

    /** The γ values, one per column, ascending. */
    public List<Double> gammas() {
        return gammas;
    }

    /** The samples of a cell (possibly empty). */
    public List<GeneratedSample> cell(int row, int column) {
        return cells.get(row).get(column);
    }

    /** Every sample, row by row. */
    public List<GeneratedSample> samples() {
        List<GeneratedSample> all = new ArrayList<>();
        cells.forEach(row -> row.forEach(all::addAll));
        return all;
    }

    /** The names of the metrics any sample has, sorted. */
    public List<String> metricNames() {
        return List.copyOf(new TreeSet<>(samples().stream().flatMap(s -> s.metrics().keySet().stream()).toList()));
    }

    /** A metric's mean, spread and count over a cell's samples (those where it is finite). */
    public Summary summary(String metric, int row, int column) {
        double[] values = cell(row, column).stream().map(s -> s.metrics().get(metric))
                .filter(v -> v != null && Double.isFinite(v)).mapToDouble(Double::doubleValue).toArray();
        if (values.length == 0) {
            return new Summary(Double.NaN, Double.NaN, 0);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0;
        return new Summary(mean, sd, values.length);
    }

    /**
     * The cell with the best mean of {@code metric} (the first in row order on a tie), or null when no cell has it.
     *
     * @param higherIsBetter whether larger values are better (Align Acc) or smaller ones (|sync offset|, FAD)
     */
    public Position best(String metric, boolean higherIsBetter) {
        Position best = null;
        double bestValue = Double.NaN;
        for (int r = 0; r < omegas.size(); r++) {
            for (int c = 0; c < gammas.size(); c++) {
                double v = summary(metric, r, c).mean();
                if (Double.isFinite(v) && (best == null || (higherIsBetter ? v > bestValue : v < bestValue))) {
                    best = new Position(r, c);
                    bestValue = v;
                }
            }
        }
        return best;
    }

    /**
     * The metric table as CSV, one row per sample: {@code omega,gamma,seed,clip,stem,} then every metric of
     * {@link #metricNames()} (empty where a sample lacks it). Numbers in the root locale.
     */
    public String csv() {
        List<String> names = metricNames();
        StringBuilder b = new StringBuilder("omega,gamma,seed,clip,stem");
        names.forEach(n -> b.append(',').append(quote(n)));
        b.append('\n');
        for (GeneratedSample s : samples()) {
            b.append(number(s.settings().omega())).append(',').append(number(s.settings().gamma())).append(',')
                    .append(s.settings().seed()).append(',').append(quote(s.clip())).append(',')
                    .append(quote(s.stem()));
            for (String n : names) {
                Double v = s.metrics().get(n);
                b.append(',').append(v == null || !Double.isFinite(v) ? "" : number(v));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Every cell's summaries of every metric, row by row: {@code "ω,γ" → metric → summary}. */
    public Map<String, Map<String, Summary>> table() {
        Map<String, Map<String, Summary>> table = new LinkedHashMap<>();
        for (int r = 0; r < omegas.size(); r++) {
            for (int c = 0; c < gammas.size(); c++) {
                Map<String, Summary> m = new LinkedHashMap<>();
                for (String n : metricNames()) {
                    m.put(n, summary(n, r, c));
                }
                table.put(number(omegas.get(r)) + "," + number(gammas.get(c)), m);
            }
        }
        return table;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
