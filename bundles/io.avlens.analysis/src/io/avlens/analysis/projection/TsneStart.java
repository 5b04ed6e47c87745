package io.avlens.analysis.projection;

import java.util.Random;

/**
 * t-SNE's starting layouts: the first two principal components (by power iteration on the covariance, seeded
 * start vectors, each component's sign fixed so its largest loading is positive) or small Gaussian noise, both
 * scaled so the first coordinate's standard deviation is 1e-4, as scikit-learn and openTSNE do.
 */
final class TsneStart {

    static final double SCALE = 1e-4;
    private static final int POWER_STEPS = 100;

    private TsneStart() {
    }

    /** Independent Gaussian coordinates, standard deviation 1e-4. */
    static double[] random(int n, long seed) {
        Random random = new Random(seed);
        double[] y = new double[2 * n];
        for (int i = 0; i < y.length; i++) {
            y[i] = SCALE * random.nextGaussian();
        }
        return y;
    }

    /** The points projected on their first two principal components, scaled to a deviation of 1e-4. */
    static double[] pca(Points points, long seed, ForkedRanges ranges) {
        int n = points.n();
        int d = points.d();
        float[] x = points.values();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= Math.max(1, n);
        }
        double[][] partial = new double[ranges.threads()][d * d];
        ranges.forEachChunk(n, (chunk, from, to) -> {
            double[] c = partial[chunk];
            double[] row = new double[d];
            for (int i = from; i < to; i++) {
                for (int j = 0; j < d; j++) {
                    row[j] = x[i * d + j] - mean[j];
                }
                for (int a = 0; a < d; a++) {
                    double v = row[a];
                    for (int b = a; b < d; b++) {
                        c[a * d + b] += v * row[b];
                    }
                }
            }
        });
        double[] covariance = new double[d * d];
        for (double[] c : partial) {
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    covariance[a * d + b] += c[a * d + b];
                    covariance[b * d + a] = covariance[a * d + b];
                }
            }
        }
        Random random = new Random(seed);
        double[] first = component(covariance, d, null, random);
        double[] second = component(covariance, d, first, random);
        double[] y = new double[2 * n];
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double u = 0;
            double v = 0;
            for (int j = 0; j < d; j++) {
                double c = x[i * d + j] - mean[j];
                u += c * first[j];
                v += c * second[j];
            }
            y[2 * i] = u;
            y[2 * i + 1] = v;
            sum += u;
            squares += u * u;
        }
        double deviation = Math.sqrt(Math.max(0, squares / n - (sum / n) * (sum / n)));
        if (!(deviation > 0)) {
            return random(n, seed);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] *= SCALE / deviation;
        }
        return y;
    }

    /** The leading unit eigenvector of the covariance, orthogonal to {@code other} when given. */
    private static double[] component(double[] covariance, int d, double[] other, Random random) {
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = random.nextGaussian();
        }
        double[] next = new double[d];
        for (int step = 0; step < POWER_STEPS; step++) {
            if (other != null) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += v[j] * other[j];
                }
                for (int j = 0; j < d; j++) {
                    v[j] -= dot * other[j];
                }
            }
            normalise(v);
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int b = 0; b < d; b++) {
                    s += covariance[a * d + b] * v[b];
                }
                next[a] = s;
            }
            System.arraycopy(next, 0, v, 0, d);
        }
        if (other != null) {
            double dot = 0;
            for (int j = 0; j < d; j++) {
                dot += v[j] * other[j];
            }
            for (int j = 0; j < d; j++) {
                v[j] -= dot * other[j];
            }
        }
        normalise(v);
        int largest = 0;
        for (int j = 1; j < d; j++) {
            if (Math.abs(v[j]) > Math.abs(v[largest])) {
                largest = j;
            }
        }
        if (v[largest] < 0) {
            for (int j = 0; j < d; j++) {
                v[j] = -v[j];
            }
        }
        return v;
    }

    private static void normalise(double[] v) {
        double norm = 0;
        for (double e : v) {
            norm += e * e;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] /= norm;
            }
        }
    }
}
