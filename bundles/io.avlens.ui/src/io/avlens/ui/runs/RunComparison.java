package io.avlens.ui.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.avlens.model.Metric;
import io.avlens.model.Run;

/**
 * Two runs' metrics side by side: one row per metric either run has, sorted by name, with the difference second
 * minus first (NaN where either lacks the metric). Stateless.
 */
public final class RunComparison {

    /**
     * One metric of the comparison.
     *
     * @param name   the metric's name
     * @param first  its value in the first run, NaN when the run lacks it
     * @param second its value in the second run, NaN when the run lacks it
     */
    public record Row(String name, double first, double second) {

        /** Second minus first; NaN when either is missing. */
        public double difference() {
            return second - first;
        }
    }

    private RunComparison() {
    }

    /** The rows comparing {@code first} with {@code second}. */
    public static List<Row> rows(Run first, Run second) {
        TreeSet<String> names = new TreeSet<>();
        for (Run run : List.of(first, second)) {
            run.getMetrics().stream().map(Metric::getName).filter(n -> n != null).forEach(names::add);
        }
        List<Row> rows = new ArrayList<>();
        for (String name : names) {
            rows.add(new Row(name, RunRows.metric(first, name).orElse(Double.NaN),
                    RunRows.metric(second, name).orElse(Double.NaN)));
        }
        return rows;
    }

    /** A value as the runs table shows it; empty for a missing one. */
    public static String text(double value) {
        return Double.isNaN(value) ? "" : RunColumn.metricText(value);
    }

    /** A difference with its sign ("+0.2500", "-3", "0"); empty when either value is missing. */
    public static String difference(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        return (value > 0 ? "+" : "") + RunColumn.metricText(value);
    }
}
