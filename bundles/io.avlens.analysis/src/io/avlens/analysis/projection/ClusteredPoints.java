package io.avlens.analysis.projection;

import java.util.SplittableRandom;

/**
 * Synthetic embeddings for tests and benchmarks, shaped like real ones: Gaussian clusters of unequal sizes and
 * spreads on an 8-dimensional latent manifold, mapped into d dimensions by a random linear map followed by a
 * smooth non-linearity ({@code tanh}), plus a little isotropic noise.
 */
public final class ClusteredPoints {

    private static final int LATENT = 8;

    private ClusteredPoints() {
    }

    /** The points and the cluster of each. */
    public record Labelled(Points points, int[] clusters) {
    }

    /** n points of dimension d in the given number of clusters, the same for the same seed. */
    public static Labelled generate(int n, int d, int clusters, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] centres = new double[clusters * LATENT];
        double[] spreads = new double[clusters];
        double[] weights = new double[clusters];
        double sum = 0;
        for (int c = 0; c < clusters; c++) {
            for (int j = 0; j < LATENT; j++) {
                centres[c * LATENT + j] = gaussian(random) * 3;
            }
            spreads[c] = 0.3 + 0.7 * random.nextDouble();
            weights[c] = 0.5 + random.nextDouble();
            sum += weights[c];
        }
        double[] map = new double[d * LATENT];
        for (int i = 0; i < map.length; i++) {
            map[i] = gaussian(random) / Math.sqrt(LATENT);
        }
        float[] values = new float[n * d];
        int[] labels = new int[n];
        double[] z = new double[LATENT];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble() * sum;
            int c = 0;
            while (c < clusters - 1 && u >= weights[c]) {
                u -= weights[c];
                c++;
            }
            labels[i] = c;
            for (int j = 0; j < LATENT; j++) {
                z[j] = centres[c * LATENT + j] + gaussian(random) * spreads[c];
            }
            for (int r = 0; r < d; r++) {
                double s = 0;
                for (int j = 0; j < LATENT; j++) {
                    s += map[r * LATENT + j] * z[j];
                }
                values[i * d + r] = (float) (Math.tanh(s / 2) + 0.02 * gaussian(random));
            }
        }
        return new Labelled(new Points(n, d, values), labels);
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
