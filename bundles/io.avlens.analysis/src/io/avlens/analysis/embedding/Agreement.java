package io.avlens.analysis.embedding;

import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * How well an item's modalities pick each other out of the table: the consensus of {@code methods.md} §3 measured as
 * the contrastive model's own posterior instead of a raw cosine. For two modalities {@code x} and {@code y} and item
 * {@code i},
 * <pre>
 *   p(y_i | x_i) = exp(s(x_i, y_i) / τ) / Σ_j exp(s(x_i, y_j) / τ)      (s: cosine, j over the table's items)
 *   agreement_xy(i) = sqrt(p(y_i | x_i) · p(x_i | y_i))                    (in (0, 1]; 1/N for a random table)
 * </pre>
 * and an item's agreement is the smallest over every pair of its modalities ({@link #of}): high only when each
 * modality singles out the item's others, i.e. what is seen, heard and said belong to this clip and to no other.
 * <p>
 * Why not the cosine: a silent clip's audio sits as near its narration ("drifts silently") as a sounding clip's does,
 * so a cosine consensus ranks it as agreeing; but its silence is as near every other silent clip's narration, so its
 * posterior is spread over all of them and its agreement is low. The score is relative to the table it is computed on
 * (a clip among near-duplicates agrees less), which is what ranking a dataset asks for.
 * <p>
 * Cost: {@code 2 N M D} multiply-adds per pair of modalities, {@code M = min(N, }{@value #GALLERY_LIMIT}{@code )}:
 * up to that many items every denominator is exact; above it the sum over the other items is estimated from a
 * fixed, seeded sample of {@value #GALLERY_LIMIT} of them (scaled to the {@code N − 1} others; the item's own term
 * is always exact), so the result is deterministic. Queries run in parallel on the common fork-join pool; a caller
 * may pass a cancellation check, asked once per block of queries. Values are doubles (a float rounds posteriors
 * within 3e-8 of 1 to ties). Stateless.
 */
public final class Agreement {

    /** The softmax temperature chosen on validation data (MC3-small, val split; see the weights' README). */
    public static final double TEMPERATURE = 0.05;
    /** The smallest temperature accepted (below it the posteriors are indicator functions of the ranks). */
    public static final double MIN_TEMPERATURE = 0.005;
    /** Items over which the denominators are exact; above, a sample of this many. */
    public static final int GALLERY_LIMIT = 4096;
    /** The item label {@code avlens embed} writes the agreement under (CSV, Parquet, the explorer's colours). */
    public static final String LABEL = "agreement";

    private static final long SAMPLE_SEED = 0x5eed_a93eL;

    private Agreement() {
    }

    /**
     * Every item's agreement: the smallest over all pairs of the table's modalities.
     *
     * @throws IllegalArgumentException when the table has fewer than two modalities or two items, or the
     *                                  temperature is below {@value #MIN_TEMPERATURE} or not finite
     */
    public static double[] of(EmbeddingTable table, double temperature) {
        return of(table, temperature, () -> false);
    }

    /**
     * {@link #of(EmbeddingTable, double)}, asking {@code cancelled} between blocks of queries.
     *
     * @throws CancellationException when {@code cancelled} says so
     */
    public static double[] of(EmbeddingTable table, double temperature, BooleanSupplier cancelled) {
        int m = table.modalities().size();
        if (m < 2) {
            throw new IllegalArgumentException("agreement needs at least two modalities; the table has "
                    + table.modalities());
        }
        double[] out = null;
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m; b++) {
                double[] p = pair(table, a, b, temperature, cancelled);
                if (out == null) {
                    out = p;
                } else {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = Math.min(out[i], p[i]);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Every item's agreement between modalities {@code a} and {@code b} (indices into the table's modalities).
     *
     * @throws IllegalArgumentException as {@link #of}
     */
    public static double[] pair(EmbeddingTable table, int a, int b, double temperature) {
        return pair(table, a, b, temperature, () -> false);
    }

    /**
     * {@link #pair(EmbeddingTable, int, int, double)}, asking {@code cancelled} between blocks of queries.
     *
     * @throws CancellationException when {@code cancelled} says so
     */
    public static double[] pair(EmbeddingTable table, int a, int b, double temperature, BooleanSupplier cancelled) {
        if (!(temperature >= MIN_TEMPERATURE) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("the agreement's temperature must be a number of at least "
                    + MIN_TEMPERATURE + "; got " + temperature);
        }
        int n = table.size();
        if (n < 2) {
            throw new IllegalArgumentException("agreement needs at least two items to tell apart; the table has " + n);
        }
        int d = table.dimension();
        float[] x = Retrieval.normalisedRows(table.modalityVectors(a), n, d);
        float[] y = Retrieval.normalisedRows(table.modalityVectors(b), n, d);
        int[] sample = sample(n);
        double[] forward = logPosterior(x, y, n, d, sample, temperature, cancelled);
        double[] backward = logPosterior(y, x, n, d, sample, temperature, cancelled);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.exp(0.5 * (forward[i] + backward[i]));
        }
        return out;
    }

    /** The items the denominators run over: all of them up to the limit, else a seeded sample, sorted. */
    static int[] sample(int n) {
        if (n <= GALLERY_LIMIT) {
            return IntStream.range(0, n).toArray();
        }
        int[] all = IntStream.range(0, n).toArray();
        Random random = new Random(SAMPLE_SEED);
        for (int k = 0; k < GALLERY_LIMIT; k++) {
            int j = k + random.nextInt(n - k);
            int t = all[k];
            all[k] = all[j];
            all[j] = t;
        }
        int[] s = java.util.Arrays.copyOf(all, GALLERY_LIMIT);
        java.util.Arrays.sort(s);
        return s;
    }

    /** {@code log p(g_i | q_i)} for every item, the gallery's denominators over {@code sample}. */
    private static double[] logPosterior(float[] queries, float[] gallery, int n, int d, int[] sample,
            double temperature, BooleanSupplier cancelled) {
        int m = sample.length;
        float[] picked = new float[m * d];
        for (int k = 0; k < m; k++) {
            System.arraycopy(gallery, sample[k] * d, picked, k * d, d);
        }
        float[] galleryT = Retrieval.transpose(picked, m, d);
        boolean exact = m == n;
        double[] out = new double[n];
        int block = Retrieval.BLOCK;
        int blocks = (n + block - 1) / block;
        ThreadLocal<float[]> scratch = ThreadLocal.withInitial(() -> new float[block * m]);
        IntStream.range(0, blocks).parallel().forEach(bi -> {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("agreement cancelled");
            }
            float[] s = scratch.get();
            int first = bi * block;
            int count = Math.min(block, n - first);
            Retrieval.scores(queries, first, count, d, galleryT, m, s);
            for (int q = 0; q < count; q++) {
                int i = first + q;
                double own = 0;
                for (int c = 0; c < d; c++) {
                    own += (double) queries[i * d + c] * gallery[i * d + c];
                }
                // shifted by the largest possible score, 1/τ, so no term overflows
                double others = 0;
                int counted = 0;
                for (int k = 0; k < m; k++) {
                    if (sample[k] != i) {
                        others += Math.exp((s[q * m + k] - 1.0) / temperature);
                        counted++;
                    }
                }
                double ownTerm = Math.exp((own - 1.0) / temperature);
                double rest = exact || counted == 0 ? others : others * (n - 1) / counted;
                out[i] = (own - 1.0) / temperature - Math.log(ownTerm + rest);
            }
        });
        return out;
    }
}
