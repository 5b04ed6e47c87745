package io.avlens.ui.embeddings.internal;

/**
 * Where the scatter's data coordinates land on screen: the data point {@code (cx, cy)} is at the centre of a
 * {@code width × height} pixel area, {@code scale} pixels per data unit, y pointing up. Immutable, so a renderer on
 * another thread reads a consistent one.
 *
 * @param cx     data x at the centre
 * @param cy     data y at the centre
 * @param scale  pixels per data unit, &gt; 0
 * @param width  pixels
 * @param height pixels
 */
public record Viewport(double cx, double cy, double scale, int width, int height) {

    /** Zoom limits relative to nothing: a scale outside them is clamped. */
    static final double MIN_SCALE = 1e-9;
    static final double MAX_SCALE = 1e12;

    public Viewport {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive number, not " + scale);
        }
    }

    /** A viewport that shows {@code [minX, maxX] × [minY, maxY]} whole, leaving {@code margin} pixels each side. */
    public static Viewport fit(double minX, double maxX, double minY, double maxY, int width, int height,
            int margin) {
        double spanX = Math.max(maxX - minX, 1e-12);
        double spanY = Math.max(maxY - minY, 1e-12);
        double usableW = Math.max(1, width - 2 * margin);
        double usableH = Math.max(1, height - 2 * margin);
        double scale = Math.min(usableW / spanX, usableH / spanY);
        return new Viewport((minX + maxX) / 2, (minY + maxY) / 2, clamp(scale), width, height);
    }

    /** A viewport that shows every finite point of {@code xy} ({@code x0, y0, x1, y1, …}). */
    public static Viewport fit(float[] xy, int width, int height, int margin) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int p = 0; p + 1 < xy.length; p += 2) {
            float x = xy[p];
            float y = xy[p + 1];
            if (Float.isFinite(x) && Float.isFinite(y)) {
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        if (minX > maxX) {
            return new Viewport(0, 0, 1, width, height);
        }
        return fit(minX, maxX, minY, maxY, width, height, margin);
    }

    /** Screen x of data x. */
    public double screenX(double x) {
        return (x - cx) * scale + width / 2.0;
    }

    /** Screen y of data y (y grows upwards in data, downwards on screen). */
    public double screenY(double y) {
        return height / 2.0 - (y - cy) * scale;
    }

    /** Data x of screen x. */
    public double dataX(double sx) {
        return (sx - width / 2.0) / scale + cx;
    }

    /** Data y of screen y. */
    public double dataY(double sy) {
        return cy - (sy - height / 2.0) / scale;
    }

    /** Zooms by {@code factor} (&gt; 1: in) keeping the data point under {@code (sx, sy)} where it is. */
    public Viewport zoomAt(double sx, double sy, double factor) {
        double x = dataX(sx);
        double y = dataY(sy);
        double s = clamp(scale * factor);
        return new Viewport(x - (sx - width / 2.0) / s, y + (sy - height / 2.0) / s, s, width, height);
    }

    /** Moves the picture by {@code (dx, dy)} pixels (what a drag does). */
    public Viewport pan(double dx, double dy) {
        return new Viewport(cx - dx / scale, cy + dy / scale, scale, width, height);
    }

    /**
     * This viewport on an area of {@code w × h}: the centre stays and the scale changes by the smaller of the two
     * sides' ratios, so all of this viewport's area stays in view (a smaller view shows the same points smaller
     * instead of cropping them). Refitting to this viewport's own size gives it back exactly; refitting a refitted
     * viewport does not in general (shrink one side, grow the other: the scale only shrinks), so a canvas refits the
     * viewport last chosen, not the one it shows.
     */
    public Viewport refit(int w, int h) {
        return new Viewport(cx, cy, clamp(scale * Math.min((double) w / width, (double) h / height)), w, h);
    }

    private static double clamp(double s) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }
}
