package io.avlens.analysis.projection;

/**
 * A fitted PCA: the points' mean and principal axes (unit vectors, largest variance first) with their variances
 * (covariance eigenvalues, divided by n - 1 as scikit-learn's {@code explained_variance_}).
 */
public record PcaFit(double[] mean, double[][] axes, double[] variances) {

    /** Coordinates of the points along the axes: {@code out[i * axes + c]}; 2-D for two axes. */
    public float[] transform(Points points) {
        int d = points.d();
        int c = axes.length;
        if (d != mean.length) {
            throw new IllegalArgumentException("points of dimension " + d + " for a PCA of dimension " + mean.length);
        }
        float[] x = points.values();
        float[] out = new float[points.n() * c];
        double[] row = new double[d];
        for (int i = 0; i < points.n(); i++) {
            for (int j = 0; j < d; j++) {
                row[j] = x[i * d + j] - mean[j];
            }
            for (int k = 0; k < c; k++) {
                double[] axis = axes[k];
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += row[j] * axis[j];
                }
                out[i * c + k] = (float) s;
            }
        }
        return out;
    }
}
