package io.avlens.analysis.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProjectionQualityTest {

    @Test
    void handComputedCase() {
        // 1-D points 0, 1, 3, 7, 15; the layout swaps the places of points 1 and 2. With k = 1 the layout's nearest
        // neighbours are 2, 2, 0, 1, 3; their ranks in the original space are 2, 2, 2, 2, 1, so the penalty is
        // 1 + 1 + 1 + 1 + 0 = 4 and T = 1 - 2 / (5 * 1 * (10 - 3 - 1)) * 4 = 11/15 (scikit-learn 1.2.1 agrees:
        // trustworthiness(X, Y, n_neighbors=1) = 0.7333). Only point 4 keeps its nearest neighbour: 1/5.
        Points points = new Points(5, 1, new float[] {0, 1, 3, 7, 15});
        float[] xy = {0, 0, 3, 0, 1, 0, 7, 0, 15, 0};
        ProjectionQuality.Scores s = ProjectionQuality.of(points, xy, 1, 5, 0, 1);
        assertThat(s.trustworthiness()).isCloseTo(11.0 / 15, within(1e-12));
        assertThat(s.knnPreservation()).isCloseTo(0.2, within(1e-12));
        assertThat(s.sample()).isEqualTo(5);
    }

    @Test
    void aLayoutThatIsTheDataScoresOne() {
        java.util.Random random = new java.util.Random(1);
        float[] v = new float[400];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        Points points = new Points(200, 2, v);
        ProjectionQuality.Scores s = ProjectionQuality.of(points, v.clone(), 5, 1000, 0, 2);
        assertThat(s.trustworthiness()).isEqualTo(1.0);
        assertThat(s.knnPreservation()).isEqualTo(1.0);
    }

    @Test
    void aShuffledLayoutScoresLowAndASampleIsOnlyThatBig() {
        Points points = ClusteredPoints.generate(3000, 16, 5, 3).points();
        float[] good = new Pca(1).project(points, ProjectionMonitor.NONE);
        float[] shuffled = good.clone();
        java.util.Random random = new java.util.Random(2);
        for (int i = points.n() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            float x = shuffled[2 * i];
            float y = shuffled[2 * i + 1];
            shuffled[2 * i] = shuffled[2 * j];
            shuffled[2 * i + 1] = shuffled[2 * j + 1];
            shuffled[2 * j] = x;
            shuffled[2 * j + 1] = y;
        }
        ProjectionQuality.Scores g = ProjectionQuality.of(points, good, 10, 500, 7, 2);
        ProjectionQuality.Scores s = ProjectionQuality.of(points, shuffled, 10, 500, 7, 2);
        assertThat(g.sample()).isEqualTo(500);
        // random neighbours: trustworthiness near 0.5, preservation near k / sample
        assertThat(s.trustworthiness()).isBetween(0.4, 0.6);
        assertThat(s.knnPreservation()).isLessThan(0.05);
        assertThat(g.trustworthiness()).isGreaterThan(s.trustworthiness() + 0.2);
    }
}
