package io.avlens.models.difffoley;

import io.avlens.analysis.generation.SoundingEvents;

/**
 * One clip as the judges see it: a 4 s log-mel and the clip's frozen CAVP-small video features, with its ground
 * truth.
 *
 * @param id     the clip
 * @param mel    {@code [64, 256]} log-mel in [0, 1] (the avshapes-small profile), row-major
 * @param video  {@code [32, C]} CAVP-small per-step video features, row-major
 * @param events its on-screen sound events (targets and sounding materials)
 */
public record JudgeClip(String id, float[] mel, float[] video, SoundingEvents events) {

    /** {@code C} of CAVP-small's features. */
    public static final int VIDEO_CHANNELS = 64;

    /** @throws IllegalArgumentException when a tensor has the wrong size */
    public JudgeClip {
        if (mel.length != JudgeBlock.BINS * JudgeBlock.FRAMES) {
            throw new IllegalArgumentException(id + ": the judges need a mel of " + JudgeBlock.BINS + " × "
                    + JudgeBlock.FRAMES + " values (4 s at the avshapes-small profile), not " + mel.length);
        }
        if (video.length != JudgeBlock.STEPS * VIDEO_CHANNELS) {
            throw new IllegalArgumentException(id + ": the judges need " + JudgeBlock.STEPS + " × " + VIDEO_CHANNELS
                    + " video features, not " + video.length);
        }
    }

    /** The same clip with another sound (the video and the ground truth stay). */
    public JudgeClip withMel(float[] other) {
        return new JudgeClip(id, other, video, events);
    }

    /** The mel rolled by {@code frames} mel frames along time (circularly: a clip's sound, later or earlier). */
    public static float[] roll(float[] mel, int frames) {
        int n = JudgeBlock.FRAMES;
        int s = Math.floorMod(frames, n);
        float[] out = new float[mel.length];
        for (int b = 0; b < JudgeBlock.BINS; b++) {
            int row = b * n;
            for (int t = 0; t < n; t++) {
                out[row + (t + s) % n] = mel[row + t];
            }
        }
        return out;
    }
}
