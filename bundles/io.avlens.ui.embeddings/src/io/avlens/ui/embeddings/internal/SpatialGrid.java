package io.avlens.ui.embeddings.internal;

import java.util.function.IntPredicate;

/**
 * A uniform grid over the points' data coordinates (bucketed by a counting sort: two int arrays, no objects per
 * point), for hit-testing under the mouse and for lassos, in time proportional to the points near the query rather
 * than to all of them. Built once per layout; independent of pan and zoom. Immutable once built.
 */
public final class SpatialGrid {

    private final float[] xy;
    private final int cells;
    private final double minX;
    private final double minY;
    private final double cellW;
    private final double cellH;
    private final int[] start;
    private final int[] order;

    /**
     * @param xy points {@code x0, y0, x1, y1, …} (kept, not copied); non-finite points are never found
     */
    public SpatialGrid(float[] xy) {
        this.xy = xy;
        int n = xy.length / 2;
        this.cells = (int) Math.max(1, Math.min(1024, Math.ceil(Math.sqrt(n / 4.0))));
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < n; p++) {
            if (finite(p)) {
                x0 = Math.min(x0, xy[2 * p]);
                x1 = Math.max(x1, xy[2 * p]);
                y0 = Math.min(y0, xy[2 * p + 1]);
                y1 = Math.max(y1, xy[2 * p + 1]);
            }
        }
        if (x0 > x1) {
            x0 = x1 = y0 = y1 = 0;
        }
        minX = x0;
        minY = y0;
        cellW = Math.max(x1 - x0, 1e-12) / cells;
        cellH = Math.max(y1 - y0, 1e-12) / cells;
        start = new int[cells * cells + 1];
        int[] cellOf = new int[n];
        for (int p = 0; p < n; p++) {
            cellOf[p] = finite(p) ? cell(col(xy[2 * p]), row(xy[2 * p + 1])) : -1;
            if (cellOf[p] >= 0) {
                start[cellOf[p] + 1]++;
            }
        }
        for (int c = 0; c < cells * cells; c++) {
            start[c + 1] += start[c];
        }
        order = new int[start[cells * cells]];
        int[] fill = start.clone();
        for (int p = 0; p < n; p++) {
            if (cellOf[p] >= 0) {
                order[fill[cellOf[p]]++] = p;
            }
        }
    }

    /**
     * The point nearest to {@code (x, y)} within {@code radius} (data units) that {@code accept} accepts, or -1.
     */
    public int nearest(double x, double y, double radius, IntPredicate accept) {
        int c0 = col(x - radius);
        int c1 = col(x + radius);
        int r0 = row(y - radius);
        int r1 = row(y + radius);
        int best = -1;
        double bestD = radius * radius;
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                int cell = cell(c, r);
                for (int k = start[cell]; k < start[cell + 1]; k++) {
                    int p = order[k];
                    double dx = xy[2 * p] - x;
                    double dy = xy[2 * p + 1] - y;
                    double d = dx * dx + dy * dy;
                    if (d <= bestD && accept.test(p)) {
                        bestD = d;
                        best = p;
                    }
                }
            }
        }
        return best;
    }

    /** Calls {@code visit} with every point inside {@code [x0, x1] × [y0, y1]} (data units, inclusive). */
    public void inBox(double x0, double y0, double x1, double y1, java.util.function.IntConsumer visit) {
        for (int r = row(Math.min(y0, y1)); r <= row(Math.max(y0, y1)); r++) {
            for (int c = col(Math.min(x0, x1)); c <= col(Math.max(x0, x1)); c++) {
                int cell = cell(c, r);
                for (int k = start[cell]; k < start[cell + 1]; k++) {
                    int p = order[k];
                    float x = xy[2 * p];
                    float y = xy[2 * p + 1];
                    if (x >= Math.min(x0, x1) && x <= Math.max(x0, x1) && y >= Math.min(y0, y1)
                            && y <= Math.max(y0, y1)) {
                        visit.accept(p);
                    }
                }
            }
        }
    }

    /** Cells per side. */
    public int cellsPerSide() {
        return cells;
    }

    private boolean finite(int p) {
        return Float.isFinite(xy[2 * p]) && Float.isFinite(xy[2 * p + 1]);
    }

    private int col(double x) {
        return (int) Math.max(0, Math.min(cells - 1, Math.floor((x - minX) / cellW)));
    }

    private int row(double y) {
        return (int) Math.max(0, Math.min(cells - 1, Math.floor((y - minY) / cellH)));
    }

    private int cell(int c, int r) {
        return r * cells + c;
    }
}
