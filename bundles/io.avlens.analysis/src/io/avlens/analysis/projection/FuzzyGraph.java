package io.avlens.analysis.projection;

import java.util.Arrays;

/**
 * UMAP's fuzzy simplicial set of a kNN graph, symmetric, as directed edges grouped by head (each undirected edge
 * twice): {@code heads[e] -> tails[e]} with membership {@code weights[e]}, rows in head order, tails ascending.
 * <p>
 * Each point's memberships are {@code exp(-(d - rho) / sigma)}, rho the distance to its nearest neighbour and sigma
 * found by binary search so they sum to {@code log2(neighbours)} (umap-learn's {@code smooth_knn_dist}, local
 * connectivity 1); the two directions are joined by fuzzy union {@code w + w' - w w'}.
 */
public record FuzzyGraph(int n, int[] rowStarts, int[] tails, float[] weights) {

    private static final double TOLERANCE = 1e-5;
    private static final double MIN_SCALE = 1e-3;

    /**
     * @param neighbours umap-learn's {@code n_neighbors}, the point itself counted; the graph lists the others
     */
    public static FuzzyGraph of(KnnGraph graph, int neighbours) {
        int n = graph.n();
        int k = graph.k();
        float[] dist = graph.distances();
        int[] nb = graph.neighbours();
        double target = Math.log(neighbours) / Math.log(2);
        double meanAll = 0;
        for (float v : dist) {
            meanAll += v;
        }
        meanAll /= Math.max(1, (long) n * (k + 1));
        float[] directed = new float[n * k];
        for (int i = 0; i < n; i++) {
            int o = i * k;
            double rho = 0;
            double sum = 0;
            for (int r = 0; r < k; r++) {
                sum += dist[o + r];
                if (rho == 0 && dist[o + r] > 0) {
                    rho = dist[o + r];
                }
            }
            double sigma = sigma(dist, o, k, rho, target);
            double floor = MIN_SCALE * (rho > 0 ? sum / (k + 1) : meanAll);
            sigma = Math.max(sigma, floor);
            for (int r = 0; r < k; r++) {
                double excess = dist[o + r] - rho;
                directed[o + r] = excess <= 0 || sigma == 0 ? 1f : (float) Math.exp(-excess / sigma);
            }
        }
        return union(n, k, nb, directed);
    }

    private static double sigma(float[] dist, int o, int k, double rho, double target) {
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double mid = 1;
        for (int iter = 0; iter < 64; iter++) {
            double psum = 0;
            for (int r = 0; r < k; r++) {
                double excess = dist[o + r] - rho;
                psum += excess > 0 ? Math.exp(-excess / mid) : 1;
            }
            if (Math.abs(psum - target) < TOLERANCE) {
                break;
            }
            if (psum > target) {
                hi = mid;
                mid = (lo + hi) / 2;
            } else {
                lo = mid;
                mid = hi == Double.POSITIVE_INFINITY ? mid * 2 : (lo + hi) / 2;
            }
        }
        return mid;
    }

    /** Joins i->j and j->i by fuzzy union; an edge listed one way only keeps its weight. */
    private static FuzzyGraph union(int n, int k, int[] nb, float[] w) {
        int[] inCount = new int[n + 1];
        for (int e = 0; e < n * k; e++) {
            inCount[nb[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            inCount[i + 1] += inCount[i];
        }
        int[] inFrom = new int[n * k];
        float[] inWeight = new float[n * k];
        int[] fill = Arrays.copyOf(inCount, n);
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                int j = nb[i * k + r];
                inFrom[fill[j]] = i;
                inWeight[fill[j]++] = w[i * k + r];
            }
        }
        int[] rowStarts = new int[n + 1];
        long[][] rows = new long[n][];
        for (int i = 0; i < n; i++) {
            int ins = inCount[i + 1] - inCount[i];
            long[] row = new long[k + ins];
            int c = 0;
            for (int r = 0; r < k; r++) {
                int j = nb[i * k + r];
                double back = 0;
                for (int t = inCount[i]; t < inCount[i + 1]; t++) {
                    if (inFrom[t] == j) {
                        back = inWeight[t];
                    }
                }
                double u = w[i * k + r] + back - w[i * k + r] * back;
                row[c++] = pack(j, (float) u);
            }
            for (int t = inCount[i]; t < inCount[i + 1]; t++) {
                int j = inFrom[t];
                if (!listed(nb, i * k, k, j)) {
                    row[c++] = pack(j, inWeight[t]);
                }
            }
            rows[i] = Arrays.copyOf(row, c);
            Arrays.sort(rows[i]);
            rowStarts[i + 1] = rowStarts[i] + c;
        }
        int[] tails = new int[rowStarts[n]];
        float[] weights = new float[rowStarts[n]];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < rows[i].length; c++) {
                tails[rowStarts[i] + c] = (int) (rows[i][c] >>> 32);
                weights[rowStarts[i] + c] = Float.intBitsToFloat((int) rows[i][c]);
            }
        }
        return new FuzzyGraph(n, rowStarts, tails, weights);
    }

    private static long pack(int tail, float weight) {
        return ((long) tail << 32) | (Float.floatToRawIntBits(weight) & 0xffffffffL);
    }

    private static boolean listed(int[] nb, int o, int k, int j) {
        for (int r = 0; r < k; r++) {
            if (nb[o + r] == j) {
                return true;
            }
        }
        return false;
    }

    /** Number of directed edges (twice the undirected ones). */
    public int edges() {
        return tails.length;
    }

    /** The weight of the edge between i and j, 0 when there is none. */
    public float weight(int i, int j) {
        for (int e = rowStarts[i]; e < rowStarts[i + 1]; e++) {
            if (tails[e] == j) {
                return weights[e];
            }
        }
        return 0;
    }
}
