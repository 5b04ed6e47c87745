package io.avlens.analysis.generation;

import io.avlens.analysis.projection.SymmetricEigen;

/**
 * The Fréchet distance between two sets of embeddings, each summarised by its mean and covariance, as FAD (and FID)
 * define it: {@code d² = ‖μ1 − μ2‖² + tr(Σ1 + Σ2 − 2 (Σ1^{1/2} Σ2 Σ1^{1/2})^{1/2})}. The matrix square roots come
 * from symmetric eigendecompositions ({@link SymmetricEigen}, eigenvalues below 0 from rounding clamped to 0), in
 * double; covariances are unbiased ({@code n − 1}, as {@code numpy.cov} in the FAD reference). {@code
 * tr((Σ1^{1/2} Σ2 Σ1^{1/2})^{1/2})} equals {@code tr((Σ1 Σ2)^{1/2})} of the usual formula but needs only symmetric
 * matrices. The value is the squared distance (FAD reports it so); 0 for identical statistics. Stateless.
 */
public final class FrechetDistance {

    private FrechetDistance() {
    }

    /**
     * The distance between the sets of rows {@code a} and {@code b}.
     *
     * @param a rows {@code [n1][d]}, {@code n1 ≥ 2}
     * @param b rows {@code [n2][d]}, {@code n2 ≥ 2}
     * @throws IllegalArgumentException when a set has fewer than two rows or the dimensions differ
     */
    public static double between(float[][] a, float[][] b) {
        check(a, "first");
        check(b, "second");
        if (a[0].length != b[0].length) {
            throw new IllegalArgumentException("the embeddings differ in dimension: " + a[0].length + " and "
                    + b[0].length);
        }
        int d = a[0].length;
        double[] m1 = mean(a, d);
        double[] m2 = mean(b, d);
        return of(m1, covariance(a, m1, d), m2, covariance(b, m2, d), d);
    }

    /**
     * The distance between two Gaussians given by their statistics.
     *
     * @param mu1    mean, length {@code d}
     * @param sigma1 covariance, row-major {@code d × d}, symmetric positive semi-definite
     * @param mu2    mean, length {@code d}
     * @param sigma2 covariance, row-major {@code d × d}
     */
    public static double of(double[] mu1, double[] sigma1, double[] mu2, double[] sigma2, int d) {
        if (mu1.length != d || mu2.length != d || sigma1.length != d * d || sigma2.length != d * d) {
            throw new IllegalArgumentException("means of length " + d + " and covariances of " + d + " × " + d
                    + " needed");
        }
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            double diff = mu1[i] - mu2[i];
            meanTerm += diff * diff;
        }
        double[] root1 = sqrt(sigma1, d);
        double[] middle = multiply(multiply(root1, sigma2, d), root1, d);
        symmetrise(middle, d);
        SymmetricEigen e = SymmetricEigen.of(middle, d);
        double crossTrace = 0;
        for (int c = 0; c < d; c++) {
            crossTrace += Math.sqrt(Math.max(0, e.value(c)));
        }
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += sigma1[i * d + i] + sigma2[i * d + i];
        }
        return Math.max(0, meanTerm + trace - 2 * crossTrace);
    }

    /** The symmetric square root {@code V diag(√max(λ, 0)) Vᵀ} of a symmetric PSD matrix. */
    static double[] sqrt(double[] sym, int d) {
        SymmetricEigen e = SymmetricEigen.of(sym, d);
        double[] out = new double[d * d];
        for (int c = 0; c < d; c++) {
            double s = Math.sqrt(Math.max(0, e.value(c)));
            if (s == 0) {
                continue;
            }
            for (int i = 0; i < d; i++) {
                double vi = e.vector(c, i) * s;
                for (int j = 0; j < d; j++) {
                    out[i * d + j] += vi * e.vector(c, j);
                }
            }
        }
        return out;
    }

    private static double[] multiply(double[] x, double[] y, int d) {
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double xik = x[i * d + k];
                if (xik == 0) {
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    out[i * d + j] += xik * y[k * d + j];
                }
            }
        }
        return out;
    }

    private static void symmetrise(double[] m, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double v = (m[i * d + j] + m[j * d + i]) / 2;
                m[i * d + j] = v;
                m[j * d + i] = v;
            }
        }
    }

    static double[] mean(float[][] rows, int d) {
        double[] m = new double[d];
        for (float[] r : rows) {
            for (int j = 0; j < d; j++) {
                m[j] += r[j];
            }
        }
        for (int j = 0; j < d; j++) {
            m[j] /= rows.length;
        }
        return m;
    }

    static double[] covariance(float[][] rows, double[] mean, int d) {
        double[] c = new double[d * d];
        double[] x = new double[d];
        for (float[] r : rows) {
            for (int j = 0; j < d; j++) {
                x[j] = r[j] - mean[j];
            }
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    c[i * d + j] += x[i] * x[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double v = c[i * d + j] / (rows.length - 1);
                c[i * d + j] = v;
                c[j * d + i] = v;
            }
        }
        return c;
    }

    private static void check(float[][] rows, String which) {
        if (rows == null || rows.length < 2) {
            throw new IllegalArgumentException("the " + which + " set needs at least two embeddings for a covariance,"
                    + " has " + (rows == null ? 0 : rows.length));
        }
        for (float[] r : rows) {
            if (r.length != rows[0].length) {
                throw new IllegalArgumentException("the " + which + " set's embeddings differ in length: "
                        + rows[0].length + " and " + r.length);
            }
        }
    }
}
