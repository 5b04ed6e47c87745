package io.avlens.models.mc3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.avlens.lib.djl.GradMode;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Which clips each training step of {@link Mc3Trainer} trains on: {@code B} distinct random clips drawn with
 * {@code new Random(seed · 1_000_003 + step)} (the shipped batches), or with {@link Mc3TrainSpec#mining()} on, after
 * its warm-up and for its share of the steps, one anchor drawn with {@code new SplittableRandom(seed · 1_000_003 +
 * step)} and its nearest clips by the model's own per-step audio part ({@link Mc3Mining}). Holds the keys between
 * refreshes. Not thread-safe.
 */
public final class Mc3BatchSampler {

    /** Clips embedded at once when the keys are refreshed. */
    private static final int CHUNK = 128;

    private final Mc3TrainSpec spec;
    private final List<Mc3Clip> clips;
    private float[][] keys;
    private int keysStep = -1;
    private int mined;

    /** A sampler of {@code spec}'s batches over {@code clips}. */
    public Mc3BatchSampler(Mc3TrainSpec spec, List<Mc3Clip> clips) {
        this.spec = spec;
        this.clips = clips;
    }

    /**
     * The clips of step {@code step}'s batch, indices into the clips; with mining on, first refreshes the keys from
     * {@code model}'s current weights when they are due ({@link Mc3Mining}). A mined batch starts with its anchor,
     * then its neighbours nearest first.
     */
    public int[] order(int step, Mc3Model model) {
        Mc3Mining mining = spec.mining();
        if (mining.mines(step)) {
            if (mining.refresh(step, keysStep)) {
                keys = audioKeys(model, clips);
                keysStep = step;
            }
            mined++;
            // a mixed seed: java.util.Random's first draws barely change between consecutive seeds
            SplittableRandom random = new SplittableRandom(spec.seed() * 1_000_003L + step);
            int anchor = random.nextInt(clips.size());
            return Mc3Batch.nearest(keys, anchor, spec.batchSize(), pool(anchor, random));
        }
        return Mc3Batch.randomOrder(clips.size(), spec.batchSize(), new Random(spec.seed() * 1_000_003L + step));
    }

    /**
     * The clips a mined batch is chosen from: null (all) without a pool or when the pool holds every clip, else
     * {@link Mc3Mining#pool()} distinct clips, the anchor first and the rest drawn with {@code random}.
     */
    private int[] pool(int anchor, SplittableRandom random) {
        int size = spec.mining().pool();
        if (size == 0 || size >= clips.size()) {
            return null;
        }
        int[] all = new int[clips.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        all[anchor] = 0;
        all[0] = anchor;
        for (int i = 1; i < size; i++) { // partial Fisher–Yates after the anchor
            int j = i + random.nextInt(all.length - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, size);
    }

    /** The keys of the last refresh ({@link #audioKeys}), null before the first. */
    public float[][] keys() {
        return keys;
    }

    /** The step of the last refresh, −1 before the first. */
    public int keysStep() {
        return keysStep;
    }

    /** Mined batches handed out by this sampler (since a resume, if any; {@link Mc3Mining#minedIn} counts all). */
    public int mined() {
        return mined;
    }

    /**
     * Every clip's audio embedding by {@code model} in eval mode without gradient, its per-step part
     * ({@link Mc3Config#stepDimension()} values), L2-normalised (a zero part stays zero).
     */
    public static float[][] audioKeys(Mc3Model model, List<Mc3Clip> clips) {
        Mc3Config c = model.block().config();
        int bins = c.melBins();
        int melSize = bins * c.melFrames();
        int part = c.stepDimension();
        float[][] out = new float[clips.size()][];
        try (GradMode.Scope off = GradMode.off(); NDManager scope = model.manager().newSubManager()) {
            for (int from = 0; from < clips.size(); from += CHUNK) {
                int b = Math.min(CHUNK, clips.size() - from);
                float[] mel = new float[b * melSize];
                for (int i = 0; i < b; i++) {
                    clips.get(from + i).mel(0, c.steps(), bins, mel, i * melSize);
                }
                try (NDManager chunk = scope.newSubManager()) {
                    NDArray z = model.block().encodeAudio(model.store(),
                            chunk.create(mel, new Shape(b, bins, c.melFrames())), false);
                    float[] v = z.toFloatArray();
                    int d = (int) z.getShape().get(1);
                    for (int i = 0; i < b; i++) {
                        float[] k = new float[part];
                        System.arraycopy(v, i * d, k, 0, part);
                        double n = 0;
                        for (float x : k) {
                            n += x * x;
                        }
                        if (n > 0) {
                            float inv = (float) (1 / Math.sqrt(n));
                            for (int j = 0; j < part; j++) {
                                k[j] *= inv;
                            }
                        }
                        out[from + i] = k;
                    }
                }
            }
        }
        return out;
    }
}
