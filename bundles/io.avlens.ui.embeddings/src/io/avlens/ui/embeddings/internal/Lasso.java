package io.avlens.ui.embeddings.internal;

import java.util.BitSet;
import java.util.function.IntPredicate;

/**
 * A closed polygon in data coordinates (a lasso, or a box as four corners) and which points and clips lie inside it
 * (even-odd rule). Immutable.
 */
public final class Lasso {

    private final double[] xs;
    private final double[] ys;

    /** @param polygon {@code x0, y0, x1, y1, …}, at least three vertices, closed implicitly */
    public Lasso(double[] polygon) {
        if (polygon.length < 6 || polygon.length % 2 != 0) {
            throw new IllegalArgumentException("a lasso needs at least three vertices, got " + polygon.length / 2.0);
        }
        int n = polygon.length / 2;
        xs = new double[n];
        ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = polygon[2 * i];
            ys[i] = polygon[2 * i + 1];
        }
    }

    /** The rectangle with corners {@code (x0, y0)} and {@code (x1, y1)}. */
    public static Lasso box(double x0, double y0, double x1, double y1) {
        return new Lasso(new double[] {x0, y0, x1, y0, x1, y1, x0, y1});
    }

    /** Whether {@code (x, y)} is inside (even-odd rule; a point exactly on an edge may go either way). */
    public boolean contains(double x, double y) {
        boolean inside = false;
        for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
            if ((ys[i] > y) != (ys[j] > y) && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                inside = !inside;
            }
        }
        return inside;
    }

    /**
     * The clips ({@code point / modalities}) with at least one accepted point inside, looked up through the grid
     * of the same points.
     */
    public BitSet items(SpatialGrid grid, float[] xy, int modalities, IntPredicate accept) {
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xs.length; i++) {
            x0 = Math.min(x0, xs[i]);
            x1 = Math.max(x1, xs[i]);
            y0 = Math.min(y0, ys[i]);
            y1 = Math.max(y1, ys[i]);
        }
        BitSet items = new BitSet();
        grid.inBox(x0, y0, x1, y1, p -> {
            if (accept.test(p) && contains(xy[2 * p], xy[2 * p + 1])) {
                items.set(p / modalities);
            }
        });
        return items;
    }
}
