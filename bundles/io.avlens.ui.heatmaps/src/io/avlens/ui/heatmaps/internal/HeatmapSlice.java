package io.avlens.ui.heatmaps.internal;

import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.core.color.ColorMap;

/**
 * What is shown for one frame and one audio step: per head the displayed heatmap ({@code h × w}, blurred along audio
 * time, clamped at 0) normalised to 0..1 as the settings say, the maximum over the heads shown, and their colours
 * with alpha at heatmap resolution (the picture scales them). Only this slice is computed: {@code heads · C · h · w}
 * multiply-adds. Any thread; immutable.
 *
 * @param frame  the video frame of the features
 * @param step   the audio step of the features
 * @param values per head, the normalised heatmap (row-major {@code [h, w]}, 0..1); a muted head's is all 0
 * @param max    per cell, the maximum of {@code values} over the heads shown
 * @param argb   per cell, the colour and alpha drawn over the picture
 * @param low    the value mapped to 0 (of the last head shown, for per-head normalisation)
 * @param high   the value mapped to 1 (likewise)
 */
public record HeatmapSlice(int frame, int step, float[][] values, float[] max, int[] argb, float low, float high) {

    /** Computes the slice of {@code clip} at {@code frame} and audio {@code step} as {@code settings} say. */
    public static HeatmapSlice of(HeatmapClip clip, int frame, int step, HeatmapSettings settings) {
        DenseFeatures f = clip.shown();
        int heads = f.heads();
        int cells = f.height() * f.width();
        float[][] values = new float[heads][cells];
        float frameLow = Float.POSITIVE_INFINITY;
        float frameHigh = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < heads; k++) {
            if (!settings.shown(k)) {
                continue;
            }
            f.slice(frame, k, step, values[k]);
            for (int p = 0; p < cells; p++) {
                values[k][p] = Math.max(0, values[k][p]);
                frameLow = Math.min(frameLow, values[k][p]);
                frameHigh = Math.max(frameHigh, values[k][p]);
            }
        }
        float clipLow = Float.POSITIVE_INFINITY;
        float clipHigh = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < heads; k++) {
            clipLow = Math.min(clipLow, clip.low(k));
            clipHigh = Math.max(clipHigh, clip.high(k));
        }
        float low = 0;
        float high = 1;
        float[] max = new float[cells];
        for (int k = 0; k < heads; k++) {
            if (!settings.shown(k)) {
                continue;
            }
            switch (settings.normalisation()) {
                case CLIP -> {
                    low = clipLow;
                    high = clipHigh;
                }
                case FRAME -> {
                    low = frameLow;
                    high = frameHigh;
                }
                case HEAD -> {
                    low = clip.low(k);
                    high = clip.high(k);
                }
                default -> throw new IllegalStateException(settings.normalisation().toString());
            }
            float range = high - low;
            for (int p = 0; p < cells; p++) {
                float v = range > 0 ? (values[k][p] - low) / range : 0;
                values[k][p] = Math.max(0, Math.min(1, v));
                max[p] = Math.max(max[p], values[k][p]);
            }
        }
        return new HeatmapSlice(frame, step, values, max, colours(values, max, settings), low, high);
    }

    /**
     * The colours of this slice upsampled bicubically by {@code factor} ({@code [h·factor, w·factor]}, values clamped
     * to 0..1 after upsampling), for drawing over the picture.
     */
    public int[] upsampledArgb(int h, int w, int factor, HeatmapSettings settings) {
        float[][] up = new float[values.length][];
        float[] upMax = new float[h * w * factor * factor];
        for (int k = 0; k < values.length; k++) {
            up[k] = Bicubic.upsample(values[k], h, w, factor);
            for (int p = 0; p < upMax.length; p++) {
                up[k][p] = settings.shown(k) ? Math.max(0, Math.min(1, up[k][p])) : 0;
                upMax[p] = Math.max(upMax[p], up[k][p]);
            }
        }
        return colours(up, upMax, settings);
    }

    /** Per cell, the colour (inferno, or the strongest head's) with alpha rising 0 → 1 with the value. */
    static int[] colours(float[][] values, float[] max, HeatmapSettings settings) {
        int[] argb = new int[max.length];
        int[] inferno = ColorMap.INFERNO.lut();
        for (int p = 0; p < max.length; p++) {
            int alpha = Math.round(max[p] * 255);
            int rgb;
            if (settings.colouring() == HeatmapSettings.Colouring.MAX) {
                rgb = inferno[Math.round(max[p] * (ColorMap.SIZE - 1))] & 0xffffff;
            } else {
                int winner = 0;
                for (int k = 1; k < values.length; k++) {
                    if (values[k][p] > values[winner][p]) {
                        winner = k;
                    }
                }
                rgb = HeatmapSettings.headColour(winner);
            }
            argb[p] = alpha << 24 | rgb;
        }
        return argb;
    }
}
