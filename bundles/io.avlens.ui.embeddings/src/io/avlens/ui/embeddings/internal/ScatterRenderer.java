package io.avlens.ui.embeddings.internal;

/**
 * Draws a {@link Scene} into an ARGB pixel buffer (no SWT): each point a small marker shaped by its modality (disc,
 * square, triangle, diamond; larger while at most {@link #LARGE_LIMIT} are in view) while at most
 * {@link #MARKER_LIMIT} points are in view; beyond that each point is a
 * pixel and overlapping points are averaged, more opaque where more of them fall (a density picture, so a million
 * points still read). Filtered-out clips are faint grey pixels; selected clips are ringed, the highlighted clip
 * ringed in red with its points joined. Not thread-safe: one renderer per rendering thread (it reuses its buffers).
 */
public final class ScatterRenderer {

    /** Points in view up to which markers are drawn; beyond, density pixels. */
    public static final int MARKER_LIMIT = 150_000;
    static final int BACKGROUND = 0xFFFFFFFF;
    static final int FAINT = 0xFFE3E3E3;
    static final int LINE = 0x30000000;
    static final int RING = 0xFF000000;
    static final int HIGHLIGHT = 0xFFD62728;
    /** Points in view up to which the markers are drawn large (radius 5 instead of 3). */
    public static final int LARGE_LIMIT = 3_000;
    private static final int[][] SHAPES = {shape(0, 3), shape(1, 3), shape(2, 3), shape(3, 3)};
    private static final int[][] LARGE = {shape(0, 5), shape(1, 5), shape(2, 5), shape(3, 5)};
    private static final int[] RING_SMALL = ring(5);
    private static final int[] RING_MEDIUM = ring(7);
    private static final int[] RING_LARGE = ring(8);

    private int[] count = new int[0];
    private int[] sumR = new int[0];
    private int[] sumG = new int[0];
    private int[] sumB = new int[0];

    /**
     * Renders the scene as {@code viewport} shows it.
     *
     * @param out {@code width × height} pixels, row by row (overwritten); a new array when null or of another size
     * @return the pixels
     */
    public int[] render(Scene scene, Viewport viewport, int[] out) {
        int w = viewport.width();
        int h = viewport.height();
        int[] px = out != null && out.length == w * h ? out : new int[w * h];
        java.util.Arrays.fill(px, BACKGROUND);
        PixelBuffer c = new PixelBuffer(px, w, h);
        float[] xy = scene.xy();
        int n = scene.points();
        int m = scene.modalities();
        int[] sx = new int[n];
        int[] sy = new int[n];
        int inView = 0;
        for (int p = 0; p < n; p++) {
            double x = viewport.screenX(xy[2 * p]);
            double y = viewport.screenY(xy[2 * p + 1]);
            boolean finite = Double.isFinite(x) && Double.isFinite(y);
            sx[p] = finite ? (int) Math.max(-1e6, Math.min(1e6, Math.floor(x))) : Integer.MIN_VALUE;
            sy[p] = finite ? (int) Math.max(-1e6, Math.min(1e6, Math.floor(y))) : Integer.MIN_VALUE;
            if (c.inside(sx[p], sy[p]) && scene.isShown(p)) {
                inView++;
            }
        }
        for (int p = 0; p < n; p++) {
            if (!scene.isShown(p) && c.inside(sx[p], sy[p])) {
                c.blend(sx[p], sy[p], FAINT);
            }
        }
        if (scene.lines()) {
            for (int p = 0; p < n; p++) {
                if (scene.isShown(p) && m > 1 && (m > 2 || p % m == 0)) {
                    int q = p - p % m + (p % m + 1) % m;
                    c.line(sx[p], sy[p], sx[q], sy[q], LINE);
                }
            }
        }
        int[][] shapes = inView <= LARGE_LIMIT ? LARGE : SHAPES;
        int[] ring = inView <= LARGE_LIMIT ? RING_MEDIUM : RING_SMALL;
        if (inView <= MARKER_LIMIT) {
            for (int p = 0; p < n; p++) {
                if (scene.isShown(p)) {
                    c.stamp(sx[p], sy[p], shapes[Math.min(p % m, shapes.length - 1)], scene.colours()[p]);
                }
            }
        } else {
            density(scene, c, sx, sy);
        }
        var selected = scene.selected();
        if (selected != null) {
            boolean few = selected.cardinality() * (long) m <= MARKER_LIMIT;
            for (int i = selected.nextSetBit(0); i >= 0 && i * m < n; i = selected.nextSetBit(i + 1)) {
                for (int k = 0; k < m; k++) {
                    int p = i * m + k;
                    if (few) {
                        c.stamp(sx[p], sy[p], ring, RING);
                    } else if (c.inside(sx[p], sy[p])) {
                        c.blend(sx[p], sy[p], RING);
                    }
                }
            }
        }
        int hl = scene.highlighted();
        if (hl >= 0 && (hl + 1) * m <= n) {
            for (int k = 0; k < m; k++) {
                int p = hl * m + k;
                int q = hl * m + (k + 1) % m;
                c.line(sx[p], sy[p], sx[q], sy[q], HIGHLIGHT);
                c.stamp(sx[p], sy[p], RING_LARGE, HIGHLIGHT);
            }
        }
        return px;
    }

    private void density(Scene scene, PixelBuffer c, int[] sx, int[] sy) {
        int size = c.w * c.h;
        if (count.length != size) {
            count = new int[size];
            sumR = new int[size];
            sumG = new int[size];
            sumB = new int[size];
        } else {
            java.util.Arrays.fill(count, 0);
            java.util.Arrays.fill(sumR, 0);
            java.util.Arrays.fill(sumG, 0);
            java.util.Arrays.fill(sumB, 0);
        }
        int most = 0;
        int[] colours = scene.colours();
        for (int p = 0; p < sx.length; p++) {
            if (scene.isShown(p) && c.inside(sx[p], sy[p])) {
                int at = sy[p] * c.w + sx[p];
                int rgb = colours[p];
                sumR[at] += (rgb >>> 16) & 0xFF;
                sumG[at] += (rgb >>> 8) & 0xFF;
                sumB[at] += rgb & 0xFF;
                most = Math.max(most, ++count[at]);
            }
        }
        double norm = Math.log1p(most);
        for (int at = 0; at < size; at++) {
            int k = count[at];
            if (k > 0) {
                int alpha = (int) Math.round(255 * (0.35 + 0.65 * Math.log1p(k) / norm));
                int rgb = (sumR[at] / k) << 16 | (sumG[at] / k) << 8 | sumB[at] / k;
                c.px[at] = PixelBuffer.over(c.px[at], alpha << 24 | rgb);
            }
        }
    }

    /** Pixel offsets {@code dx, dy, …} of a modality's marker of radius {@code r} px. */
    private static int[] shape(int kind, int r) {
        java.util.List<Integer> o = new java.util.ArrayList<>();
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                boolean in = switch (kind) {
                    case 0 -> dx * dx + dy * dy <= r * r;
                    case 1 -> Math.abs(dx) <= r - 1 && Math.abs(dy) <= r - 1;
                    case 2 -> dy <= r - 1 && Math.abs(dx) * 2 <= dy + r;
                    default -> Math.abs(dx) + Math.abs(dy) <= r;
                };
                if (in) {
                    o.add(dx);
                    o.add(dy);
                }
            }
        }
        return o.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] ring(int r) {
        java.util.List<Integer> o = new java.util.ArrayList<>();
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                int d = dx * dx + dy * dy;
                if (d <= r * r && d > (r - 1.5) * (r - 1.5)) {
                    o.add(dx);
                    o.add(dy);
                }
            }
        }
        return o.stream().mapToInt(Integer::intValue).toArray();
    }
}
