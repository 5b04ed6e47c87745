package io.avlens.analysis.search;

import java.util.Arrays;

/**
 * The k best (score, row) pairs seen so far, in a bounded min-heap whose root is the worst kept pair. Ties are
 * broken deterministically: of two equal scores the lower row ranks first, whatever order rows arrive in. Not
 * thread-safe: one per scanning thread, merged at the end.
 */
final class TopK {

    private final int k;
    private final float[] scores;
    private final int[] rows;
    private int size;

    TopK(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0, got " + k);
        }
        this.k = k;
        this.scores = new float[k];
        this.rows = new int[k];
    }

    /** Scores below this cannot enter; scanners test {@code score >= threshold()} before calling {@link #offer}. */
    float threshold() {
        return size < k ? Float.NEGATIVE_INFINITY : scores[0];
    }

    void offer(float score, int row) {
        if (size < k) {
            int i = size++;
            scores[i] = score;
            rows[i] = row;
            siftUp(i);
        } else if (worse(scores[0], rows[0], score, row)) {
            scores[0] = score;
            rows[0] = row;
            siftDown(0);
        }
    }

    void addAll(TopK other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.scores[i], other.rows[i]);
        }
    }

    /** The kept pairs, best first (descending score, ascending row among equal scores). */
    SearchHit[] sorted() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> worse(scores[a], rows[a], scores[b], rows[b]) ? 1
                : worse(scores[b], rows[b], scores[a], rows[a]) ? -1 : 0);
        SearchHit[] hits = new SearchHit[size];
        for (int i = 0; i < size; i++) {
            hits[i] = new SearchHit(rows[order[i]], scores[order[i]]);
        }
        return hits;
    }

    /** Whether (sa, ra) ranks below (sb, rb). */
    private static boolean worse(float sa, int ra, float sb, int rb) {
        return sa < sb || (sa == sb && ra > rb);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(scores[i], rows[i], scores[parent], rows[parent])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int r = l + 1;
            int w = r < size && worse(scores[r], rows[r], scores[l], rows[l]) ? r : l;
            if (!worse(scores[w], rows[w], scores[i], rows[i])) {
                return;
            }
            swap(i, w);
            i = w;
        }
    }

    private void swap(int a, int b) {
        float s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
        int r = rows[a];
        rows[a] = rows[b];
        rows[b] = r;
    }
}
