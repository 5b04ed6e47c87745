package io.avlens.analysis.dense;

import java.util.Arrays;

/**
 * The heatmap the localisation metrics score for one prompt, made as DenseAV's {@code eval_utils.py} makes it: the
 * head's (or the heads' maximum) frequency-averaged heatmap at the prompt's frame, averaged over the prompt's audio
 * steps, min–max normalised, upsampled bilinearly to the mask's resolution. Stateless.
 */
public final class PromptHeatmap {

    /** The head index that stands for the heads' element-wise maximum. */
    public static final int AGGREGATE = -1;

    private PromptHeatmap() {
    }

    /**
     * Head {@code head}'s ({@link #AGGREGATE}: the heads' maximum per step) heatmap at {@code frame}, averaged over
     * audio steps {@code first..last} (inclusive), row-major {@code [h, w]}, not normalised.
     */
    public static float[] timeAveraged(DenseFeatures features, int frame, int head, int first, int last) {
        int plane = features.height() * features.width();
        float[] sum = new float[plane];
        float[] one = new float[plane];
        for (int t = first; t <= last; t++) {
            if (head == AGGREGATE) {
                features.aggregate(frame, t, one);
            } else {
                features.slice(frame, head, t, one);
            }
            for (int p = 0; p < plane; p++) {
                sum[p] += one[p];
            }
        }
        int n = last - first + 1;
        for (int p = 0; p < plane; p++) {
            sum[p] /= n;
        }
        return sum;
    }

    /** Min–max normalises {@code map} in place to [0, 1]; a constant map becomes all zeros. Returns {@code map}. */
    public static float[] normalise(float[] map) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : map) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (!(max > min)) {
            Arrays.fill(map, 0f);
            return map;
        }
        float range = max - min;
        for (int p = 0; p < map.length; p++) {
            map[p] = (map[p] - min) / range;
        }
        return map;
    }

    /**
     * Bilinear upsampling of {@code src} ({@code [h, w]}) to {@code [outH, outW]} with pixel centres aligned as
     * PyTorch's {@code F.interpolate(mode="bilinear", align_corners=False)} (edges clamped).
     */
    public static float[] bilinear(float[] src, int h, int w, int outH, int outW) {
        float[] out = new float[outH * outW];
        double sy = h / (double) outH;
        double sx = w / (double) outW;
        for (int y = 0; y < outH; y++) {
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min(h - 1, (int) fy);
            int y1 = Math.min(h - 1, y0 + 1);
            double wy = Math.min(1, fy - y0);
            for (int x = 0; x < outW; x++) {
                double fx = Math.max(0, (x + 0.5) * sx - 0.5);
                int x0 = Math.min(w - 1, (int) fx);
                int x1 = Math.min(w - 1, x0 + 1);
                double wx = Math.min(1, fx - x0);
                double top = src[y0 * w + x0] * (1 - wx) + src[y0 * w + x1] * wx;
                double bottom = src[y1 * w + x0] * (1 - wx) + src[y1 * w + x1] * wx;
                out[y * outW + x] = (float) (top * (1 - wy) + bottom * wy);
            }
        }
        return out;
    }

    /**
     * The motion-energy baseline at frame {@code k} of luma frames {@code [frames, h, w]}: per pixel
     * {@code |Y_k − Y_{k−1}| + |Y_{k+1} − Y_k|} (a missing neighbour left out), at the frames' resolution.
     */
    public static float[] motionEnergy(float[] luma, int frames, int h, int w, int k) {
        int plane = h * w;
        float[] out = new float[plane];
        for (int other : new int[] {k - 1, k + 1}) {
            if (other < 0 || other >= frames) {
                continue;
            }
            for (int p = 0; p < plane; p++) {
                out[p] += Math.abs(luma[k * plane + p] - luma[other * plane + p]);
            }
        }
        return out;
    }
}
