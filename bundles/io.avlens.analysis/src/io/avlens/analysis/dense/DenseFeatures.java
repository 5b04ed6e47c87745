package io.avlens.analysis.dense;

import java.util.Arrays;

import io.avlens.analysis.similarity.TimeBase;
import io.avlens.core.tensor.FloatTensor;

/**
 * The dense features of one clip as a DenseAV-style model computes them: per video frame an image feature map
 * {@code V[frame, k, c, h, w]} and for the clip's sound time-resolved audio features {@code A[k, c, f, t]}, both split
 * into {@code K} heads of {@code C} channels. The per-head similarity is {@code S_k[frame, h, w, f, t] =
 * <V[frame, k, :, h, w], A[k, :, f, t]>} (the official {@code einsum("bkcft,bkchw->bkhwft")}); this class computes
 * slices of it without materialising the volume, so the memory of a clip grows with its length, not its square.
 * <p>
 * Heatmaps average over frequency {@code f}, as the official display and evaluation do; because the similarity is
 * linear in the audio features, the frequency mean is folded into the audio features once ({@code Ā[k, c, t]}), and a
 * heatmap for one instant costs {@code C·h·w} multiply-adds per head. Immutable and thread-safe.
 */
public final class DenseFeatures {

    private final int frames;
    private final int heads;
    private final int channels;
    private final int height;
    private final int width;
    private final int freqs;
    private final int steps;
    private final float[] image;
    private final float[] audio;
    private final float[] audioMean;
    private final boolean[] voiced;
    private final TimeBase frameTime;
    private final TimeBase audioTime;

    private DenseFeatures(FloatTensor image, FloatTensor audio, boolean[] voiced, TimeBase frameTime,
            TimeBase audioTime) {
        int[] v = image.shape();
        int[] a = audio.shape();
        if (v.length != 5 || a.length != 4) {
            throw new IllegalArgumentException("dense features need image [frames, heads, channels, h, w] and audio "
                    + "[heads, channels, freqs, steps], got " + Arrays.toString(v) + " and " + Arrays.toString(a));
        }
        if (v[1] != a[0] || v[2] != a[1]) {
            throw new IllegalArgumentException("image and audio features disagree on heads × channels: "
                    + Arrays.toString(v) + " vs " + Arrays.toString(a));
        }
        if (voiced.length != a[3]) {
            throw new IllegalArgumentException("the non-silence mask has " + voiced.length + " steps, the audio "
                    + a[3]);
        }
        this.frames = v[0];
        this.heads = v[1];
        this.channels = v[2];
        this.height = v[3];
        this.width = v[4];
        this.freqs = a[2];
        this.steps = a[3];
        this.image = image.toArray();
        this.audio = audio.toArray();
        this.voiced = voiced.clone();
        this.frameTime = frameTime;
        this.audioTime = audioTime;
        this.audioMean = new float[heads * channels * steps];
        for (int kc = 0; kc < heads * channels; kc++) {
            for (int f = 0; f < freqs; f++) {
                int from = (kc * freqs + f) * steps;
                for (int t = 0; t < steps; t++) {
                    audioMean[kc * steps + t] += this.audio[from + t] / freqs;
                }
            }
        }
    }

    /**
     * Features of one clip.
     *
     * @param image     {@code [frames, heads, channels, h, w]}
     * @param audio     {@code [heads, channels, freqs, steps]}
     * @param voiced    per audio step, whether it is not silence (the official {@code audio_mask})
     * @param frameTime media time of the frames
     * @param audioTime media time of the audio steps
     * @throws IllegalArgumentException when the shapes disagree
     */
    public static DenseFeatures of(FloatTensor image, FloatTensor audio, boolean[] voiced, TimeBase frameTime,
            TimeBase audioTime) {
        return new DenseFeatures(image, audio, voiced, frameTime, audioTime);
    }

    public int frames() {
        return frames;
    }

    public int heads() {
        return heads;
    }

    /** Channels per head. */
    public int channels() {
        return channels;
    }

    /** Rows of a heatmap. */
    public int height() {
        return height;
    }

    /** Columns of a heatmap. */
    public int width() {
        return width;
    }

    /** Frequency rows of the audio features. */
    public int freqs() {
        return freqs;
    }

    /** Audio time steps. */
    public int steps() {
        return steps;
    }

    public TimeBase frameTime() {
        return frameTime;
    }

    public TimeBase audioTime() {
        return audioTime;
    }

    /** Whether audio step {@code t} is not silence. */
    public boolean voiced(int t) {
        return voiced[t];
    }

    /** The image features as {@code [frames, heads, channels, h, w]} (a copy). */
    public FloatTensor image() {
        return FloatTensor.of(new int[] {frames, heads, channels, height, width}, image.clone());
    }

    /** The audio features as {@code [heads, channels, freqs, steps]} (a copy). */
    public FloatTensor audio() {
        return FloatTensor.of(new int[] {heads, channels, freqs, steps}, audio.clone());
    }

    /** The non-silence mask, one per audio step (a copy). */
    public boolean[] voicedMask() {
        return voiced.clone();
    }

    /**
     * Writes head {@code head}'s heatmap at {@code frame} and audio step {@code step}, averaged over frequency, into
     * {@code out} (row-major {@code [h, w]}).
     */
    public void slice(int frame, int head, int step, float[] out) {
        check(frame, head, step, out);
        int plane = height * width;
        Arrays.fill(out, 0, plane, 0f);
        int vBase = (frame * heads + head) * channels * plane;
        int aBase = head * channels * steps + step;
        for (int c = 0; c < channels; c++) {
            float a = audioMean[aBase + c * steps];
            int vc = vBase + c * plane;
            for (int p = 0; p < plane; p++) {
                out[p] += a * image[vc + p];
            }
        }
    }

    /** The heads' element-wise maximum (the official {@code max_elementwise} head aggregation) into {@code out}. */
    public void aggregate(int frame, int step, float[] out) {
        aggregate(frame, step, out, new float[height * width]);
    }

    /** {@link #aggregate(int, int, float[])} with a scratch plane of the caller's, for loops over steps. */
    private void aggregate(int frame, int step, float[] out, float[] one) {
        int plane = height * width;
        slice(frame, 0, step, out);
        for (int k = 1; k < heads; k++) {
            slice(frame, k, step, one);
            for (int p = 0; p < plane; p++) {
                out[p] = Math.max(out[p], one[p]);
            }
        }
    }

    /**
     * Head {@code head}'s activation over audio time at {@code frame}: per audio step, the maximum of the heatmap over
     * {@code region} (row-major {@code [h, w]}; null for the whole frame). {@code head} −1 is the heads' maximum.
     */
    public float[] activation(int frame, int head, boolean[] region) {
        if (region != null && region.length != height * width) {
            throw new IllegalArgumentException("a region has " + height * width + " cells, not " + region.length);
        }
        float[] map = new float[height * width];
        float[] scratch = head < 0 ? new float[height * width] : null;
        float[] curve = new float[steps];
        for (int t = 0; t < steps; t++) {
            if (head < 0) {
                aggregate(frame, t, map, scratch);
            } else {
                slice(frame, head, t, map);
            }
            float best = Float.NEGATIVE_INFINITY;
            for (int p = 0; p < map.length; p++) {
                if (region == null || region[p]) {
                    best = Math.max(best, map[p]);
                }
            }
            curve[t] = best;
        }
        return curve;
    }

    /** The audio step shown with video frame {@code frame} by the official demo: {@code floor(frame / frames · steps)}. */
    public int officialStep(int frame) {
        return Math.min(steps - 1, (int) ((long) frame * steps / frames));
    }

    /** Time-aligned audio step for media time {@code seconds} (nearest step start, clamped). */
    public int stepAt(double seconds) {
        return audioTime.nearest(seconds, steps);
    }

    /** The frame shown at media time {@code seconds}: the last frame that started at or before it, clamped. */
    public int frameAt(double seconds) {
        return (int) Math.max(0, Math.min(frames - 1, Math.floor(frameTime.indexOf(seconds) + 1e-9)));
    }

    private void check(int frame, int head, int step, float[] out) {
        if (frame < 0 || frame >= frames || head < 0 || head >= heads || step < 0 || step >= steps) {
            throw new IndexOutOfBoundsException("frame " + frame + " of " + frames + ", head " + head + " of " + heads
                    + ", step " + step + " of " + steps);
        }
        if (out.length < height * width) {
            throw new IllegalArgumentException("a heatmap needs " + height * width + " cells, got " + out.length);
        }
    }
}
