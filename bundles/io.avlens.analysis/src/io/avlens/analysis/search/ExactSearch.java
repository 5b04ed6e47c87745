package io.avlens.analysis.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Exact k-nearest-neighbour search over a {@link VectorTable}. The rows are split into one contiguous range per
 * thread; each thread streams its range once per query (or once per batch), fusing the dot products with a bounded
 * top-k heap, and the heaps are merged. Ties rank the lower row first, so results are deterministic whatever the
 * number of threads or the kernel. Thread-safe; {@link #close()} stops its worker threads.
 */
public final class ExactSearch implements AutoCloseable {

    /** Below this many rows per thread the threads' start-up costs more than the scan. */
    private static final int MIN_ROWS_PER_THREAD = 8192;

    private final VectorTable table;
    private final Metric metric;
    private final int threads;
    private final ScanKernel kernel;
    private final ExecutorService workers;

    /** A search on every processor, with the Vector API when this JVM has it. */
    public ExactSearch(VectorTable table, Metric metric) {
        this(table, metric, Runtime.getRuntime().availableProcessors(), true);
    }

    /**
     * @param table     the gallery (for {@link Metric#COSINE} a normalised copy is made)
     * @param metric    how queries and rows are compared
     * @param threads   threads that scan rows (≥ 1; the calling thread is one of them)
     * @param vectorApi whether to use the Vector API kernel when this JVM has {@code jdk.incubator.vector}
     */
    public ExactSearch(VectorTable table, Metric metric, int threads, boolean vectorApi) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.table = metric == Metric.COSINE ? table.normalized() : table;
        this.metric = metric;
        this.threads = threads;
        ScanKernel vector = vectorApi ? VectorApi.kernel() : null;
        this.kernel = vector != null ? vector : new ScalarScanKernel();
        this.workers = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "avlens-knn");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Whether this JVM was started with {@code --add-modules jdk.incubator.vector} (and the module can be used). */
    public static boolean vectorApiAvailable() {
        return VectorApi.kernel() != null;
    }

    /** Whether this search runs on the Vector API kernel. */
    public boolean usesVectorApi() {
        return !(kernel instanceof ScalarScanKernel);
    }

    public VectorTable table() {
        return table;
    }

    public Metric metric() {
        return metric;
    }

    /**
     * The k nearest rows to {@code query}, best first.
     *
     * @throws IllegalArgumentException when the query's length is not the table's dimension or it is not finite
     */
    public SearchHit[] search(float[] query, int k) {
        return search(new float[][] {query}, k)[0];
    }

    /** The k nearest rows to each query (one pass over the table for the whole batch), best first. */
    public SearchHit[][] search(float[][] queries, int k) {
        int dim = table.dimension();
        int count = queries.length;
        int padded = count == 1 ? 1 : (count + 3) / 4 * 4;
        float[] q = new float[padded * dim];
        for (int i = 0; i < count; i++) {
            if (queries[i].length != dim) {
                throw new IllegalArgumentException("query " + i + " has " + queries[i].length
                        + " values; the table has dimension " + dim);
            }
            for (float v : queries[i]) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("query " + i + " holds " + v + "; queries must be finite");
                }
            }
            System.arraycopy(queries[i], 0, q, i * dim, dim);
            if (metric == Metric.COSINE) {
                VectorTable.normalize(q, i * dim, dim);
            }
        }
        int kk = Math.min(k, table.rows());
        int parts = (int) Math.max(1, Math.min(threads, table.rows() / MIN_ROWS_PER_THREAD));
        List<Future<TopK[]>> futures = new ArrayList<>();
        for (int p = 1; p < parts; p++) {
            int part = p;
            futures.add(workers.submit(() -> scanPart(q, count, kk, part, parts)));
        }
        TopK[] heaps = scanPart(q, count, kk, 0, parts);
        for (Future<TopK[]> f : futures) {
            TopK[] other = join(f);
            for (int i = 0; i < count; i++) {
                heaps[i].addAll(other[i]);
            }
        }
        SearchHit[][] hits = new SearchHit[count][];
        for (int i = 0; i < count; i++) {
            hits[i] = heaps[i].sorted();
        }
        return hits;
    }

    private TopK[] scanPart(float[] q, int count, int k, int part, int parts) {
        int from = (int) ((long) table.rows() * part / parts);
        int to = (int) ((long) table.rows() * (part + 1) / parts);
        TopK[] heaps = new TopK[count];
        for (int i = 0; i < count; i++) {
            heaps[i] = new TopK(k);
        }
        if (count == 1) {
            kernel.scan(table.values(), table.dimension(), from, to, q, heaps[0]);
        } else {
            kernel.scanBatch(table.values(), table.dimension(), from, to, q, count, heaps);
        }
        return heaps;
    }

    private static TopK[] join(Future<TopK[]> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while searching", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
