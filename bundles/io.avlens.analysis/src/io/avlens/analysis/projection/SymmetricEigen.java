package io.avlens.analysis.projection;

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations (exact to rounding, O(d^3) per sweep;
 * meant for covariance matrices of a few hundred dimensions at most). Eigenvalues are sorted largest first. Used by
 * PCA and by {@code io.avlens.analysis.generation.FrechetDistance}.
 */
public final class SymmetricEigen {

    private final int d;
    private final double[] values;
    /** Column c of the row-major d x d matrix is eigenvector c. */
    private final double[] vectors;
    private final int[] order;

    private SymmetricEigen(int d, double[] values, double[] vectors, int[] order) {
        this.d = d;
        this.values = values;
        this.vectors = vectors;
        this.order = order;
    }

    /** Decomposes the row-major symmetric d x d matrix (not changed). */
    public static SymmetricEigen of(double[] matrix, int d) {
        double[] a = matrix.clone();
        double[] v = new double[d * d];
        for (int i = 0; i < d; i++) {
            v[i * d + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diag = 0;
            for (int p = 0; p < d; p++) {
                diag += a[p * d + p] * a[p * d + p];
                for (int q = p + 1; q < d; q++) {
                    off += a[p * d + q] * a[p * d + q];
                }
            }
            if (off <= 1e-30 * diag || off == 0) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    rotate(a, v, d, p, q);
                }
            }
        }
        double[] values = new double[d];
        Integer[] idx = new Integer[d];
        for (int i = 0; i < d; i++) {
            values[i] = a[i * d + i];
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (x, y) -> Double.compare(values[y], values[x]));
        int[] order = new int[d];
        for (int i = 0; i < d; i++) {
            order[i] = idx[i];
        }
        return new SymmetricEigen(d, values, v, order);
    }

    private static void rotate(double[] a, double[] v, int d, int p, int q) {
        double apq = a[p * d + q];
        if (apq == 0) {
            return;
        }
        double app = a[p * d + p];
        double aqq = a[q * d + q];
        double theta = (aqq - app) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < d; k++) {
            double akp = a[k * d + p];
            double akq = a[k * d + q];
            a[k * d + p] = c * akp - s * akq;
            a[k * d + q] = s * akp + c * akq;
        }
        for (int k = 0; k < d; k++) {
            double apk = a[p * d + k];
            double aqk = a[q * d + k];
            a[p * d + k] = c * apk - s * aqk;
            a[q * d + k] = s * apk + c * aqk;
        }
        for (int k = 0; k < d; k++) {
            double vkp = v[k * d + p];
            double vkq = v[k * d + q];
            v[k * d + p] = c * vkp - s * vkq;
            v[k * d + q] = s * vkp + c * vkq;
        }
    }

    /** The c-th largest eigenvalue. */
    public double value(int c) {
        return values[order[c]];
    }

    /** Component j of the eigenvector of the c-th largest eigenvalue (unit length). */
    public double vector(int c, int j) {
        return vectors[j * d + order[c]];
    }
}
