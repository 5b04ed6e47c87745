package io.avlens.media.dsp;

import java.util.Arrays;

import io.avlens.core.tensor.FloatTensor;

/**
 * Motion energy of a frame sequence: for frame {@code i ≥ 1} the mean over pixels of
 * {@code |Y_i − Y_{i−1}|}, with luma {@code Y = 0.299 R + 0.587 G + 0.114 B} (ITU-R BT.601, the weights of
 * FFmpeg's and JPEG's YCbCr); frame 0 has no predecessor and gets 0. Values are in [0, 1] for frames in [0, 1]:
 * 0.01 is an average change of 1 % of full scale. Visual onsets are the peaks of this curve picked by a
 * {@link PeakPicker}, whose {@code delta} is then in those luma units. Stateless and thread-safe.
 */
public final class MotionEnergy {

    private static final double WR = 0.299;
    private static final double WG = 0.587;
    private static final double WB = 0.114;

    private MotionEnergy() {
    }

    /**
     * The motion-energy curve, one value per frame.
     *
     * @param frames a tensor {@code [T, H, W, 3]} of RGB values in [0, 1], frame {@code i} at time {@code i / fps}
     * @param fps    frames per second
     * @throws IllegalArgumentException when the tensor is not {@code [T ≥ 1, H, W, 3]} or fps is not positive
     */
    public static TimeCurve curve(FloatTensor frames, double fps) {
        if (frames.rank() != 4 || frames.dim(3) != 3 || frames.dim(0) < 1) {
            throw new IllegalArgumentException("motion energy needs frames [T ≥ 1, H, W, 3] (RGB), not "
                    + Arrays.toString(frames.shape()));
        }
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("frames per second must be positive, not " + fps);
        }
        int count = frames.dim(0);
        int pixels = frames.dim(1) * frames.dim(2);
        float[] energy = new float[count];
        if (pixels == 0) {
            return new TimeCurve(energy, fps);
        }
        float[] previous = luma(frames, 0, pixels, new float[pixels]);
        float[] current = new float[pixels];
        for (int i = 1; i < count; i++) {
            luma(frames, i, pixels, current);
            double sum = 0;
            for (int p = 0; p < pixels; p++) {
                sum += Math.abs(current[p] - previous[p]);
            }
            energy[i] = (float) (sum / pixels);
            float[] swap = previous;
            previous = current;
            current = swap;
        }
        return new TimeCurve(energy, fps);
    }

    /**
     * Visual onset times, seconds, ascending: the peaks of {@link #curve} as {@code picker} picks them.
     *
     * @throws IllegalArgumentException as {@link #curve}
     */
    public static double[] onsets(FloatTensor frames, double fps, PeakPicker picker) {
        return picker.peakTimes(curve(frames, fps));
    }

    private static float[] luma(FloatTensor frames, int frame, int pixels, float[] out) {
        int base = frame * pixels * 3;
        for (int p = 0; p < pixels; p++) {
            int at = base + 3 * p;
            out[p] = (float) (WR * frames.getFlat(at) + WG * frames.getFlat(at + 1) + WB * frames.getFlat(at + 2));
        }
        return out;
    }
}
