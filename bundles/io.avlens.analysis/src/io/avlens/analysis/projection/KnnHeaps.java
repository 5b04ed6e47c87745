package io.avlens.analysis.projection;

import java.util.Arrays;

/**
 * For each of a block of queries, the k smallest (distance, index) pairs seen so far, in a bounded max-heap (ties
 * broken by index, so the result does not depend on the order candidates arrive in); then the chosen neighbours
 * sorted by their exact distance. Scratch of one thread.
 */
final class KnnHeaps {

    private final int k;
    private final double[] keys;
    private final int[] indices;
    private final int[] sizes;

    KnnHeaps(int queries, int k) {
        this.k = k;
        keys = new double[queries * k];
        indices = new int[queries * k];
        sizes = new int[queries];
    }

    void clear() {
        Arrays.fill(sizes, 0);
    }

    /** Offers candidate {@code j} at squared distance {@code key} to query {@code q}'s heap. */
    void offer(int q, double key, int j) {
        if (k == 0) {
            return;
        }
        int base = q * k;
        int size = sizes[q];
        if (size < k) {
            int i = size;
            sizes[q] = size + 1;
            while (i > 0) {
                int parent = (i - 1) >> 1;
                if (!greater(key, j, keys[base + parent], indices[base + parent])) {
                    break;
                }
                keys[base + i] = keys[base + parent];
                indices[base + i] = indices[base + parent];
                i = parent;
            }
            keys[base + i] = key;
            indices[base + i] = j;
        } else if (greater(keys[base], indices[base], key, j)) {
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= k) {
                    break;
                }
                if (child + 1 < k && greater(keys[base + child + 1], indices[base + child + 1], keys[base + child],
                        indices[base + child])) {
                    child++;
                }
                if (!greater(keys[base + child], indices[base + child], key, j)) {
                    break;
                }
                keys[base + i] = keys[base + child];
                indices[base + i] = indices[base + child];
                i = child;
            }
            keys[base + i] = key;
            indices[base + i] = j;
        }
    }

    private static boolean greater(double a, int ia, double b, int ib) {
        return a > b || (a == b && ia > ib);
    }

    /**
     * Writes query {@code q}'s neighbours, nearest first, with their distances recomputed directly, into row
     * {@code point} of the graph arrays.
     */
    void finish(int q, float[] x, int d, int point, int[] neighbours, float[] distances) {
        writeRow(indices, q * k, k, x, d, point, neighbours, distances);
    }

    /**
     * Writes the {@code k} neighbours {@code chosen[from …]} of {@code point} into its row of the graph arrays:
     * their distances recomputed in double precision, nearest first, ties by index.
     */
    static void writeRow(int[] chosen, int from, int k, float[] x, int d, int point, int[] neighbours,
            float[] distances) {
        double[] exact = new double[k];
        Integer[] byDistance = new Integer[k];
        for (int r = 0; r < k; r++) {
            int j = chosen[from + r];
            double s = 0;
            for (int t = 0; t < d; t++) {
                double diff = (double) x[point * d + t] - x[j * d + t];
                s += diff * diff;
            }
            exact[r] = s;
            byDistance[r] = r;
        }
        Arrays.sort(byDistance, (a, b) -> {
            int c = Double.compare(exact[a], exact[b]);
            return c != 0 ? c : Integer.compare(chosen[from + a], chosen[from + b]);
        });
        for (int r = 0; r < k; r++) {
            int e = byDistance[r];
            neighbours[point * k + r] = chosen[from + e];
            distances[point * k + r] = (float) Math.sqrt(exact[e]);
        }
    }
}
