package io.avlens.ui.project.editor;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;

/**
 * Keeps a table's columns filling its width, refitted when the table is resized: each column but the last as wide
 * as its content and the last the rest, or, in a table too narrow for that, in the proportions of their initial
 * widths, so a narrow editor shows every column (each narrower) instead of cutting the last ones off at the table's
 * edge. A column the user resizes keeps its width until the table is resized or its rows change. UI thread.
 */
final class ColumnShares {

    private ColumnShares() {
    }

    /**
     * From now on, {@code table}'s columns fill its width: each but the last as wide as its content, the last the
     * rest; where that does not fit, they share the width as their present widths do.
     */
    static void apply(Table table) {
        TableColumn[] columns = table.getColumns();
        int[] weights = new int[columns.length];
        int sum = 0;
        for (int i = 0; i < columns.length; i++) {
            weights[i] = Math.max(1, columns[i].getWidth());
            sum += weights[i];
        }
        int total = sum;
        table.addListener(SWT.Resize, e -> fit(table, columns, weights, total));
    }

    /** Fits the columns again after the rows changed (a longer id), as a resize does. */
    static void refit(Table table) {
        if (!table.isDisposed()) {
            table.notifyListeners(SWT.Resize, new org.eclipse.swt.widgets.Event());
        }
    }

    private static void fit(Table table, TableColumn[] columns, int[] weights, int total) {
        if (table.isDisposed() || columns.length == 0) {
            return;
        }
        int width = table.getClientArea().width;
        if (width <= 0) {
            return;
        }
        // every column but the last as wide as its content when that leaves the last some room (ids are not cut)
        int fixed = 0;
        int[] need = new int[columns.length];
        for (int i = 0; i < columns.length - 1; i++) {
            columns[i].pack();
            need[i] = columns[i].getWidth();
            fixed += need[i];
        }
        if (fixed + 80 <= width) {
            for (int i = 0; i < columns.length - 1; i++) {
                columns[i].setWidth(need[i]);
            }
            columns[columns.length - 1].setWidth(width - fixed);
            return;
        }
        int left = width;
        for (int i = 0; i < columns.length; i++) {
            int w = i == columns.length - 1 ? left : (int) ((long) width * weights[i] / total);
            columns[i].setWidth(Math.max(8, w));
            left -= w;
        }
    }
}
