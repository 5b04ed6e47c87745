package io.avlens.analysis.projection;

import java.util.concurrent.CancellationException;

/**
 * Exact k nearest neighbours by brute force: squared distances {@code |x|² + |y|² − 2 x·y} from blocked dot products
 * (a block of queries against a block of candidates, so both stay in cache), a bounded max-heap per query, then the
 * chosen neighbours' distances recomputed directly in double precision and sorted (ties by index). O(n² d) work,
 * spread over threads by blocks of queries: for small and medium n, and the reference approximate builders are
 * measured against. Deterministic; the result does not depend on the thread count.
 */
public final class ExactKnnGraph implements KnnGraphBuilder {

    private static final int QUERY_BLOCK = 32;
    private static final int CANDIDATE_BLOCK = 256;

    private final int threads;

    /** A builder on one thread per available core. */
    public ExactKnnGraph() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** @param threads worker threads, at least 1 */
    public ExactKnnGraph(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    @Override
    public KnnGraph build(Points points, int k, ProjectionMonitor monitor) {
        int n = points.n();
        if (k < 0 || (n > 0 && k >= n)) {
            throw new IllegalArgumentException("cannot find " + k + " neighbours among " + n + " points");
        }
        int d = points.d();
        float[] x = points.values();
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += (double) x[i * d + j] * x[i * d + j];
            }
            norms[i] = s;
        }
        int[] neighbours = new int[n * k];
        float[] distances = new float[n * k];
        int blocks = (n + QUERY_BLOCK - 1) / QUERY_BLOCK;
        try (ForkedRanges ranges = new ForkedRanges(threads)) {
            ranges.forEachChunk(blocks, (chunk, from, to) -> {
                KnnHeaps heaps = new KnnHeaps(QUERY_BLOCK, k);
                float[] dots = new float[QUERY_BLOCK * CANDIDATE_BLOCK];
                for (int b = from; b < to; b++) {
                    if (ranges.stopRequested(chunk, monitor)) {
                        return;
                    }
                    if (chunk == ranges.threads() - 1) {
                        monitor.progress("nearest neighbours", (long) (b - from) * ranges.threads(), blocks);
                    }
                    int q0 = b * QUERY_BLOCK;
                    int queries = Math.min(QUERY_BLOCK, n - q0);
                    heaps.clear();
                    for (int c0 = 0; c0 < n; c0 += CANDIDATE_BLOCK) {
                        int candidates = Math.min(CANDIDATE_BLOCK, n - c0);
                        dotBlock(x, d, q0, queries, c0, candidates, dots);
                        for (int q = 0; q < queries; q++) {
                            double nq = norms[q0 + q];
                            for (int c = 0; c < candidates; c++) {
                                int j = c0 + c;
                                if (j != q0 + q) {
                                    heaps.offer(q, nq + norms[j] - 2.0 * dots[q * CANDIDATE_BLOCK + c], j);
                                }
                            }
                        }
                    }
                    for (int q = 0; q < queries; q++) {
                        heaps.finish(q, x, d, q0 + q, neighbours, distances);
                    }
                }
            });
            if (ranges.stopRequested(ranges.threads() - 1, monitor)) {
                throw new CancellationException("nearest-neighbour search cancelled");
            }
        }
        monitor.progress("nearest neighbours", blocks, blocks);
        return new KnnGraph(n, k, neighbours, distances);
    }

    /** dots[q * CANDIDATE_BLOCK + c] = x_{q0+q} · x_{c0+c}, four candidates at a time for instruction-level parallelism. */
    private static void dotBlock(float[] x, int d, int q0, int queries, int c0, int candidates, float[] dots) {
        for (int q = 0; q < queries; q++) {
            int qa = (q0 + q) * d;
            int c = 0;
            for (; c + 4 <= candidates; c += 4) {
                int a = (c0 + c) * d;
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                for (int j = 0; j < d; j++) {
                    float v = x[qa + j];
                    s0 += v * x[a + j];
                    s1 += v * x[a + d + j];
                    s2 += v * x[a + 2 * d + j];
                    s3 += v * x[a + 3 * d + j];
                }
                dots[q * CANDIDATE_BLOCK + c] = s0;
                dots[q * CANDIDATE_BLOCK + c + 1] = s1;
                dots[q * CANDIDATE_BLOCK + c + 2] = s2;
                dots[q * CANDIDATE_BLOCK + c + 3] = s3;
            }
            for (; c < candidates; c++) {
                int a = (c0 + c) * d;
                float s = 0;
                for (int j = 0; j < d; j++) {
                    s += x[qa + j] * x[a + j];
                }
                dots[q * CANDIDATE_BLOCK + c] = s;
            }
        }
    }
}
