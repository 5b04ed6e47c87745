package io.avlens.models.denseav;

import java.util.List;
import java.util.Random;

/**
 * DenseAV's training pairs: one video frame of a clip with the clip's sound around it. For each entry of a batch a
 * different clip is drawn, then a frame {@code i} uniformly, and the audio window of {@code W} steps
 * ({@link DenseAvConfig#windowMelFrames()}, ±{@code windowSeconds}) centred on the frame's step, moved inside the
 * clip where it would cross an end. The non-silence mask of the window comes from the clip's per-step RMS: against
 * digital silence ({@link DenseClip#voiced}) by default, or against the clip's ambient bed
 * ({@link DenseClip#voicedAboveAmbient}) when an ambient factor is given, so the score averages only the steps with
 * an event or a word; a window that is all silence counts every step (a mean needs one). Stateless.
 */
final class PairSampler {

    /**
     * One batch, flat arrays in the block's input layout.
     *
     * @param size   {@code B}
     * @param frames {@code [B, H, W, I]}, the image encoder's input ({@link DenseClip#frames(int, int, int)})
     * @param mel    {@code [B, bins, W·s]}
     * @param voiced {@code [B, W]} 1 (not silence) or 0
     * @param steps  {@code W}, audio steps per window
     * @param sources each entry's clip source ({@link ClipSource}), {@code [B]}
     */
    record Batch(int size, float[] frames, float[] mel, float[] voiced, int steps, ClipSource[] sources) {
    }

    private final DenseAvConfig config;
    private final double ambientFactor;
    private final int pairsPerClip;
    private final BackgroundSwap swap;
    private final boolean sharedBackground;

    PairSampler(DenseAvConfig config) {
        this(config, 0);
    }

    /** @param ambientFactor 0: silence is digital silence; {@code k > 0}: below {@code k} times the ambient level */
    PairSampler(DenseAvConfig config, double ambientFactor) {
        this(config, ambientFactor, 1);
    }

    /**
     * @param pairsPerClip 1: each pair from another clip; 2: entries {@code 2j} and {@code 2j + 1} from one clip, their
     *                     frames at least {@link #windowSteps()} apart (so their audio windows do not overlap when
     *                     the clip is long enough, else as far apart as it allows)
     */
    PairSampler(DenseAvConfig config, double ambientFactor, int pairsPerClip) {
        this(config, ambientFactor, pairsPerClip, null);
    }

    /**
     * @param swap null: frames as decoded; else each frame shows another clip's background (drawn after the entry's
     *             frame, from the clips other than its own), {@code swap} built from the clips later sampled
     */
    PairSampler(DenseAvConfig config, double ambientFactor, int pairsPerClip, BackgroundSwap swap) {
        this(config, ambientFactor, pairsPerClip, swap, false);
    }

    /**
     * @param sharedBackground with a {@code swap}: false, each frame shows the background of a clip drawn for it;
     *                         true, one clip is drawn per batch (right after the batch's clips, from all the clips)
     *                         and every frame of the batch shows its background, so the batch's pairs share their
     *                         scenery; the draws of a sampler without it are those of earlier versions
     */
    PairSampler(DenseAvConfig config, double ambientFactor, int pairsPerClip, BackgroundSwap swap,
            boolean sharedBackground) {
        if (sharedBackground && swap == null) {
            throw new IllegalArgumentException("a background shared by the batch needs the background swap");
        }
        if (swap != null && config.imageChannels() != DenseAvConfig.RGB) {
            throw new IllegalArgumentException("the background swap needs RGB frames, not " + config.imageChannels()
                    + " channels");
        }
        this.config = config;
        this.ambientFactor = ambientFactor;
        this.pairsPerClip = pairsPerClip;
        this.swap = swap;
        this.sharedBackground = sharedBackground;
    }

    /** Audio steps per window. */
    int windowSteps() {
        return config.windowMelFrames() / DenseAvConfig.AUDIO_STRIDE;
    }

    /**
     * A batch of {@code size} pairs from distinct clips, or two by two from distinct clips (each at least
     * {@link #windowSteps()} long), no sources.
     */
    Batch sample(List<DenseClip> clips, int size, Random random) {
        return sample(clips, null, size, random);
    }

    /**
     * A batch of {@code size} pairs from distinct clips, or two by two from distinct clips with two pairs per clip
     * (each at least {@link #windowSteps()} long).
     *
     * @param sources the source of each clip, parallel to {@code clips}; {@code null}: every clip
     *                {@link ClipSource#NONE}
     */
    Batch sample(List<DenseClip> clips, List<ClipSource> sources, int size, Random random) {
        if (clips.size() < size / pairsPerClip || size % pairsPerClip != 0) {
            throw new IllegalArgumentException(clips.size() + " clips, a batch needs " + size / pairsPerClip
                    + (pairsPerClip > 1 ? " and an even size" : ""));
        }
        int w = windowSteps();
        int s = DenseAvConfig.AUDIO_STRIDE;
        int bins = config.melBins();
        int pixels = config.frameHeight() * config.frameWidth() * config.imageChannels();
        float[] frames = new float[size * pixels];
        float[] mel = new float[size * bins * w * s];
        float[] voiced = new float[size * w];
        int[] order = distinct(clips.size(), size / pairsPerClip, random);
        int shared = sharedBackground ? random.nextInt(clips.size()) : -1;
        ClipSource[] source = new ClipSource[size];
        int previous = 0;
        for (int b = 0; b < size; b++) {
            int index = order[b / pairsPerClip];
            DenseClip c = clips.get(index);
            source[b] = sources == null ? ClipSource.NONE : sources.get(index);
            if (c.steps() < w) {
                throw new IllegalArgumentException(c.id() + ": " + c.steps() + " steps, a window needs " + w);
            }
            int frame = b % pairsPerClip == 0 ? random.nextInt(c.steps()) : apart(previous, c.steps(), w, random);
            previous = frame;
            int start = Math.max(0, Math.min(c.steps() - w, frame - w / 2));
            c.frame(frame, config.imageChannels(), frames, b * pixels);
            if (swap != null && shared >= 0) {
                swap.apply(index, frame, shared, frames, b * pixels);
            } else if (swap != null) {
                int other = random.nextInt(clips.size() - 1);
                swap.apply(index, frame, other < index ? other : other + 1, frames, b * pixels);
            }
            int cols = c.steps() * s;
            for (int m = 0; m < bins; m++) {
                System.arraycopy(c.mel(), m * cols + start * s, mel, (b * bins + m) * w * s, w * s);
            }
            boolean[] mask = c.voicedAboveAmbient(ambientFactor);
            boolean any = false;
            for (int t = 0; t < w; t++) {
                boolean v = mask[start + t];
                voiced[b * w + t] = v ? 1 : 0;
                any |= v;
            }
            if (!any) {
                java.util.Arrays.fill(voiced, b * w, (b + 1) * w, 1f);
            }
        }
        return new Batch(size, frames, mel, voiced, w, source);
    }

    /**
     * A frame of a clip of {@code steps} at least {@code gap} from {@code frame}, uniformly among those; the farthest
     * frame from it when there is none.
     */
    static int apart(int frame, int steps, int gap, Random random) {
        int before = Math.max(0, frame - gap + 1);
        int after = Math.max(0, steps - (frame + gap));
        if (before + after == 0) {
            return frame < steps - 1 - frame ? steps - 1 : 0;
        }
        int k = random.nextInt(before + after);
        return k < before ? k : frame + gap + (k - before);
    }

    /** {@code k} distinct indices below {@code n} (a partial Fisher–Yates shuffle). */
    private static int[] distinct(int n, int k, Random random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        return java.util.Arrays.copyOf(all, k);
    }
}
