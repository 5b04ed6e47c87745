package io.avlens.ui.embeddings.internal;

/** An ARGB pixel buffer with the few drawing operations the scatter needs: blend, stamp and clipped lines. */
final class PixelBuffer {

    final int[] px;
    final int w;
    final int h;

    PixelBuffer(int[] px, int w, int h) {
        this.px = px;
        this.w = w;
        this.h = h;
    }

    boolean inside(int x, int y) {
        return x >= 0 && y >= 0 && x < w && y < h;
    }

    /** Blends {@code argb} (its alpha) over the pixel. */
    void blend(int x, int y, int argb) {
        int at = y * w + x;
        px[at] = over(px[at], argb);
    }

    /** Draws the offsets {@code dx, dy, …} of a marker centred at {@code (x, y)}. */
    void stamp(int x, int y, int[] offsets, int argb) {
        if (x < -10 || y < -10 || x > w + 10 || y > h + 10) {
            return;
        }
        for (int k = 0; k < offsets.length; k += 2) {
            int xx = x + offsets[k];
            int yy = y + offsets[k + 1];
            if (inside(xx, yy)) {
                blend(xx, yy, argb);
            }
        }
    }

    /** A line (Bresenham), clipped to the buffer; nothing when an end is not finite. */
    void line(int x0, int y0, int x1, int y1, int argb) {
        if (x0 == Integer.MIN_VALUE || x1 == Integer.MIN_VALUE) {
            return;
        }
        double[] clipped = clip(x0, y0, x1, y1);
        if (clipped == null) {
            return;
        }
        int ax = (int) Math.round(clipped[0]);
        int ay = (int) Math.round(clipped[1]);
        int bx = (int) Math.round(clipped[2]);
        int by = (int) Math.round(clipped[3]);
        int dx = Math.abs(bx - ax);
        int dy = -Math.abs(by - ay);
        int stepX = ax < bx ? 1 : -1;
        int stepY = ay < by ? 1 : -1;
        int err = dx + dy;
        while (true) {
            if (inside(ax, ay)) {
                blend(ax, ay, argb);
            }
            if (ax == bx && ay == by) {
                return;
            }
            int e2 = 2 * err;
            if (e2 >= dy) {
                err += dy;
                ax += stepX;
            }
            if (e2 <= dx) {
                err += dx;
                ay += stepY;
            }
        }
    }

    /** Liang–Barsky clipping to the buffer; null when the segment misses it. */
    private double[] clip(double x0, double y0, double x1, double y1) {
        double t0 = 0;
        double t1 = 1;
        double dx = x1 - x0;
        double dy = y1 - y0;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {x0, w - 1 - x0, y0, h - 1 - y0};
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return null;
                }
            } else {
                double t = q[i] / p[i];
                if (p[i] < 0) {
                    t0 = Math.max(t0, t);
                } else {
                    t1 = Math.min(t1, t);
                }
            }
        }
        return t0 > t1 ? null : new double[] {x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy};
    }

    /** {@code top} (with its alpha) over an opaque {@code bottom}. */
    static int over(int bottom, int top) {
        int a = top >>> 24;
        if (a == 255) {
            return top;
        }
        int r = (((top >>> 16) & 0xFF) * a + ((bottom >>> 16) & 0xFF) * (255 - a)) / 255;
        int g = (((top >>> 8) & 0xFF) * a + ((bottom >>> 8) & 0xFF) * (255 - a)) / 255;
        int b = ((top & 0xFF) * a + (bottom & 0xFF) * (255 - a)) / 255;
        return 0xFF000000 | r << 16 | g << 8 | b;
    }
}
