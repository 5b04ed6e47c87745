package io.avlens.analysis.search;

/**
 * The plain-Java kernel: four independent partial sums per dot product (so the CPU overlaps them) and, for batches,
 * blocks of rows that stay in the L1 cache while every query passes over them.
 */
final class ScalarScanKernel implements ScanKernel {

    private static final int ROW_BLOCK = 32;

    @Override
    public void scan(float[] table, int dim, int from, int to, float[] query, TopK heap) {
        float threshold = heap.threshold();
        for (int r = from; r < to; r++) {
            float s = dot(table, r * dim, query, 0, dim);
            if (s >= threshold) {
                heap.offer(s, r);
                threshold = heap.threshold();
            }
        }
    }

    @Override
    public void scanBatch(float[] table, int dim, int from, int to, float[] queries, int count, TopK[] heaps) {
        for (int block = from; block < to; block += ROW_BLOCK) {
            int end = Math.min(to, block + ROW_BLOCK);
            for (int q = 0; q < count; q++) {
                TopK heap = heaps[q];
                float threshold = heap.threshold();
                for (int r = block; r < end; r++) {
                    float s = dot(table, r * dim, queries, q * dim, dim);
                    if (s >= threshold) {
                        heap.offer(s, r);
                        threshold = heap.threshold();
                    }
                }
            }
        }
    }

    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            s0 += a[ao + j] * b[bo + j];
            s1 += a[ao + j + 1] * b[bo + j + 1];
            s2 += a[ao + j + 2] * b[bo + j + 2];
            s3 += a[ao + j + 3] * b[bo + j + 3];
        }
        for (; j < n; j++) {
            s0 += a[ao + j] * b[bo + j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
