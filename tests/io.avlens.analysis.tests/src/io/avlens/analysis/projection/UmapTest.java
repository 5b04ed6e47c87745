package io.avlens.analysis.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

class UmapTest {

    private static final int CLUSTERS = 5;
    private static final int PER_CLUSTER = 120;

    /** Unit Gaussians in 10-D around centres 10 apart along the axes: no two clusters come near each other. */
    private static Points blobs() {
        int n = CLUSTERS * PER_CLUSTER;
        float[] v = new float[n * 10];
        Random random = new Random(9);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 10; j++) {
                v[i * 10 + j] = (float) (random.nextGaussian() + (j == i % CLUSTERS ? 10 : 0));
            }
        }
        return new Points(n, 10, v);
    }

    @Test
    void separatesWellSeparatedClusters() {
        Points points = blobs();
        float[] xy = new Umap(UmapOptions.defaults().withThreads(2)).project(points, ProjectionMonitor.NONE);
        // clusters not mixed: a point's 10 nearest in the layout are (nearly) all of its own cluster
        int same = 0;
        for (int i = 0; i < points.n(); i++) {
            for (int j : nearestInLayout(xy, i, 10)) {
                same += j % CLUSTERS == i % CLUSTERS ? 1 : 0;
            }
        }
        assertThat(same / (double) (points.n() * 10)).isGreaterThan(0.99);
        // within a cluster the data are isotropic noise in 10-D, so no 2-D layout keeps much of the order there;
        // PCA keeps the clusters apart too and is the baseline UMAP must beat on local structure
        ProjectionQuality.Scores umap = ProjectionQuality.of(points, xy, 10, points.n(), 0, 2);
        ProjectionQuality.Scores pca = ProjectionQuality.of(points,
                new Pca(1).project(points, ProjectionMonitor.NONE), 10, points.n(), 0, 2);
        assertThat(umap.trustworthiness()).isGreaterThan(0.85).isGreaterThan(pca.trustworthiness());
        assertThat(umap.knnPreservation()).isGreaterThan(pca.knnPreservation());
    }

    @Test
    void sameLayoutForASeedAndNoneOtherForAnotherSeed() {
        Points points = blobs();
        UmapOptions options = UmapOptions.defaults().withThreads(1).withEpochs(60).withSeed(5);
        float[] a = new Umap(options).project(points, ProjectionMonitor.NONE);
        float[] b = new Umap(options).project(points, ProjectionMonitor.NONE);
        float[] twoThreads = new Umap(options.withThreads(2)).project(points, ProjectionMonitor.NONE);
        float[] other = new Umap(options.withSeed(6)).project(points, ProjectionMonitor.NONE);
        assertThat(b).containsExactly(a);
        assertThat(twoThreads).containsExactly(a);
        assertThat(other).isNotEqualTo(a);
    }

    @Test
    void reportsProgressAndIntermediateLayoutsAndStopsWhenCancelled() {
        Points points = blobs();
        List<Integer> iterations = new ArrayList<>();
        List<float[]> layouts = new ArrayList<>();
        long[] last = {-1, -1};
        ProjectionMonitor watching = new ProjectionMonitor() {
            @Override
            public void progress(String phase, long done, long total) {
                assertThat(done).isGreaterThanOrEqualTo(last[0]).isLessThanOrEqualTo(total);
                last[0] = done;
                last[1] = total;
            }

            @Override
            public void layout(float[] xy, int iteration) {
                iterations.add(iteration);
                layouts.add(xy);
            }
        };
        UmapOptions options = new UmapOptions(15, 0.1, 1.0, 50, 1, 5, 2, 10);
        float[] end = new Umap(options).project(points, watching);
        assertThat(iterations).containsExactly(10, 20, 30, 40);
        assertThat(layouts).allSatisfy(xy -> assertThat(xy).hasSize(2 * points.n()));
        assertThat(layouts.get(0)).isNotEqualTo(layouts.get(3));
        assertThat(end).isNotEqualTo(layouts.get(3));
        assertThat(last[0]).isEqualTo(last[1]).isEqualTo(100 + 10 + 50);

        int[] epochs = {0};
        ProjectionMonitor cancelling = new ProjectionMonitor() {
            @Override
            public void progress(String phase, long done, long total) {
                epochs[0] = (int) done;
            }

            @Override
            public boolean cancelled() {
                return epochs[0] >= 120;
            }
        };
        assertThatThrownBy(() -> new Umap(options).project(points, cancelling))
                .isInstanceOf(CancellationException.class);
        assertThat(epochs[0]).isLessThan(160);
    }

    @Test
    void curveParametersAsUmapLearnFitsThem() {
        // umap-learn 0.5.3 find_ab_params(spread=1, min_dist): 0.1 -> (1.57694, 0.89506), 0.5 -> (0.58303, 1.33417)
        UmapCurve c = UmapCurve.fit(0.1, 1.0);
        assertThat(c.a()).isCloseTo(1.5769434601962196, within(1e-3));
        assertThat(c.b()).isCloseTo(0.8950608779914887, within(1e-3));
        UmapCurve d = UmapCurve.fit(0.5, 1.0);
        assertThat(d.a()).isCloseTo(0.583030020479462, within(1e-3));
        assertThat(d.b()).isCloseTo(1.3341669929263487, within(1e-3));
    }

    @Test
    void fuzzyGraphIsSymmetricWithFullMembershipToTheNearest() {
        Points points = blobs();
        KnnGraph knn = new NnDescent(1, 1).build(points, 14, ProjectionMonitor.NONE);
        FuzzyGraph graph = FuzzyGraph.of(knn, 15);
        for (int i = 0; i < points.n(); i++) {
            assertThat(graph.weight(i, knn.neighbours()[i * 14])).isEqualTo(1f);
            for (int e = graph.rowStarts()[i]; e < graph.rowStarts()[i + 1]; e++) {
                int j = graph.tails()[e];
                assertThat(graph.weights()[e]).isEqualTo(graph.weight(j, i)).isBetween(0f, 1f);
            }
        }
        assertThat(graph.edges()).isBetween(points.n() * 14, points.n() * 28);
    }

    @Test
    void fastPowerIsCloseToMathPow() {
        Random random = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            double x = Math.exp(random.nextGaussian() * 5);
            double b = 0.5 + random.nextDouble();
            assertThat(UmapMath.pow(x, b) / Math.pow(x, b)).isCloseTo(1, within(1e-4));
        }
    }

    private static int[] nearestInLayout(float[] xy, int i, int k) {
        int n = xy.length / 2;
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(j -> j == i ? Double.MAX_VALUE
                : Math.hypot(xy[2 * j] - xy[2 * i], xy[2 * j + 1] - xy[2 * i + 1])));
        int[] out = new int[k];
        for (int r = 0; r < k; r++) {
            out[r] = order[r];
        }
        return out;
    }
}
