package io.avlens.ui.training.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows of a training's loss CSV read so far: a step column, loss columns and columns for a secondary axis (as
 * the training's {@code loss-columns.json} declares them; without one, a {@value #TEMPERATURE} column), in the
 * file's column order. Rows arrive in step order; a row whose step is not after the last one means the training
 * was resumed from an earlier checkpoint (the trainer then rewrites the file up to that step), so the rows from that
 * step on are replaced. Not thread-safe: owned by one thread at a time.
 */
public final class LossCurve {

    /** The column every loss CSV starts with. */
    public static final String STEP = "step";
    /** The column drawn on the secondary axis when no sidecar says otherwise (CAVP's learnable temperature). */
    public static final String TEMPERATURE = "temperature";

    private final List<String> columns;
    private final List<String> secondary;
    private final List<double[]> rows = new ArrayList<>();

    /**
     * A curve whose {@value #TEMPERATURE} column, if any, goes on the secondary axis.
     *
     * @param columns the header's column names, the first being {@value #STEP}
     * @throws IllegalArgumentException when the first column is not {@value #STEP} or a name repeats
     */
    public LossCurve(List<String> columns) {
        this(columns, List.of(TEMPERATURE));
    }

    /**
     * @param columns   the header's column names, the first being {@value #STEP}
     * @param secondary the columns for the secondary axis (names the header lacks are ignored)
     * @throws IllegalArgumentException when the first column is not {@value #STEP} or a name repeats
     */
    public LossCurve(List<String> columns, List<String> secondary) {
        if (columns.isEmpty() || !STEP.equalsIgnoreCase(columns.get(0))) {
            throw new IllegalArgumentException("the header must start with '" + STEP + "', not '"
                    + String.join(",", columns) + "'");
        }
        if (columns.stream().map(c -> c.toLowerCase(Locale.ROOT)).distinct().count() != columns.size()) {
            throw new IllegalArgumentException("the header names a column twice: '" + String.join(",", columns) + "'");
        }
        this.columns = List.copyOf(columns);
        this.secondary = columns.stream().skip(1)
                .filter(c -> secondary.stream().anyMatch(c::equalsIgnoreCase)).toList();
    }

    /** All column names, step first. */
    public List<String> columns() {
        return columns;
    }

    /** The loss columns: every column but the step and the secondary ones. */
    public List<String> lossColumns() {
        return columns.stream().skip(1).filter(c -> !secondary.contains(c)).toList();
    }

    /** The columns of the secondary axis, in file order. */
    public List<String> secondaryColumns() {
        return secondary;
    }

    /** The index of a column (case-insensitive), or -1. */
    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Adds a row of {@link #columns()}.size() values, replacing the rows from its step on when it does not come after
     * the last one (a resumed training).
     */
    public void add(double[] row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException(row.length + " values for " + columns.size() + " columns");
        }
        while (!rows.isEmpty() && rows.get(rows.size() - 1)[0] >= row[0]) {
            rows.remove(rows.size() - 1);
        }
        rows.add(row.clone());
    }

    /** Number of rows. */
    public int size() {
        return rows.size();
    }

    /** The steps, in order. */
    public double[] steps() {
        return column(0);
    }

    /** The values of {@code column} (case-insensitive) in row order. */
    public double[] values(String column) {
        int index = indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column '" + column + "' in " + columns);
        }
        return column(index);
    }

    private double[] column(int index) {
        double[] values = new double[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rows.get(i)[index];
        }
        return values;
    }

    /** The last row, or null when there is none. */
    public double[] last() {
        return rows.isEmpty() ? null : rows.get(rows.size() - 1).clone();
    }

    /** A copy, for handing from the reading thread to the UI thread. */
    public LossCurve copy() {
        LossCurve copy = new LossCurve(columns, secondary);
        copy.rows.addAll(rows);
        return copy;
    }
}
