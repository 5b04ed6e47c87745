package io.avlens.analysis.projection;

import java.util.SplittableRandom;

/**
 * How well a 2-D layout keeps the points' neighbourhoods, to compare projections by number.
 * <ul>
 * <li><b>Trustworthiness</b> as scikit-learn's {@code sklearn.manifold.trustworthiness} defines it: 1 minus a
 * normalised penalty for every point that is among a point's k nearest in 2-D but not in the original space, by how
 * far down the original ranking it is: {@code 1 - 2 / (n k (2n - 3k - 1)) * sum max(0, rank - k)}.</li>
 * <li><b>kNN preservation</b>: the share of each point's k nearest neighbours in the original space that are also
 * among its k nearest in 2-D, averaged.</li>
 * </ul>
 * For large sets both are computed on a random sample of points, among themselves (as scikit-learn would on that
 * sample), with Euclidean distances; the same seed picks the same sample, so layouts of one set compare fairly.
 */
public final class ProjectionQuality {

    /** The scores of a layout, over {@code sample} points with {@code k} neighbours. */
    public record Scores(int sample, int k, double trustworthiness, double knnPreservation) {
    }

    private ProjectionQuality() {
    }

    /**
     * Scores the layout {@code xy} (2 per point) of the points on a sample of at most {@code sample} of them.
     *
     * @param k neighbours, fewer than half the sample (scikit-learn's condition)
     */
    public static Scores of(Points points, float[] xy, int k, int sample, long seed, int threads) {
        int n = points.n();
        if (xy.length != 2 * n) {
            throw new IllegalArgumentException("a layout of " + xy.length / 2 + " points for " + n + " points");
        }
        int[] ids = sample >= n ? java.util.stream.IntStream.range(0, n).toArray()
                : new SplittableRandom(seed).ints(0, n).distinct().limit(sample).sorted().toArray();
        int m = ids.length;
        if (k < 1 || k >= m / 2.0) {
            throw new IllegalArgumentException(k + " neighbours need more than " + 2 * k + " points; got " + m);
        }
        int d = points.d();
        float[] x = points.values();
        double[] penalty = new double[m];
        int[] kept = new int[m];
        ParallelChunks.run(threads, m, 64, (c, from, to) -> {
            float[] high = new float[m];
            float[] low = new float[m];
            int[] highBest = new int[k];
            int[] lowBest = new int[k];
            for (int q = from; q < to; q++) {
                int i = ids[q];
                for (int r = 0; r < m; r++) {
                    int j = ids[r];
                    float dx = xy[2 * i] - xy[2 * j];
                    float dy = xy[2 * i + 1] - xy[2 * j + 1];
                    high[r] = r == q ? Float.POSITIVE_INFINITY : NeighbourHeaps.distance(x, d, i, j);
                    low[r] = r == q ? Float.POSITIVE_INFINITY : dx * dx + dy * dy;
                }
                nearest(high, k, highBest);
                nearest(low, k, lowBest);
                double p = 0;
                int common = 0;
                for (int a : lowBest) {
                    if (contains(highBest, a)) {
                        common++;
                    } else {
                        int rank = 1;
                        for (float h : high) {
                            rank += h < high[a] ? 1 : 0;
                        }
                        p += Math.max(0, rank - k);
                    }
                }
                penalty[q] = p;
                kept[q] = common;
            }
        });
        double sum = 0;
        long common = 0;
        for (int q = 0; q < m; q++) {
            sum += penalty[q];
            common += kept[q];
        }
        double trust = 1 - sum * (2.0 / ((double) m * k * (2.0 * m - 3.0 * k - 1.0)));
        return new Scores(m, k, trust, common / ((double) m * k));
    }

    /** The indices of the k smallest values (insertion into a sorted list; k is small). */
    private static void nearest(float[] values, int k, int[] out) {
        float[] best = new float[k];
        java.util.Arrays.fill(best, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(out, -1);
        for (int r = 0; r < values.length; r++) {
            float v = values[r];
            if (v >= best[k - 1] && out[k - 1] >= 0) {
                continue;
            }
            int pos = k - 1;
            while (pos > 0 && (best[pos - 1] > v || out[pos - 1] < 0)) {
                best[pos] = best[pos - 1];
                out[pos] = out[pos - 1];
                pos--;
            }
            best[pos] = v;
            out[pos] = r;
        }
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
