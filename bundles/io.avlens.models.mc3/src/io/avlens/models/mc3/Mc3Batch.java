package io.avlens.models.mc3;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One training batch of whole clips in the block's input layout: each clip's first window of frames and log-mel
 * (padded with black frames and silence when shorter) and its narration's text features.
 *
 * @param size   {@code B}
 * @param frames {@code [B, T, H, W, 3]}
 * @param mel    {@code [B, bins, 8·T]}
 * @param text   {@code [B, buckets]}
 */
record Mc3Batch(int size, float[] frames, float[] mel, float[] text) {

    /** A batch of {@code size} distinct clips drawn with {@code random}; {@code text[i]} are clip i's features. */
    static Mc3Batch sample(List<Mc3Clip> clips, List<float[]> text, Mc3Config config, int size, Random random) {
        return of(clips, text, config, randomOrder(clips.size(), size, random));
    }

    /** {@code size} distinct clips of {@code n} drawn with {@code random} (a partial Fisher–Yates shuffle). */
    static int[] randomOrder(int n, int size, Random random) {
        if (n < size) {
            throw new IllegalArgumentException(n + " clips, a batch needs " + size);
        }
        int[] all = new int[n];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        for (int i = 0; i < size; i++) { // partial Fisher–Yates
            int j = i + random.nextInt(all.length - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        return Arrays.copyOf(all, size);
    }

    /**
     * Clip {@code anchor} first, then the {@code size − 1} other clips of {@code pool} (null: all clips) whose
     * {@code keys} rows have the largest dot product with the anchor's (the nearest by cosine for unit rows), nearest
     * first; ties go to the lower index.
     */
    static int[] nearest(float[][] keys, int anchor, int size, int[] pool) {
        int[] candidates = pool;
        if (candidates == null) {
            candidates = new int[keys.length];
            for (int i = 0; i < keys.length; i++) {
                candidates[i] = i;
            }
        }
        float[] a = keys[anchor];
        double[] sim = new double[keys.length];
        java.util.List<Integer> others = new java.util.ArrayList<>();
        for (int i : candidates) {
            if (i == anchor) {
                continue;
            }
            double s = 0;
            for (int j = 0; j < a.length; j++) {
                s += a[j] * keys[i][j];
            }
            sim[i] = s;
            others.add(i);
        }
        if (others.size() < size - 1) {
            throw new IllegalArgumentException(others.size() + 1 + " clips, a batch needs " + size);
        }
        others.sort((x, y) -> sim[x] != sim[y] ? Double.compare(sim[y], sim[x]) : Integer.compare(x, y));
        int[] order = new int[size];
        order[0] = anchor;
        for (int i = 1; i < size; i++) {
            order[i] = others.get(i - 1);
        }
        return order;
    }

    /** The batch of clips {@code order}. */
    static Mc3Batch of(List<Mc3Clip> clips, List<float[]> text, Mc3Config config, int[] order) {
        int t = config.steps();
        int bins = config.melBins();
        int pixels = t * config.frameHeight() * config.frameWidth() * 3;
        int melSize = bins * config.melFrames();
        int b = order.length;
        float[] frames = new float[b * pixels];
        float[] mel = new float[b * melSize];
        float[] words = new float[b * config.buckets()];
        for (int i = 0; i < b; i++) {
            Mc3Clip c = clips.get(order[i]);
            c.frames(0, t, frames, i * pixels);
            c.mel(0, t, bins, mel, i * melSize);
            System.arraycopy(text.get(order[i]), 0, words, i * config.buckets(), config.buckets());
        }
        return new Mc3Batch(b, frames, mel, words);
    }
}
