package io.avlens.analysis.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

/**
 * The scan-based exact kNN graph gives {@link ExactKnnGraph}'s graph: on the Vector API kernel (the test JVM runs
 * with {@code --add-modules jdk.incubator.vector}) and on the scalar one, on any thread count, across batches, with
 * a dimension that is no multiple of the vector width, and with duplicate points (the point itself is left out,
 * never one of its twins).
 */
class ScanKnnGraphTest {

    @Test
    void givesTheExactGraphOnEitherKernelAndAnyThreadCount() {
        assertThat(ScanKnnGraph.vectorised()).as("the test JVM has the Vector API").isTrue();
        // more than one batch of queries, a ragged last one, 13 dimensions (+1 for the norm term)
        Points points = ExactKnnGraphTest.gaussian(2 * ScanKnnGraph.BATCH + 77, 13, new Random(3));
        int k = 20;
        KnnGraph reference = new ExactKnnGraph(1).build(points, k, ProjectionMonitor.NONE);
        for (KnnGraphBuilder builder : new KnnGraphBuilder[] {new ScanKnnGraph(1), new ScanKnnGraph(3),
            new ScanKnnGraph(2, false)}) {
            KnnGraph g = builder.build(points, k, ProjectionMonitor.NONE);
            assertThat(g.k()).isEqualTo(k);
            assertThat(g.neighbours()).isEqualTo(reference.neighbours());
            assertThat(g.distances()).isEqualTo(reference.distances());
        }
    }

    @Test
    void leavesOutThePointItselfAmongDuplicates() {
        // points 0-3 are one place, 4-5 another; everything else far away
        Points base = ExactKnnGraphTest.gaussian(40, 5, new Random(4));
        float[] v = base.values().clone();
        for (int p = 1; p < 4; p++) {
            System.arraycopy(v, 0, v, p * 5, 5);
        }
        System.arraycopy(v, 4 * 5, v, 5 * 5, 5);
        Points points = new Points(40, 5, v);
        KnnGraph g = new ScanKnnGraph(2).build(points, 4, ProjectionMonitor.NONE);
        KnnGraph reference = new ExactKnnGraph(1).build(points, 4, ProjectionMonitor.NONE);
        assertThat(g.neighbours()).isEqualTo(reference.neighbours());
        for (int point = 0; point < 4; point++) {
            int p = point;
            int[] row = java.util.Arrays.copyOfRange(g.neighbours(), p * 4, p * 4 + 3);
            assertThat(row).as("point %d's three twins first", p).doesNotContain(p)
                    .containsExactlyInAnyOrder(java.util.stream.IntStream.range(0, 4).filter(i -> i != p).toArray());
            assertThat(g.distances()[p * 4]).isZero();
        }
        assertThat(g.neighbours()[4 * 4]).isEqualTo(5);
        assertThat(g.neighbours()[5 * 4]).isEqualTo(4);
    }

    @Test
    void refusesTooManyNeighboursAndStopsWhenCancelled() {
        Points points = ExactKnnGraphTest.gaussian(50, 3, new Random(2));
        assertThatThrownBy(() -> new ScanKnnGraph(1).build(points, 50, ProjectionMonitor.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("50 neighbours among 50 points");
        assertThat(new ScanKnnGraph(1).build(points, 0, ProjectionMonitor.NONE).neighbours()).isEmpty();
        ProjectionMonitor cancelled = new ProjectionMonitor() {
            @Override
            public boolean cancelled() {
                return true;
            }
        };
        assertThatThrownBy(() -> new ScanKnnGraph(2).build(points, 5, cancelled))
                .isInstanceOf(CancellationException.class);
    }
}
