package io.avlens.analysis.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

class NnDescentTest {

    private static final Points POINTS = ClusteredPoints.generate(2000, 32, 10, 11).points();

    @Test
    void findsNineInTenTrueNeighboursOfClusteredPoints() {
        KnnGraph graph = new NnDescent(2, 1).build(POINTS, 10, ProjectionMonitor.NONE);
        // brute force over every point
        assertThat(KnnRecall.of(POINTS, graph, 2000, 0)).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void listsNeighboursNearestFirstWithTheirDistancesAndNeverThePointItself() {
        KnnGraph graph = new NnDescent(1, 2).build(POINTS, 8, ProjectionMonitor.NONE);
        float[] x = POINTS.values();
        for (int i = 0; i < graph.n(); i++) {
            for (int r = 0; r < 8; r++) {
                int j = graph.neighbours()[i * 8 + r];
                assertThat(j).isNotEqualTo(i);
                double exact = Math.sqrt(NeighbourHeaps.distance(x, POINTS.d(), i, j));
                assertThat((double) graph.distances()[i * 8 + r]).isCloseTo(exact, within(1e-4));
                if (r > 0) {
                    assertThat(graph.distances()[i * 8 + r]).isGreaterThanOrEqualTo(graph.distances()[i * 8 + r - 1]);
                }
            }
        }
    }

    @Test
    void sameGraphForASeedOnOneOrTwoThreads() {
        KnnGraph one = new NnDescent(1, 3).build(POINTS, 10, ProjectionMonitor.NONE);
        KnnGraph two = new NnDescent(2, 3).build(POINTS, 10, ProjectionMonitor.NONE);
        assertThat(two.neighbours()).containsExactly(one.neighbours());
        assertThat(two.distances()).containsExactly(one.distances());
    }

    @Test
    void stopsWhenCancelled() {
        ProjectionMonitor cancelling = new ProjectionMonitor() {
            private int calls;

            @Override
            public boolean cancelled() {
                return ++calls > 2;
            }
        };
        assertThatThrownBy(() -> new NnDescent(2, 1).build(POINTS, 10, cancelling))
                .isInstanceOf(CancellationException.class);
    }
}
