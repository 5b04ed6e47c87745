package io.avlens.analysis.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class TsneAffinitiesTest {

    @Test
    void eachPointsDistributionHasThePerplexityAsked() {
        Points points = ExactKnnGraphTest.gaussian(300, 10, new Random(4));
        KnnGraph graph = new ExactKnnGraph(1).build(points, 90, ProjectionMonitor.NONE);
        for (double perplexity : new double[] {5, 30}) {
            double[] p = new double[90];
            for (int i = 0; i < points.n(); i++) {
                TsneAffinities.conditional(graph.distances(), i * 90, 90, perplexity, p);
                double entropy = 0;
                double sum = 0;
                for (double v : p) {
                    sum += v;
                    entropy -= v > 0 ? v * Math.log(v) : 0;
                }
                assertThat(sum).isCloseTo(1, within(1e-9));
                assertThat(Math.exp(entropy)).as("perplexity of point %d", i).isCloseTo(perplexity,
                        within(perplexity * 1e-4));
            }
        }
    }

    @Test
    void symmetricAndSumsToOne() {
        Points points = ExactKnnGraphTest.gaussian(200, 5, new Random(6));
        KnnGraph graph = new ExactKnnGraph(2).build(points, 15, ProjectionMonitor.NONE);
        try (ForkedRanges ranges = new ForkedRanges(2)) {
            TsneAffinities p = TsneAffinities.of(graph, 5, ranges, ProjectionMonitor.NONE);
            double total = 0;
            for (int i = 0; i < p.n(); i++) {
                for (int j = 0; j < p.n(); j++) {
                    total += p.value(i, j);
                    assertThat(p.value(i, j)).isCloseTo(p.value(j, i), within(1e-9));
                }
                assertThat(p.value(i, i)).isZero();
            }
            assertThat(total).isCloseTo(1, within(1e-5));
            assertThat(p.nonZeros()).isBetween(200 * 15, 2 * 200 * 15);
        }
    }
}
