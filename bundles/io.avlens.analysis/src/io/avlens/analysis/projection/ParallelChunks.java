package io.avlens.analysis.projection;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a body over fixed-size chunks of {@code [0, n)} on up to {@code threads} threads (the caller being one). The
 * chunks do not depend on the thread count, so a body that writes only its own chunk's slots gives the same result
 * on any number of threads.
 */
final class ParallelChunks {

    /** The work done on one chunk {@code [from, to)}, the chunk's index being {@code chunk}. */
    interface Body {
        void run(int chunk, int from, int to);
    }

    private ParallelChunks() {
    }

    /** Number of chunks of {@code size} covering n. */
    static int count(int n, int size) {
        return (int) (((long) n + size - 1) / size);
    }

    /**
     * Runs body on every chunk and returns when all are done; a body's exception (a cancellation included) is
     * rethrown on the caller's thread after the others stopped.
     */
    static void run(int threads, int n, int size, Body body) {
        int chunks = count(n, size);
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            int c;
            while (failure.get() == null && (c = next.getAndIncrement()) < chunks) {
                try {
                    body.run(c, c * size, (int) Math.min(n, (long) c * size + size));
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } catch (Error e) {
                    failure.compareAndSet(null, new IllegalStateException(e));
                }
            }
        };
        int helpers = Math.max(0, Math.min(threads, chunks) - 1);
        Thread[] started = new Thread[helpers];
        for (int t = 0; t < helpers; t++) {
            started[t] = Thread.ofPlatform().daemon().name("avlens-projection-" + t).start(worker);
        }
        worker.run();
        boolean interrupted = false;
        for (Thread t : started) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    /** Throws a cancellation when the monitor asks for one. */
    static void checkCancelled(ProjectionMonitor monitor) {
        if (monitor.cancelled()) {
            throw new CancellationException("projection cancelled");
        }
    }
}
