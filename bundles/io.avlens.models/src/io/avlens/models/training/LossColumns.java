package io.avlens.models.training;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a trainer's {@code loss.csv} after {@code step}, and how to draw them: which are losses (left axis)
 * and which belong on a secondary axis (e.g. a learned temperature). {@link LossCsv} writes this beside the CSV as
 * {@value LossCsv#SIDECAR}, so a viewer needs no knowledge of the family. Immutable.
 *
 * @param columns   every value column, in file order (not {@code step})
 * @param losses    the loss columns, a subset of {@code columns}
 * @param secondary the columns for a secondary axis, a subset of {@code columns} disjoint from {@code losses}
 * @param total     the loss column reported as "the" loss (progress, final loss)
 */
public record LossColumns(List<String> columns, List<String> losses, List<String> secondary, String total) {

    public LossColumns {
        columns = List.copyOf(columns);
        losses = List.copyOf(losses);
        secondary = List.copyOf(secondary);
        if (columns.isEmpty() || columns.contains("step") || columns.stream().distinct().count() != columns.size()
                || !columns.containsAll(losses) || !columns.containsAll(secondary) || !losses.contains(total)
                || losses.stream().anyMatch(secondary::contains)) {
            throw new IllegalArgumentException("bad loss columns: " + columns + ", losses " + losses + ", secondary "
                    + secondary + ", total " + total);
        }
    }

    /** Every column but those in {@code secondary} is a loss. */
    public static LossColumns of(List<String> columns, List<String> secondary, String total) {
        List<String> losses = new ArrayList<>(columns);
        losses.removeAll(secondary);
        return new LossColumns(columns, losses, secondary, total);
    }

    /** The index of {@code column} in {@link #columns()}, or -1. */
    public int indexOf(String column) {
        return columns.indexOf(column);
    }
}
