package io.avlens.models.mc3;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns any text into the fixed-size input of MC3-small's text encoder, with no closed vocabulary (fastText's
 * subword idea): the text is NFKC-normalised and lower-cased ({@link Locale#ROOT}), split into words at every
 * character that is not a letter or digit, and each word {@code w} gives the features {@code "w:" + w}, its
 * character n-grams of {@code <w>} ({@code <} and {@code >} mark the word's boundaries) for n = 3, 4, 5, and each
 * pair of neighbouring words {@code "b:" + w1 + " " + w2}. Every feature is hashed (FNV-1a, 32 bits, over its UTF-8
 * bytes) into one of {@link #buckets()} buckets; the result is the bucket counts scaled to unit L2 norm. An unknown
 * or misspelt word shares most of its n-grams with known ones; punctuation only separates words; the empty text (or
 * one without letters and digits) gives the all-zero vector, which the encoder maps to a fixed embedding.
 * Deterministic and the same on every platform. Immutable, thread-safe.
 */
public final class TextFeatures {

    /** The buckets of the shipped model. */
    public static final int DEFAULT_BUCKETS = 4096;

    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private final int buckets;

    /** Hashing into {@code buckets} buckets. */
    public TextFeatures(int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be positive, not " + buckets);
        }
        this.buckets = buckets;
    }

    /** The number of buckets, the length of {@link #of}'s vector. */
    public int buckets() {
        return buckets;
    }

    /** The words of {@code text}: normalised, lower-cased, split at everything that is not a letter or digit. */
    public static List<String> words(String text) {
        String t = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        for (String w : t.split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    /** Every feature string of {@code text}, in order (word, its n-grams, then the bigram with the next word). */
    public static List<String> features(String text) {
        List<String> words = words(text);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            out.add("w:" + w);
            int[] cps = ("<" + w + ">").codePoints().toArray();
            for (int n = 3; n <= 5; n++) {
                for (int s = 0; s + n <= cps.length; s++) {
                    out.add("c:" + new String(cps, s, n));
                }
            }
            if (i + 1 < words.size()) {
                out.add("b:" + w + " " + words.get(i + 1));
            }
        }
        return out;
    }

    /** The bucket of one feature string. */
    public int bucket(String feature) {
        int h = FNV_OFFSET;
        for (byte b : feature.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return Integer.remainderUnsigned(h, buckets);
    }

    /** The unit-norm bucket counts of {@code text} (all zero when it has no word), a new array. */
    public float[] of(String text) {
        float[] v = new float[buckets];
        for (String f : features(text)) {
            v[bucket(f)] += 1;
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
        }
        return v;
    }
}
