package io.avlens.models.cavp;

import java.util.List;
import java.util.Random;

/**
 * Builds training batches from in-memory clips, with Diff-Foley's <b>temporal split &amp; merge</b> augmentation:
 * with probability {@code mergeProbability} a batch entry is the time concatenation of a segment of {@code k} steps
 * of one clip and a segment of {@code T − k} steps of another ({@code k} uniform in [T/4, 3T/4], each segment at a
 * random offset of its clip), audio and video cut at the same instant, so the result is again an aligned pair that
 * no real video contains. Otherwise the entry is a random {@code T}-step window of one clip. The clips of one batch
 * are distinct.
 * <p>
 * Everything random comes from the {@link Random} passed in; the trainer seeds one per step from (seed, step), so a
 * resumed run sees exactly the batches an uninterrupted one would.
 */
public final class SplitMerge {

    private final CavpConfig config;
    private final double mergeProbability;

    public SplitMerge(CavpConfig config, double mergeProbability) {
        this.config = config;
        this.mergeProbability = mergeProbability;
    }

    /**
     * A batch: {@code mel [B, bins, T·k]} and {@code frames [B, T, H, W, 3]} as flat C-order arrays, and what the
     * band loss compares ({@code CavpLoss.BandShifts}): windows of {@code bandMel} ({@code [B, bins, (T−1)·k]}, each
     * entry's mel cut {@code subSteps[b]} mel frames late; {@code null} to use {@code mel} as it is).
     */
    public record Batch(int size, int steps, float[] mel, float[] frames, int window, int[] lags, int[] videoStarts,
            int[] subSteps, float[] bandMel) {

        /** A batch whose band loss compares the whole in-sync clips. */
        public Batch(int size, int steps, float[] mel, float[] frames) {
            this(size, steps, mel, frames, steps, new int[size], new int[size], new int[size], null);
        }
    }

    /**
     * As {@link #sample(List, int, int, Random)}, then per entry an audio shift of {@code m} mel frames, uniform in
     * [−D·k, D·k] ({@code m = L·k + r}, {@code 0 ≤ r < k}): the band audio is the entry's mel cut {@code r} frames late
     * ({@code T − 1} steps), and a window of {@code T − 1 − D} steps of it, moved {@code L} steps, is compared with a
     * video window placed uniformly where both fit.
     */
    public Batch sample(List<ClipTensors> clips, int size, int steps, int maxLag, Random rng) {
        Batch b = sample(clips, size, steps, rng);
        int k = config.melPerStep();
        int bins = config.melBins();
        int bandSteps = steps - 1;
        int window = bandSteps - maxLag;
        int[] lags = new int[size];
        int[] starts = new int[size];
        int[] subs = new int[size];
        float[] bandMel = new float[size * bins * bandSteps * k];
        for (int i = 0; i < size; i++) {
            int m = rng.nextInt(2 * maxLag * k + 1) - maxLag * k;
            lags[i] = Math.floorDiv(m, k);
            subs[i] = Math.floorMod(m, k);
            int lo = Math.max(0, -lags[i]);
            int hi = Math.min(steps - window, bandSteps - window - lags[i]);
            starts[i] = lo + rng.nextInt(hi - lo + 1);
            for (int row = 0; row < bins; row++) {
                System.arraycopy(b.mel(), (i * bins + row) * steps * k + subs[i], bandMel,
                        (i * bins + row) * bandSteps * k, bandSteps * k);
            }
        }
        return new Batch(size, steps, b.mel(), b.frames(), window, lags, starts, subs, bandMel);
    }

    /** Draws a batch of {@code size} entries of {@code steps} steps each. */
    public Batch sample(List<ClipTensors> clips, int size, int steps, Random rng) {
        if (clips.size() < Math.max(2, size)) {
            throw new IllegalArgumentException("need at least " + Math.max(2, size) + " clips for a batch of " + size
                    + ", have " + clips.size());
        }
        int bins = config.melBins();
        int k = config.melPerStep();
        int pixels = config.frameHeight() * config.frameWidth() * 3;
        float[] mel = new float[size * bins * steps * k];
        float[] frames = new float[size * steps * pixels];
        int[] order = permutation(clips.size(), rng);
        for (int b = 0; b < size; b++) {
            ClipTensors first = clips.get(order[b]);
            if (rng.nextDouble() < mergeProbability) {
                ClipTensors second = clips.get(order[pick(order, b, rng)]);
                int split = steps / 4 + rng.nextInt(steps / 2 + 1);
                copy(first, offset(first, split, rng), 0, split, b, steps, mel, frames);
                copy(second, offset(second, steps - split, rng), split, steps - split, b, steps, mel, frames);
            } else {
                copy(first, offset(first, steps, rng), 0, steps, b, steps, mel, frames);
            }
        }
        return new Batch(size, steps, mel, frames);
    }

    /** An index into {@code order} other than {@code b}. */
    private static int pick(int[] order, int b, Random rng) {
        int j = rng.nextInt(order.length - 1);
        return j >= b ? j + 1 : j;
    }

    private static int offset(ClipTensors clip, int length, Random rng) {
        if (clip.steps() < length) {
            throw new IllegalArgumentException("clip " + clip.id() + " has " + clip.steps() + " frames, a batch needs "
                    + length);
        }
        return rng.nextInt(clip.steps() - length + 1);
    }

    /** Copies steps [from, from+length) of {@code clip} to steps [to, to+length) of batch entry {@code b}. */
    private void copy(ClipTensors clip, int from, int to, int length, int b, int steps, float[] mel, float[] frames) {
        int bins = config.melBins();
        int k = config.melPerStep();
        int pixels = config.frameHeight() * config.frameWidth() * 3;
        byte[] src = clip.frames();
        int dst = (b * steps + to) * pixels;
        int s0 = from * pixels;
        for (int i = 0; i < length * pixels; i++) {
            frames[dst + i] = (src[s0 + i] & 0xff) / 255f;
        }
        int cols = clip.steps() * k;
        int batchCols = steps * k;
        for (int m = 0; m < bins; m++) {
            System.arraycopy(clip.mel(), m * cols + from * k, mel, (b * bins + m) * batchCols + to * k, length * k);
        }
    }

    private static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
