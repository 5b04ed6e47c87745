package io.avlens.core.event;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Limits a burst of values (a scrubbed cursor, a dragged window) to at most one delivery per interval, and the
 * last value always wins: the first value of a quiet period is delivered at once, values arriving within the
 * interval replace each other, and the latest is delivered when the interval has passed. No value is delivered
 * twice and the final value of a burst is never lost. Thread-safe; the sink runs on whatever thread the
 * {@link Scheduler} uses (in the UI: the display thread).
 *
 * @param <T> the value type
 */
public final class LatestValueThrottle<T> {

    /** Runs a task after a delay; in the UI this is {@code Display.timerExec}. */
    @FunctionalInterface
    public interface Scheduler {
        /** Runs {@code task} once, {@code delayMillis} from now. */
        void schedule(Runnable task, long delayMillis);
    }

    private final long intervalNanos;
    private final Consumer<? super T> sink;
    private final Scheduler scheduler;
    private final LongSupplier clock;
    private T pending;
    private boolean hasPending;
    private boolean flushScheduled;
    private long lastDelivery;
    private boolean delivered;

    /**
     * @param intervalMillis minimum time between deliveries, e.g. 50 ms for scrubbing
     * @param sink           receives the values
     * @param scheduler      runs the delayed delivery of the latest value
     * @param clock          monotonic time in nanoseconds ({@code System::nanoTime} outside tests)
     */
    public LatestValueThrottle(long intervalMillis, Consumer<? super T> sink, Scheduler scheduler, LongSupplier clock) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("interval must be positive: " + intervalMillis);
        }
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.sink = Objects.requireNonNull(sink);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Offers a value: delivered now if the interval since the last delivery has passed, else at its end. */
    public void submit(T value) {
        boolean deliverNow;
        long wait = 0;
        synchronized (this) {
            long now = clock.getAsLong();
            long since = now - lastDelivery;
            deliverNow = !flushScheduled && (!delivered || since >= intervalNanos);
            if (deliverNow) {
                lastDelivery = now;
                delivered = true;
                hasPending = false;
                pending = null;
            } else {
                pending = value;
                hasPending = true;
                if (flushScheduled) {
                    return;
                }
                flushScheduled = true;
                wait = Math.max(0, intervalNanos - since);
            }
        }
        if (deliverNow) {
            sink.accept(value);
        } else {
            scheduler.schedule(this::flush, Math.max(1, wait / 1_000_000L));
        }
    }

    private void flush() {
        T value;
        synchronized (this) {
            flushScheduled = false;
            if (!hasPending) {
                return;
            }
            value = pending;
            pending = null;
            hasPending = false;
            lastDelivery = clock.getAsLong();
            delivered = true;
        }
        sink.accept(value);
    }
}
