package io.avlens.analysis.search;

/**
 * Scores gallery rows against queries and keeps the best in {@link TopK} heaps: the inner loop of
 * {@link ExactSearch}, in plain Java ({@link ScalarScanKernel}) or on the Vector API ({@link VectorScanKernel}).
 * Stateless and thread-safe; the table is {@code [rows, dim]} row-major.
 */
interface ScanKernel {

    /** Offers every row in {@code [from, to)} with its dot product with {@code query} to {@code heap}. */
    void scan(float[] table, int dim, int from, int to, float[] query, TopK heap);

    /**
     * The same for {@code count} queries at once, {@code queries[q * dim + j]}, each with its own heap; the array
     * may hold more (padding) rows than {@code count}.
     */
    void scanBatch(float[] table, int dim, int from, int to, float[] queries, int count, TopK[] heaps);
}
