package io.avlens.analysis.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    @Test
    void oneDimensionalGaussiansGiveTheClosedForm() {
        // (mu1 - mu2)^2 + (s1 - s2)^2
        double d = FrechetDistance.of(new double[] {1}, new double[] {4}, new double[] {-2}, new double[] {9}, 1);
        assertThat(d).isCloseTo(9 + 1, within(1e-12));
    }

    @Test
    void commutingCovariancesGiveTheSumOverEigenDirections() {
        // same rotation R for both: sum over axes of (sqrt(a) - sqrt(b))^2, whatever R is
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        double[] a = rotated(c, s, 4, 1);
        double[] b = rotated(c, s, 1, 9);
        double d = FrechetDistance.of(new double[] {0, 0}, a, new double[] {3, 4}, b, 2);
        assertThat(d).isCloseTo(25 + 1 + 4, within(1e-9));
    }

    @Test
    void nonCommutingCovariancesGiveTheHandValue() {
        // S1 = diag(4, 1), S2 = [[2, 1], [1, 2]]: S1^1/2 S2 S1^1/2 = [[8, 2], [2, 2]], eigenvalues 5 +- sqrt(13)
        double expected = 9 - 2 * (Math.sqrt(5 + Math.sqrt(13)) + Math.sqrt(5 - Math.sqrt(13)));
        double d = FrechetDistance.of(new double[2], new double[] {4, 0, 0, 1}, new double[2],
                new double[] {2, 1, 1, 2}, 2);
        assertThat(d).isCloseTo(expected, within(1e-9)).isCloseTo(0.77122, within(1e-4));
        // symmetric in its arguments
        double back = FrechetDistance.of(new double[2], new double[] {2, 1, 1, 2}, new double[2],
                new double[] {4, 0, 0, 1}, 2);
        assertThat(back).isCloseTo(expected, within(1e-9));
    }

    @Test
    void samplesUseUnbiasedCovariancesAndAShiftAddsItsSquaredLength() {
        float[][] a = {{0, 0}, {2, 0}, {0, 2}, {2, 2}};
        // mean (1, 1), unbiased covariance diag(4/3, 4/3)
        double[] cov = FrechetDistance.covariance(a, FrechetDistance.mean(a, 2), 2);
        assertThat(cov).containsExactly(new double[] {4.0 / 3, 0, 0, 4.0 / 3}, within(1e-12));
        float[][] b = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            b[i] = new float[] {a[i][0] + 3, a[i][1] - 4};
        }
        assertThat(FrechetDistance.between(a, a)).isCloseTo(0, within(1e-9));
        assertThat(FrechetDistance.between(a, b)).isCloseTo(25, within(1e-6));
    }

    @Test
    void largeSamplesOfKnownGaussiansApproachTheirDistance() {
        Random r = new Random(5);
        int n = 20000;
        float[][] a = new float[n][3];
        float[][] b = new float[n][3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                a[i][j] = (float) r.nextGaussian();
                b[i][j] = (float) (1 + 2 * r.nextGaussian());
            }
        }
        // 3 * 1^2 (means) + 3 * (1 - 2)^2 (deviations)
        assertThat(FrechetDistance.between(a, b)).isCloseTo(6, within(0.15));
    }

    @Test
    void refusesSetsItCannotSummarise() {
        assertThatThrownBy(() -> FrechetDistance.between(new float[][] {{1}}, new float[][] {{1}, {2}}))
                .hasMessageContaining("at least two");
        assertThatThrownBy(() -> FrechetDistance.between(new float[][] {{1}, {2}}, new float[][] {{1, 2}, {2, 3}}))
                .hasMessageContaining("dimension");
    }

    private static double[] rotated(double c, double s, double l1, double l2) {
        // R diag(l1, l2) R^T with R = [[c, -s], [s, c]]
        return new double[] {c * c * l1 + s * s * l2, c * s * l1 - c * s * l2, c * s * l1 - c * s * l2,
            s * s * l1 + c * c * l2};
    }
}
