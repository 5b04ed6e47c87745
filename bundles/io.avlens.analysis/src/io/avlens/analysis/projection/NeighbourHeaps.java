package io.avlens.analysis.projection;

import java.util.Arrays;

/**
 * For each of n points, a bounded max-heap of its k best neighbours found so far (squared distances; the worst at
 * the root), each with a "new" flag as NN-descent needs. Not thread-safe: callers give each thread its own points.
 */
final class NeighbourHeaps {

    final int n;
    final int k;
    final int[] ids;
    final float[] distances;
    final boolean[] fresh;

    NeighbourHeaps(int n, int k) {
        this.n = n;
        this.k = k;
        ids = new int[n * k];
        distances = new float[n * k];
        fresh = new boolean[n * k];
        Arrays.fill(ids, -1);
        Arrays.fill(distances, Float.POSITIVE_INFINITY);
    }

    /** The largest distance kept for point i (infinite while its heap is not full). */
    float worst(int i) {
        return distances[i * k];
    }

    /** Offers j as a neighbour of i; true when it was kept (closer than the worst, and not there already). */
    boolean push(int i, int j, float distance, boolean isNew) {
        int o = i * k;
        if (distance >= distances[o] || i == j) {
            return false;
        }
        for (int r = 0; r < k; r++) {
            if (ids[o + r] == j) {
                return false;
            }
        }
        int pos = 0;
        while (true) {
            int left = 2 * pos + 1;
            if (left >= k) {
                break;
            }
            int right = left + 1;
            int child = right < k && distances[o + right] > distances[o + left] ? right : left;
            if (distances[o + child] <= distance) {
                break;
            }
            ids[o + pos] = ids[o + child];
            distances[o + pos] = distances[o + child];
            fresh[o + pos] = fresh[o + child];
            pos = child;
        }
        ids[o + pos] = j;
        distances[o + pos] = distance;
        fresh[o + pos] = isNew;
        return true;
    }

    /** The graph, each point's neighbours nearest first, with Euclidean (not squared) distances. */
    KnnGraph toGraph() {
        int[] nb = new int[n * k];
        float[] dist = new float[n * k];
        Integer[] order = new Integer[k];
        for (int i = 0; i < n; i++) {
            int o = i * k;
            for (int r = 0; r < k; r++) {
                order[r] = r;
            }
            Arrays.sort(order, (a, b) -> {
                int c = Float.compare(distances[o + a], distances[o + b]);
                return c != 0 ? c : Integer.compare(ids[o + a], ids[o + b]);
            });
            for (int r = 0; r < k; r++) {
                nb[o + r] = ids[o + order[r]];
                dist[o + r] = (float) Math.sqrt(distances[o + order[r]]);
            }
        }
        return new KnnGraph(n, k, nb, dist);
    }

    /**
     * Squared Euclidean distance between rows a and b of x, or some value above {@code bound} once the partial sum
     * passes it (checked every 16 columns): most pairs NN-descent compares are rejected that way, half-computed.
     */
    static float distanceBelow(float[] x, int d, int a, int b, float bound) {
        int oa = a * d;
        int ob = b * d;
        float s = 0;
        int j = 0;
        for (; j + 16 <= d; j += 16) {
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int t = j; t < j + 16; t += 4) {
                float t0 = x[oa + t] - x[ob + t];
                float t1 = x[oa + t + 1] - x[ob + t + 1];
                float t2 = x[oa + t + 2] - x[ob + t + 2];
                float t3 = x[oa + t + 3] - x[ob + t + 3];
                s0 += t0 * t0;
                s1 += t1 * t1;
                s2 += t2 * t2;
                s3 += t3 * t3;
            }
            s += (s0 + s1) + (s2 + s3);
            if (s > bound) {
                return s;
            }
        }
        for (; j < d; j++) {
            float t = x[oa + j] - x[ob + j];
            s += t * t;
        }
        return s;
    }

    /** Squared Euclidean distance between rows a and b of x (d columns), with four partial sums for speed. */
    static float distance(float[] x, int d, int a, int b) {
        int oa = a * d;
        int ob = b * d;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            float t0 = x[oa + j] - x[ob + j];
            float t1 = x[oa + j + 1] - x[ob + j + 1];
            float t2 = x[oa + j + 2] - x[ob + j + 2];
            float t3 = x[oa + j + 3] - x[ob + j + 3];
            s0 += t0 * t0;
            s1 += t1 * t1;
            s2 += t2 * t2;
            s3 += t3 * t3;
        }
        for (; j < d; j++) {
            float t = x[oa + j] - x[ob + j];
            s0 += t * t;
        }
        return (s0 + s1) + (s2 + s3);
    }
}
