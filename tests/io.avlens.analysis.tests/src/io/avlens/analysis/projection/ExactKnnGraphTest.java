package io.avlens.analysis.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

class ExactKnnGraphTest {

    @Test
    void equalsANaiveLoopOnAnyThreadCount() {
        // 700 points: more than one block of candidates and of queries, and a ragged last block
        Points points = gaussian(700, 7, new Random(1));
        int k = 12;
        KnnGraph one = new ExactKnnGraph(1).build(points, k, ProjectionMonitor.NONE);
        KnnGraph three = new ExactKnnGraph(3).build(points, k, ProjectionMonitor.NONE);
        assertThat(three.neighbours()).isEqualTo(one.neighbours());
        assertThat(three.distances()).isEqualTo(one.distances());
        for (int i = 0; i < points.n(); i++) {
            Integer[] order = naive(points, i);
            for (int r = 0; r < k; r++) {
                assertThat(one.neighbours()[i * k + r]).as("point %d rank %d", i, r).isEqualTo(order[r]);
                assertThat(one.distances()[i * k + r]).isCloseTo((float) distance(points, i, order[r]),
                        within(1e-5f));
            }
        }
    }

    @Test
    void refusesTooManyNeighboursAndStopsWhenCancelled() {
        Points points = gaussian(50, 3, new Random(2));
        assertThatThrownBy(() -> new ExactKnnGraph(1).build(points, 50, ProjectionMonitor.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("50 neighbours among 50 points");
        ProjectionMonitor cancelled = new ProjectionMonitor() {
            @Override
            public boolean cancelled() {
                return true;
            }
        };
        assertThatThrownBy(() -> new ExactKnnGraph(2).build(points, 5, cancelled))
                .isInstanceOf(CancellationException.class);
    }

    private static Integer[] naive(Points points, int i) {
        Integer[] others = new Integer[points.n() - 1];
        for (int j = 0, at = 0; j < points.n(); j++) {
            if (j != i) {
                others[at++] = j;
            }
        }
        Arrays.sort(others, Comparator.<Integer>comparingDouble(j -> distance(points, i, j)).thenComparing(j -> j));
        return others;
    }

    private static double distance(Points points, int i, int j) {
        double s = 0;
        for (int t = 0; t < points.d(); t++) {
            double d = (double) points.values()[i * points.d() + t] - points.values()[j * points.d() + t];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    static Points gaussian(int n, int d, Random random) {
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return new Points(n, d, v);
    }
}
