package io.avlens.models.difffoley;

import io.avlens.core.tensor.FloatTensor;

/**
 * What the denoiser sees of the picture besides CAVP-small's features: per video step a small image of the frame
 * and of how it changed since the previous step, {@code [steps, 6, s, s]} (RGB averaged over square blocks, scaled
 * to [−1, 1], then the difference to the previous step's, 0 at the first step). CAVP-small, trained for timing,
 * carries when a sound happens but barely what makes it (its features do not tell a glass ball's hit from a rubber
 * one's); the denoiser learns the sounding object's look from these ({@link DenoiserBlock}'s appearance encoder).
 * Stateless.
 */
public final class Appearance {

    /** Channels per step: RGB, then its change. */
    public static final int CHANNELS = 6;

    private Appearance() {
    }

    /**
     * From frames {@code [steps, H, W, 3]} in [0, 1].
     *
     * @throws IllegalArgumentException when {@code size} does not divide the frame's sides
     */
    public static float[] of(FloatTensor frames, int size) {
        int[] s = frames.shape();
        float[] v = frames.toArray();
        return compute(s[0], s[1], s[2], size, i -> v[i]);
    }

    /**
     * From frames as bytes ({@code value / 255} in [0, 1]), {@code [steps, h, w, 3]}.
     *
     * @throws IllegalArgumentException when {@code size} does not divide the frame's sides
     */
    public static float[] of(byte[] frames, int steps, int h, int w, int size) {
        return compute(steps, h, w, size, i -> (frames[i] & 0xff) / 255f);
    }

    private interface Pixels {
        float at(int index);
    }

    private static float[] compute(int steps, int h, int w, int size, Pixels px) {
        if (h % size != 0 || w % size != 0) {
            throw new IllegalArgumentException("frames of " + w + "x" + h + " do not divide into " + size + "x"
                    + size + " blocks");
        }
        int bh = h / size;
        int bw = w / size;
        int plane = size * size;
        int perStep = CHANNELS * plane;
        float[] out = new float[steps * perStep];
        float norm = 1f / (bh * bw);
        for (int t = 0; t < steps; t++) {
            int base = t * perStep;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    for (int c = 0; c < 3; c++) {
                        float sum = 0;
                        for (int dy = 0; dy < bh; dy++) {
                            int row = ((t * h) + y * bh + dy) * w;
                            for (int dx = 0; dx < bw; dx++) {
                                sum += px.at((row + x * bw + dx) * 3 + c);
                            }
                        }
                        int i = base + c * plane + y * size + x;
                        out[i] = 2 * sum * norm - 1;
                        out[i + 3 * plane] = t == 0 ? 0 : out[i] - out[i - perStep];
                    }
                }
            }
        }
        return out;
    }
}
