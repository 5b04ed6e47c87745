package io.avlens.ui.project.editor;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;

/**
 * Keeps a table's columns filling its width, refitted when the table is resized or its rows change: each column but
 * the last as wide as its content and the last the rest, or, in a table too narrow for that, in the proportions of
 * their initial widths, so a narrow editor shows every column (each narrower) instead of cutting the last ones off at
 * the table's edge. A column the user resizes (any but the last, which always takes the rest) keeps the width the
 * user gave it from then on; refits size the other columns around it. UI thread.
 */
final class ColumnShares {

    private final Table table;
    private final TableColumn[] columns;
    private final int[] weights;
    private final int total;
    /** Columns the user has resized: their widths are the user's, not refitted. */
    private final boolean[] userSized;
    /** The width each column was last given here; a resize to another width is the user's. */
    private final int[] given;
    /** True while {@link #fit()} sets widths, so its own resizes are not taken for the user's. */
    private boolean fitting;

    private ColumnShares(Table table) {
        this.table = table;
        this.columns = table.getColumns();
        this.weights = new int[columns.length];
        this.userSized = new boolean[columns.length];
        this.given = new int[columns.length];
        int sum = 0;
        for (int i = 0; i < columns.length; i++) {
            weights[i] = Math.max(1, columns[i].getWidth());
            sum += weights[i];
        }
        this.total = sum;
    }

    /**
     * From now on, {@code table}'s columns fill its width: each but the last as wide as its content, the last the
     * rest; where that does not fit, they share the width as their present widths do.
     */
    static void apply(Table table) {
        ColumnShares shares = new ColumnShares(table);
        // the last column always takes the rest, and GTK hands it any spare width itself: never the user's
        for (int i = 0; i < shares.columns.length - 1; i++) {
            int index = i;
            TableColumn column = shares.columns[i];
            shares.given[i] = column.getWidth();
            column.addListener(SWT.Resize, e -> {
                if (!shares.fitting && column.getWidth() != shares.given[index]) {
                    shares.userSized[index] = true;
                }
            });
        }
        table.addListener(SWT.Resize, e -> shares.fit());
    }

    /** Fits the columns again after the rows changed (a longer id), as a resize does. */
    static void refit(Table table) {
        if (!table.isDisposed()) {
            table.notifyListeners(SWT.Resize, new org.eclipse.swt.widgets.Event());
        }
    }

    private void fit() {
        if (table.isDisposed() || columns.length == 0) {
            return;
        }
        int width = table.getClientArea().width;
        if (width <= 0) {
            return;
        }
        boolean outer = fitting; // a width set here can resize the table (a scroll bar) and fit again inside
        fitting = true;
        try {
            fit(width);
        } finally {
            fitting = outer;
            for (int i = 0; i < columns.length; i++) {
                given[i] = columns[i].getWidth();
            }
        }
    }

    private void fit(int width) {
        int last = columns.length - 1;
        // every column but the last as wide as its content (or as the user made it) when that leaves the last some
        // room (ids are not cut)
        int fixed = 0;
        int[] need = new int[columns.length];
        for (int i = 0; i < last; i++) {
            if (!userSized[i]) {
                columns[i].pack();
            }
            need[i] = columns[i].getWidth();
            fixed += need[i];
        }
        if (fixed + 80 <= width) {
            for (int i = 0; i < last; i++) {
                columns[i].setWidth(need[i]);
            }
            columns[last].setWidth(width - fixed);
            return;
        }
        // too narrow: the columns the user sized keep their widths, the others share what is left
        int left = width;
        int shared = 0;
        for (int i = 0; i < columns.length; i++) {
            if (userSized[i]) {
                left -= columns[i].getWidth();
            } else {
                shared += weights[i];
            }
        }
        int room = Math.max(0, left);
        int lastFree = -1;
        for (int i = 0; i < columns.length; i++) {
            lastFree = userSized[i] ? lastFree : i;
        }
        for (int i = 0; i < columns.length; i++) {
            if (userSized[i]) {
                continue;
            }
            int w = i == lastFree ? left : (int) ((long) room * weights[i] / Math.max(1, shared));
            columns[i].setWidth(Math.max(8, w));
            left -= w;
        }
    }
}
