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

        // more twins than k + 1: the last twin's k + 1 best rows are all other twins, the lowest indices kept
        float[] eight = base.values().clone();
        for (int p = 1; p < 8; p++) {
            System.arraycopy(eight, 0, eight, p * 5, 5);
        }
        Points twins = new Points(40, 5, eight);
        KnnGraph t = new ScanKnnGraph(1).build(twins, 4, ProjectionMonitor.NONE);
        assertThat(t.neighbours()).isEqualTo(new ExactKnnGraph(1).build(twins, 4, ProjectionMonitor.NONE)
                .neighbours());
        assertThat(java.util.Arrays.copyOfRange(t.neighbours(), 7 * 4, 8 * 4)).containsExactly(0, 1, 2, 3);
        assertThat(java.util.Arrays.copyOfRange(t.neighbours(), 0, 4)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void pointsFarFromTheOriginKeepTheirOrder() {
        // the same cloud moved 10,000 away: without centring, x·y − |y|²/2 in float would lose most of its digits
        Points near = ExactKnnGraphTest.gaussian(800, 6, new Random(6));
        float[] v = near.values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += 10_000f;
        }
        Points far = new Points(800, 6, v);
        KnnGraph g = new ScanKnnGraph(2).build(far, 10, ProjectionMonitor.NONE);
        KnnGraph reference = new ExactKnnGraph(1).build(near, 10, ProjectionMonitor.NONE);
        int same = 0;
        for (int i = 0; i < g.neighbours().length; i++) {
            same += g.neighbours()[i] == reference.neighbours()[i] ? 1 : 0;
        }
        // the moved coordinates themselves are rounded to float (steps of 0.001 at 10,000), so a few near ties swap
        assertThat(same).as("neighbours at the same rank as the cloud's at the origin")
                .isGreaterThan(g.neighbours().length * 97 / 100);
        Points bad = new Points(2, 1, new float[] {0f, Float.NaN});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ScanKnnGraph(1).build(bad, 1,
                ProjectionMonitor.NONE)).hasMessage("point 1 holds NaN in dimension 0; neighbours need finite "
                        + "coordinates");
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
