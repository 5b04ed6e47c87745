package io.avlens.analysis.projection;

/**
 * Principal component analysis to 2-D (name {@code pca}): the points are centred, their covariance (d x d, in
 * double) is accumulated over fixed chunks of rows on several threads and summed in chunk order, and its
 * eigenvectors are found by a cyclic Jacobi solve. Deterministic, and the same on any thread count.
 * <p>
 * Sign convention: each component's loading of largest magnitude is positive (the lowest index on ties), so the
 * same data always gives the same picture, not a mirrored one.
 */
public final class Pca implements Projection {

    private static final int ROWS_PER_CHUNK = 8192;

    private final int threads;

    /** PCA on all cores. */
    public Pca() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** PCA on {@code threads} threads (at least one). */
    public Pca(int threads) {
        this.threads = Math.max(1, threads);
    }

    @Override
    public String name() {
        return "pca";
    }

    @Override
    public float[] project(Points points, ProjectionMonitor monitor) {
        return fit(points, 2, monitor).transform(points);
    }

    /**
     * The mean and the top {@code components} principal axes of the points.
     *
     * @throws java.util.concurrent.CancellationException when the monitor asks to stop
     */
    public PcaFit fit(Points points, int components, ProjectionMonitor monitor) {
        int n = points.n();
        int d = points.d();
        if (n < 2 || components < 1 || components > d) {
            throw new IllegalArgumentException("PCA to " + components + " components needs at least 2 points and "
                    + "at least that many dimensions; got " + n + " points of dimension " + d);
        }
        float[] x = points.values();
        monitor.progress("principal components", 0, 3);
        int chunks = ParallelChunks.count(n, ROWS_PER_CHUNK);
        double[][] sums = new double[chunks][d];
        ParallelChunks.run(threads, n, ROWS_PER_CHUNK, (c, from, to) -> {
            double[] s = sums[c];
            for (int i = from; i < to; i++) {
                for (int j = 0, o = i * d; j < d; j++) {
                    s[j] += x[o + j];
                }
            }
        });
        double[] mean = new double[d];
        for (double[] s : sums) {
            for (int j = 0; j < d; j++) {
                mean[j] += s[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        ParallelChunks.checkCancelled(monitor);
        monitor.progress("principal components", 1, 3);
        double[][] partial = new double[chunks][];
        ParallelChunks.run(threads, n, ROWS_PER_CHUNK, (c, from, to) -> {
            partial[c] = upperScatter(x, d, mean, from, to);
            ParallelChunks.checkCancelled(monitor);
        });
        double[] cov = new double[d * d];
        for (double[] p : partial) {
            for (int j = 0; j < cov.length; j++) {
                cov[j] += p[j];
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                double v = cov[a * d + b] / (n - 1);
                cov[a * d + b] = v;
                cov[b * d + a] = v;
            }
        }
        monitor.progress("principal components", 2, 3);
        SymmetricEigen eigen = SymmetricEigen.of(cov, d);
        double[][] axes = new double[components][d];
        double[] variances = new double[components];
        for (int c = 0; c < components; c++) {
            variances[c] = eigen.value(c);
            double[] v = axes[c];
            int largest = 0;
            for (int j = 0; j < d; j++) {
                v[j] = eigen.vector(c, j);
                if (Math.abs(v[j]) > Math.abs(v[largest]) + 1e-12) {
                    largest = j;
                }
            }
            if (v[largest] < 0) {
                for (int j = 0; j < d; j++) {
                    v[j] = -v[j];
                }
            }
        }
        monitor.progress("principal components", 3, 3);
        return new PcaFit(mean, axes, variances);
    }

    /** The upper triangle of the centred rows' scatter matrix sum (x - mean)(x - mean)^T, four rows at a time. */
    private static double[] upperScatter(float[] x, int d, double[] mean, int from, int to) {
        double[] s = new double[d * d];
        double[] r0 = new double[d];
        double[] r1 = new double[d];
        double[] r2 = new double[d];
        double[] r3 = new double[d];
        int i = from;
        for (; i + 4 <= to; i += 4) {
            centre(x, i, d, mean, r0);
            centre(x, i + 1, d, mean, r1);
            centre(x, i + 2, d, mean, r2);
            centre(x, i + 3, d, mean, r3);
            for (int a = 0; a < d; a++) {
                double a0 = r0[a];
                double a1 = r1[a];
                double a2 = r2[a];
                double a3 = r3[a];
                int o = a * d;
                for (int b = a; b < d; b++) {
                    s[o + b] += a0 * r0[b] + a1 * r1[b] + a2 * r2[b] + a3 * r3[b];
                }
            }
        }
        for (; i < to; i++) {
            centre(x, i, d, mean, r0);
            for (int a = 0; a < d; a++) {
                double a0 = r0[a];
                int o = a * d;
                for (int b = a; b < d; b++) {
                    s[o + b] += a0 * r0[b];
                }
            }
        }
        return s;
    }

    private static void centre(float[] x, int i, int d, double[] mean, double[] out) {
        for (int j = 0, o = i * d; j < d; j++) {
            out[j] = x[o + j] - mean[j];
        }
    }
}
