package io.avlens.analysis.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The automatic choice of neighbour search: exact while it is cheap, for t-SNE's large k far beyond UMAP's. */
class KnnGraphsTest {

    @Test
    void choosesByPointsAndNeighbours() {
        // with the Vector API: the scan up to 20,000 points for any k, then while n < 770 k^1.4
        assertThat(KnnGraphs.choose(20_000, 15, true)).isEqualTo(KnnGraphs.Search.SCAN);
        assertThat(KnnGraphs.choose(20_001, 15, true)).isEqualTo(KnnGraphs.Search.SCAN); // 770 · 15^1.4 ≈ 34,000
        assertThat(KnnGraphs.choose(40_000, 15, true)).isEqualTo(KnnGraphs.Search.NN_DESCENT);
        assertThat(KnnGraphs.choose(100_000, 15, true)).isEqualTo(KnnGraphs.Search.NN_DESCENT);
        assertThat(KnnGraphs.choose(100_000, 90, true)).isEqualTo(KnnGraphs.Search.SCAN); // t-SNE at the target
        assertThat(KnnGraphs.choose(400_000, 90, true)).isEqualTo(KnnGraphs.Search.SCAN); // 770 · 90^1.4 ≈ 419,000
        assertThat(KnnGraphs.choose(1_000_000, 90, true)).isEqualTo(KnnGraphs.Search.NN_DESCENT);
        // without it: the scalar exact search up to 20,000 points, NN-descent above
        assertThat(KnnGraphs.choose(20_000, 90, false)).isEqualTo(KnnGraphs.Search.EXACT);
        assertThat(KnnGraphs.choose(20_001, 90, false)).isEqualTo(KnnGraphs.Search.NN_DESCENT);
        assertThat(KnnGraphs.describe(100_000, 90)).isEqualTo("exact (ScanKnnGraph, Vector API)");
        assertThat(KnnGraphs.describe(100_000, 15)).isEqualTo("approximate (NnDescent)");
    }

    @Test
    void theAutomaticBuilderGivesTheExactGraphForSmallSets() {
        Points points = ExactKnnGraphTest.gaussian(600, 9, new Random(5));
        KnnGraph automatic = KnnGraphs.automatic(2, 1).build(points, 30, ProjectionMonitor.NONE);
        KnnGraph exact = new ExactKnnGraph(1).build(points, 30, ProjectionMonitor.NONE);
        assertThat(automatic.neighbours()).isEqualTo(exact.neighbours());
        assertThat(automatic.distances()).isEqualTo(exact.distances());
    }
}
