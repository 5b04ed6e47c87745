package io.avlens.analysis.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits index ranges into a fixed number of contiguous chunks and runs them on a fixed number of threads (the
 * caller's thread takes the last chunk). Chunk boundaries depend only on the range and the thread count, so work
 * that writes per index, or reduces per chunk and then in chunk order, is deterministic for a thread count.
 * Close it to stop its threads.
 */
final class ForkedRanges implements AutoCloseable {

    /** The body of a loop over {@code [from, to)}; {@code chunk} is the chunk's number, for per-chunk scratch. */
    @FunctionalInterface
    interface RangeBody {
        void run(int chunk, int from, int to);
    }

    private final int threads;
    private final ExecutorService pool;
    private volatile boolean stopped;

    ForkedRanges(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "avlens-projection");
            t.setDaemon(true);
            return t;
        });
    }

    /** The number of chunks (and threads). */
    int threads() {
        return threads;
    }

    /** Start of chunk {@code c} of {@code n} indices. */
    int chunkStart(int n, int c) {
        return (int) ((long) n * c / threads);
    }

    /**
     * Whether a loop should stop because the monitor was cancelled: the chunk that runs on the caller's thread (the
     * last) asks the monitor, as monitors are called on the projecting thread; the others see its answer.
     */
    boolean stopRequested(int chunk, ProjectionMonitor monitor) {
        if (chunk == threads - 1 && monitor.cancelled()) {
            stopped = true;
        }
        return stopped;
    }

    /** Runs {@code body} over {@code [0, n)} in {@link #threads()} chunks and waits for all of them. */
    void forEachChunk(int n, RangeBody body) {
        if (pool == null) {
            body.run(0, 0, n);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(threads - 1);
        for (int c = 0; c < threads - 1; c++) {
            int chunk = c;
            futures.add(pool.submit(() -> body.run(chunk, chunkStart(n, chunk), chunkStart(n, chunk + 1))));
        }
        RuntimeException failure = null;
        try {
            body.run(threads - 1, chunkStart(n, threads - 1), n);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while projecting", e);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
