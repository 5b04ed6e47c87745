package io.avlens.analysis.dense;

import io.avlens.core.color.ColorMap;

/**
 * Blends a heatmap over a picture the way DenseAV's demo displays it: values clamped at 0, scaled by the clip's
 * range to [0, 1], upsampled bilinearly to the picture (the demo: bicubic), coloured with inferno and alpha-blended
 * with an alpha equal to the value (0: the picture shows through, 1: the colour alone). The interpolation weights
 * for one heatmap and picture size are computed once. Immutable and thread-safe.
 */
public final class HeatmapOverlay {

    private final int h;
    private final int w;
    private final int outW;
    private final int outH;
    private final int[] x0;
    private final float[] wx;
    private final int[] y0;
    private final float[] wy;
    private final int[] lut = ColorMap.INFERNO.lut();

    /** An overlay of {@code h × w} heatmaps on {@code outW × outH} pictures. */
    public HeatmapOverlay(int h, int w, int outW, int outH) {
        this.h = h;
        this.w = w;
        this.outW = outW;
        this.outH = outH;
        x0 = new int[outW];
        wx = new float[outW];
        y0 = new int[outH];
        wy = new float[outH];
        weights(w, outW, x0, wx);
        weights(h, outH, y0, wy);
    }

    private static void weights(int n, int out, int[] index, float[] weight) {
        double s = n / (double) out;
        for (int i = 0; i < out; i++) {
            double f = Math.max(0, (i + 0.5) * s - 0.5);
            int i0 = Math.min(n - 1, (int) f);
            index[i] = i0;
            weight[i] = i0 + 1 < n ? (float) (f - i0) : 0f;
        }
    }

    /**
     * Blends {@code map} ({@code [h, w]}, raw values) over {@code picture} (ARGB, {@code outW × outH}; null: black)
     * into {@code out}, scaling {@code max(v, 0)} by {@code [low, high]} (the clip's range) to [0, 1].
     */
    public void blend(float[] map, float low, float high, int[] picture, int[] out) {
        float lo = Math.max(0f, low);
        float range = high - lo;
        float scale = range > 0 ? 1 / range : 0;
        float[] scaled = new float[map.length];
        for (int i = 0; i < map.length; i++) {
            scaled[i] = Math.min(1f, Math.max(0f, (Math.max(map[i], 0f) - lo) * scale));
        }
        float[] row = new float[w];
        for (int y = 0; y < outH; y++) {
            int r0 = y0[y] * w;
            int r1 = Math.min(h - 1, y0[y] + 1) * w;
            float b = wy[y];
            for (int x = 0; x < w; x++) {
                row[x] = scaled[r0 + x] * (1 - b) + scaled[r1 + x] * b;
            }
            int base = y * outW;
            for (int x = 0; x < outW; x++) {
                int i0 = x0[x];
                float a = wx[x];
                float v = a == 0 ? row[i0] : row[i0] * (1 - a) + row[i0 + 1] * a;
                int c = lut[Math.min(255, (int) (v * 255 + 0.5f))];
                int p = picture == null ? 0 : picture[base + x];
                int alpha = (int) (v * 256);
                int red = (((p >> 16) & 0xff) * (256 - alpha) + ((c >> 16) & 0xff) * alpha) >> 8;
                int green = (((p >> 8) & 0xff) * (256 - alpha) + ((c >> 8) & 0xff) * alpha) >> 8;
                int blue = ((p & 0xff) * (256 - alpha) + (c & 0xff) * alpha) >> 8;
                out[base + x] = 0xff000000 | red << 16 | green << 8 | blue;
            }
        }
    }
}
