package io.avlens.analysis.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExactSearchTest {

    private static float[] gaussian(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    /** The obvious loop: every score in double precision, sorted by score then row. */
    private static int[] naive(VectorTable t, float[] q, int k, boolean cosine) {
        int d = t.dimension();
        double[] s = new double[t.rows()];
        double qn = 0;
        for (float x : q) {
            qn += (double) x * x;
        }
        for (int r = 0; r < t.rows(); r++) {
            double dot = 0;
            double rn = 0;
            for (int j = 0; j < d; j++) {
                dot += (double) t.values()[r * d + j] * q[j];
                rn += (double) t.values()[r * d + j] * t.values()[r * d + j];
            }
            s[r] = cosine ? dot / Math.sqrt(rn * qn) : dot;
        }
        return IntStream.range(0, t.rows()).boxed()
                .sorted(Comparator.<Integer>comparingDouble(r -> -s[r]).thenComparingInt(r -> r))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    private static int[] rows(SearchHit[] hits) {
        return Arrays.stream(hits).mapToInt(SearchHit::row).toArray();
    }

    @Test
    void equalsTheNaiveLoopForBothMetricsAndEveryKernelAndThreadCount() {
        Random rnd = new Random(1);
        int n = 20_011;
        int d = 37; // not a multiple of any vector length: exercises the tails
        VectorTable t = VectorTable.of(gaussian(rnd, n * d), n, d);
        float[][] queries = new float[4][];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = gaussian(rnd, d);
        }
        for (Metric metric : Metric.values()) {
            int[][] expected = new int[queries.length][];
            for (int i = 0; i < queries.length; i++) {
                expected[i] = naive(t, queries[i], 10, metric == Metric.COSINE);
            }
            for (int threads : new int[] {1, 3}) {
                for (boolean vector : new boolean[] {false, true}) {
                    try (ExactSearch search = new ExactSearch(t, metric, threads, vector)) {
                        SearchHit[][] batch = search.search(queries, 10);
                        for (int i = 0; i < queries.length; i++) {
                            assertThat(rows(search.search(queries[i], 10)))
                                    .as("%s, %d threads, vector %s", metric, threads, vector)
                                    .containsExactly(expected[i]);
                            assertThat(rows(batch[i])).containsExactly(expected[i]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void tiesRankTheLowerRowFirstWhateverTheThreads() {
        int n = 30_000;
        int d = 16;
        float[] v = new float[n * d];
        for (int r = 0; r < n; r++) {
            v[r * d] = r % 3; // many rows share each score
        }
        VectorTable t = VectorTable.of(v, n, d);
        float[] q = new float[d];
        q[0] = 1;
        for (boolean vector : new boolean[] {false, true}) {
            try (ExactSearch search = new ExactSearch(t, Metric.INNER_PRODUCT, 3, vector)) {
                assertThat(rows(search.search(q, 5))).containsExactly(2, 5, 8, 11, 14);
                assertThat(search.search(q, 5)[0].score()).isEqualTo(2f);
            }
        }
    }

    @Test
    void batchedEqualsSingleAndVectorEqualsScalar() {
        Random rnd = new Random(2);
        int n = 20_000;
        int d = 128;
        VectorTable t = VectorTable.of(gaussian(rnd, n * d), n, d);
        float[][] queries = new float[23][]; // not a multiple of the kernel's four-query groups
        for (int i = 0; i < queries.length; i++) {
            queries[i] = gaussian(rnd, d);
        }
        try (ExactSearch vector = new ExactSearch(t, Metric.INNER_PRODUCT, 2, true);
                ExactSearch scalar = new ExactSearch(t, Metric.INNER_PRODUCT, 2, false)) {
            assertThat(vector.usesVectorApi()).isEqualTo(ExactSearch.vectorApiAvailable());
            assertThat(scalar.usesVectorApi()).isFalse();
            SearchHit[][] batch = vector.search(queries, 10);
            SearchHit[][] scalarBatch = scalar.search(queries, 10);
            for (int i = 0; i < queries.length; i++) {
                SearchHit[] single = vector.search(queries[i], 10);
                SearchHit[] scalarSingle = scalar.search(queries[i], 10);
                assertThat(rows(batch[i])).containsExactly(rows(single));
                assertThat(rows(scalarBatch[i])).containsExactly(rows(single));
                assertThat(rows(scalarSingle)).containsExactly(rows(single));
                for (int j = 0; j < 10; j++) {
                    assertThat(batch[i][j].score()).isCloseTo(scalarSingle[j].score(),
                            org.assertj.core.data.Offset.offset(1e-3f));
                }
            }
        }
    }

    @Test
    void theTestJvmHasTheVectorApi() {
        // the test runner starts the JVM with add-modules jdk.incubator.vector, as the product does: this proves the
        // module is visible to the bundle inside Equinox, so the other tests do compare two different kernels
        assertThat(ExactSearch.vectorApiAvailable()).isTrue();
    }

    @Test
    void kLargerThanTheTableReturnsEveryRowAndBadQueriesAreRefused() {
        VectorTable t = VectorTable.of(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        try (ExactSearch search = new ExactSearch(t, Metric.COSINE)) {
            assertThat(rows(search.search(new float[] {1, 0}, 10))).containsExactly(0, 2, 1);
            assertThatThrownBy(() -> search.search(new float[] {1, 0, 0}, 1)).hasMessageContaining("dimension 2");
            assertThatThrownBy(() -> search.search(new float[] {Float.NaN, 0}, 1)).hasMessageContaining("finite");
        }
    }
}
