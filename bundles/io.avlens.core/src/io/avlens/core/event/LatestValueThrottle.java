package io.avlens.core.event;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Limits a burst of values (a scrubbed cursor, a dragged window) to at most one delivery per interval, and the
 * last value always wins: the first value of a quiet period is delivered at once (on the submitting thread),
 * values arriving within the interval replace each other, and the latest is delivered when the interval has
 * passed (on the {@link Scheduler}'s thread; in the UI both are the display thread). Sink calls never overlap, no
 * value is delivered twice, the sink never gets an older value after a newer one, and the final value of a burst
 * is never lost. Thread-safe.
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
    private T latest;
    private long submitted;
    private long deliveredSequence;
    private boolean flushScheduled;
    private boolean delivering;
    private long lastDelivery;
    private boolean deliveredOnce;

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
        Step<T> step;
        synchronized (this) {
            long now = clock.getAsLong();
            latest = value;
            submitted++;
            if (delivering || flushScheduled) {
                return; // the delivery under way, or the one scheduled, takes this value
            }
            step = plan(now);
        }
        perform(step);
    }

    private void flush() {
        Step<T> step;
        synchronized (this) {
            flushScheduled = false;
            if (delivering || deliveredSequence == submitted) {
                return; // nothing new, or the delivery under way hands the value on when it ends
            }
            step = plan(clock.getAsLong());
        }
        perform(step);
    }

    /** What to do next: deliver the latest value now, or wait. Holds the lock. */
    private Step<T> plan(long now) {
        long wait = remaining(now);
        if (wait > 0) {
            flushScheduled = true;
            return new Step<>(null, wait);
        }
        return new Step<>(take(now), 0);
    }

    /** Carries out a plan, outside the lock. */
    private void perform(Step<T> step) {
        if (step.waitNanos() > 0) {
            scheduler.schedule(this::flush, toMillisRoundedUp(step.waitNanos()));
        } else {
            deliver(step.value());
        }
    }

    private record Step<T>(T value, long waitNanos) {
    }

    /** Nanoseconds until the next delivery may happen; 0 when it may happen now. Holds the lock. */
    private long remaining(long now) {
        return deliveredOnce ? Math.max(0, intervalNanos - (now - lastDelivery)) : 0;
    }

    /** Takes the latest value for delivery. Holds the lock. */
    private T take(long now) {
        delivering = true;
        deliveredSequence = submitted;
        lastDelivery = now;
        deliveredOnce = true;
        T value = latest;
        latest = null;
        return value;
    }

    private void deliver(T value) {
        try {
            sink.accept(value);
        } finally {
            boolean newer;
            synchronized (this) {
                delivering = false;
                newer = deliveredSequence != submitted && !flushScheduled;
                if (newer) {
                    flushScheduled = true; // a value arrived while the sink ran; flush keeps the interval
                }
            }
            if (newer) {
                scheduler.schedule(this::flush, 0);
            }
        }
    }

    /** Never early: 49.5 ms left waits 50 ms. */
    private static long toMillisRoundedUp(long nanos) {
        return (nanos + 999_999L) / 1_000_000L;
    }
}
