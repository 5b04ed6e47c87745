package io.avlens.analysis.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class PcaTest {

    @Test
    void handCaseOfTwoDimensions() {
        // along the diagonal with a little spread across it: covariance [[2.1, 1.9], [1.9, 2.1]] (n - 1 = 5),
        // eigenvalues 4.0 on (1, 1)/sqrt 2 and 0.2 on (1, -1)/sqrt 2
        float[] v = {1, 1, -1, -1, 2, 2, -2, -2, 0.5f, -0.5f, -0.5f, 0.5f};
        Points points = new Points(6, 2, v);
        PcaFit fit = new Pca(1).fit(points, 2, ProjectionMonitor.NONE);
        double r = Math.sqrt(0.5);
        assertThat(fit.variances()).containsExactly(new double[] {4.0, 0.2}, within(1e-12));
        assertThat(fit.axes()[0]).containsExactly(new double[] {r, r}, within(1e-12));
        // equal magnitudes: the first loading is the positive one
        assertThat(fit.axes()[1]).containsExactly(new double[] {r, -r}, within(1e-12));
        float[] xy = new Pca(1).project(points, ProjectionMonitor.NONE);
        assertThat(xy[4]).isCloseTo((float) (4 * r), within(1e-5f));
        assertThat(xy[5]).isCloseTo(0f, within(1e-5f));
        assertThat(xy[8]).isCloseTo(0f, within(1e-5f));
        assertThat(xy[9]).isCloseTo((float) r, within(1e-5f));
    }

    @Test
    void recoversTheAxesOfAnAnisotropicGaussian() {
        // standard deviations 5, 2 and 0.5 along a rotated orthonormal basis, offset from the origin
        double[][] basis = orthonormal(new Random(3), 3);
        double[] sd = {5, 2, 0.5};
        int n = 20_000;
        float[] v = new float[n * 3];
        Random random = new Random(4);
        for (int i = 0; i < n; i++) {
            double[] z = {random.nextGaussian() * sd[0], random.nextGaussian() * sd[1], random.nextGaussian() * sd[2]};
            for (int j = 0; j < 3; j++) {
                v[i * 3 + j] = (float) (10 + z[0] * basis[0][j] + z[1] * basis[1][j] + z[2] * basis[2][j]);
            }
        }
        PcaFit fit = new Pca(2).fit(new Points(n, 3, v), 2, ProjectionMonitor.NONE);
        assertThat(fit.mean()).containsExactly(new double[] {10, 10, 10}, within(0.1));
        assertThat(fit.variances()[0]).isCloseTo(25, within(25 * 0.05));
        assertThat(fit.variances()[1]).isCloseTo(4, within(4 * 0.05));
        for (int c = 0; c < 2; c++) {
            double dot = 0;
            for (int j = 0; j < 3; j++) {
                dot += fit.axes()[c][j] * basis[c][j];
            }
            assertThat(Math.abs(dot)).as("axis %d against the true one", c).isGreaterThan(0.999);
            double[] a = fit.axes()[c];
            int largest = Math.abs(a[0]) >= Math.abs(a[1]) && Math.abs(a[0]) >= Math.abs(a[2]) ? 0
                    : Math.abs(a[1]) >= Math.abs(a[2]) ? 1 : 2;
            assertThat(a[largest]).isPositive();
        }
    }

    @Test
    void sameLayoutOnAnyThreadCount() {
        Random random = new Random(5);
        int n = 20_000;
        int d = 16;
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * (1 + i % d));
        }
        Points points = new Points(n, d, v);
        assertThat(new Pca(2).project(points, ProjectionMonitor.NONE))
                .containsExactly(new Pca(1).project(points, ProjectionMonitor.NONE));
    }

    private static double[][] orthonormal(Random random, int d) {
        double[][] q = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                q[i][j] = random.nextGaussian();
            }
            for (int k = 0; k < i; k++) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += q[i][j] * q[k][j];
                }
                for (int j = 0; j < d; j++) {
                    q[i][j] -= dot * q[k][j];
                }
            }
            double norm = 0;
            for (int j = 0; j < d; j++) {
                norm += q[i][j] * q[i][j];
            }
            for (int j = 0; j < d; j++) {
                q[i][j] /= Math.sqrt(norm);
            }
        }
        return q;
    }
}
