package io.avlens.analysis.projection;

import io.avlens.analysis.search.ExactSearch;
import io.avlens.analysis.search.Metric;
import io.avlens.analysis.search.SearchHit;
import io.avlens.analysis.search.VectorTable;
import java.util.concurrent.CancellationException;

/**
 * Exact k nearest neighbours on the search engine's scan ({@link ExactSearch}, whose batch kernel on the JDK Vector
 * API is a register-tiled matrix product fused with each query's top-k): the Euclidean order written as an inner
 * product over one more coordinate — rows {@code [y, −|y|²/2]}, queries {@code [x, 1]} (all centred on the points'
 * mean), so the score {@code x·y − |y|²/2 = (|x|² − |x − y|²)/2} ranks the rows nearest first — for batches of {@value #BATCH} queries at
 * a time, the batches spread over threads. Each point's {@code k + 1} best rows lose the point itself (or, among
 * duplicates that tie with it, the last), and the neighbours' distances are recomputed in double precision and sorted
 * (ties by index), as {@link ExactKnnGraph} does, so both give the same graph up to float rounding of near ties.
 * <p>
 * The same O(n² d) work as {@link ExactKnnGraph}, many times faster when the Vector API is there
 * ({@link #vectorised()}); without it the scalar kernel gives the same result. Deterministic: a point's neighbours do
 * not depend on the thread count or the batch it fell in.
 */
public final class ScanKnnGraph implements KnnGraphBuilder {

    /** Queries scanned together: their vectors stay in the L2 cache while the table streams past them. */
    static final int BATCH = 512;

    private final int threads;
    private final boolean vectorApi;

    /** A builder on {@code threads} threads (at least 1), on the Vector API when this JVM has it. */
    public ScanKnnGraph(int threads) {
        this(threads, true);
    }

    /**
     * @param threads   worker threads, at least 1
     * @param vectorApi whether to use the Vector API kernel when this JVM has it (false: the scalar kernel)
     */
    public ScanKnnGraph(int threads, boolean vectorApi) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.vectorApi = vectorApi;
    }

    /** Whether this JVM runs the scan on the Vector API (started with {@code --add-modules jdk.incubator.vector}). */
    public static boolean vectorised() {
        return ExactSearch.vectorApiAvailable();
    }

    @Override
    public KnnGraph build(Points points, int k, ProjectionMonitor monitor) {
        int n = points.n();
        if (k < 0 || (n > 0 && k >= n)) {
            throw new IllegalArgumentException("cannot find " + k + " neighbours among " + n + " points");
        }
        int[] neighbours = new int[n * k];
        float[] distances = new float[n * k];
        if (k == 0 || n == 0) {
            return new KnnGraph(n, k, neighbours, distances);
        }
        int d = points.d();
        float[] x = points.values();
        // centred first (in double): distances do not change, and the float score keeps its precision for points
        // far from the origin
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                float v = x[i * d + j];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("point " + i + " holds " + v + " in dimension " + j
                            + "; neighbours need finite coordinates");
                }
                mean[j] += v;
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        int e = d + 1;
        float[] rows = new float[n * e];
        float[] centred = new float[n * d];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                double v = x[i * d + j] - mean[j];
                centred[i * d + j] = (float) v;
                rows[i * e + j] = (float) v;
                norm += v * v;
            }
            rows[i * e + d] = (float) (-0.5 * norm);
        }
        VectorTable table = VectorTable.of(rows, n, e);
        int batches = (n + BATCH - 1) / BATCH;
        try (ForkedRanges ranges = new ForkedRanges(threads)) {
            ranges.forEachChunk(batches, (chunk, from, to) -> {
                try (ExactSearch search = new ExactSearch(table, Metric.INNER_PRODUCT, 1, vectorApi)) {
                    for (int b = from; b < to; b++) {
                        if (ranges.stopRequested(chunk, monitor)) {
                            return;
                        }
                        if (chunk == ranges.threads() - 1) {
                            monitor.progress("nearest neighbours", (long) (b - from) * ranges.threads(), batches);
                        }
                        int q0 = b * BATCH;
                        int count = Math.min(BATCH, n - q0);
                        float[][] queries = new float[count][e];
                        for (int q = 0; q < count; q++) {
                            System.arraycopy(centred, (q0 + q) * d, queries[q], 0, d);
                            queries[q][d] = 1f;
                        }
                        SearchHit[][] hits = search.search(queries, k + 1);
                        for (int q = 0; q < count; q++) {
                            finish(hits[q], x, d, q0 + q, k, neighbours, distances);
                        }
                    }
                }
            });
            if (ranges.stopRequested(ranges.threads() - 1, monitor)) {
                throw new CancellationException("nearest-neighbour search cancelled");
            }
        }
        monitor.progress("nearest neighbours", batches, batches);
        return new KnnGraph(n, k, neighbours, distances);
    }

    /** Point {@code p}'s row of the graph from its {@code k + 1} best hits: itself left out, exact distances, sorted. */
    private static void finish(SearchHit[] hits, float[] x, int d, int p, int k, int[] neighbours,
            float[] distances) {
        int[] chosen = new int[k];
        int m = 0;
        boolean self = false;
        for (SearchHit h : hits) {
            if (h.row() == p && !self) {
                self = true;
            } else if (m < k) {
                chosen[m++] = h.row();
            }
        }
        KnnHeaps.writeRow(chosen, 0, k, x, d, p, neighbours, distances);
    }
}
