package io.avlens.analysis.projection;

import java.util.SplittableRandom;

/** How many of an approximate graph's neighbours are true ones, checked by brute force on a sample of points. */
public final class KnnRecall {

    private KnnRecall() {
    }

    /**
     * The share of the exact k nearest neighbours (brute force over all points) that the graph lists, averaged over
     * {@code sample} points drawn with the seed (all points when there are fewer).
     */
    public static double of(Points points, KnnGraph graph, int sample, long seed) {
        int n = points.n();
        int k = graph.k();
        int d = points.d();
        float[] x = points.values();
        int[] queries = sample >= n ? java.util.stream.IntStream.range(0, n).toArray()
                : new SplittableRandom(seed).ints(0, n).distinct().limit(sample).toArray();
        long found = 0;
        float[] dist = new float[n];
        for (int q : queries) {
            for (int j = 0; j < n; j++) {
                dist[j] = j == q ? Float.POSITIVE_INFINITY : NeighbourHeaps.distance(x, d, q, j);
            }
            float[] sorted = dist.clone();
            java.util.Arrays.sort(sorted);
            float kth = sorted[k - 1];
            for (int r = 0; r < k; r++) {
                int j = graph.neighbours()[q * k + r];
                if (j != q && dist[j] <= kth) {
                    found++;
                }
            }
        }
        return queries.length == 0 ? 1 : found / (double) ((long) queries.length * k);
    }
}
