package io.avlens.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;

class LatestValueThrottleTest {

    private static final long MS = 1_000_000L;
    private static final long INTERVAL_MS = 50;

    /** Fake monotonic time in nanoseconds, moved by hand. */
    private final AtomicLong nanos = new AtomicLong(1_000 * MS);
    private final ManualScheduler scheduler = new ManualScheduler(nanos::get);
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final List<Long> deliveryTimes = new CopyOnWriteArrayList<>();
    private final LatestValueThrottle<String> throttle = new LatestValueThrottle<>(INTERVAL_MS, v -> {
        delivered.add(v);
        deliveryTimes.add(nanos.get());
    }, scheduler, nanos::get);

    private void advanceMillis(long ms) {
        nanos.addAndGet(ms * MS);
    }

    /** Advances the fake time step by step, running each scheduled task when it falls due, as a timer would. */
    private void advanceAndRun(long ms) {
        long end = nanos.get() + ms * MS;
        while (true) {
            ManualScheduler.Task next = scheduler.earliest();
            if (next == null || next.due() > end) {
                break;
            }
            nanos.set(Math.max(nanos.get(), next.due()));
            scheduler.runDue();
        }
        nanos.set(end);
    }

    @Test
    void theFirstValueIsDeliveredAtOnce() {
        throttle.submit("a");

        assertThat(delivered).containsExactly("a");
        assertThat(scheduler.scheduledCount()).isZero();
    }

    @Test
    void aBurstDeliversOnlyItsLastValueOnceAtTheEndOfTheInterval() {
        throttle.submit("a");
        advanceMillis(10);
        throttle.submit("b");
        advanceMillis(10);
        throttle.submit("c");
        advanceMillis(10);
        throttle.submit("d");

        assertThat(delivered).containsExactly("a");
        assertThat(scheduler.scheduledCount()).as("one delayed delivery for the whole burst").isEqualTo(1);
        assertThat(scheduler.pending().get(0).delayMillis()).as("the rest of the interval").isEqualTo(40);

        advanceMillis(19);
        assertThat(scheduler.runDue()).isZero();
        assertThat(delivered).containsExactly("a");

        advanceMillis(1);
        assertThat(scheduler.runDue()).isEqualTo(1);
        assertThat(delivered).containsExactly("a", "d");
        assertThat(deliveryTimes.get(1) - deliveryTimes.get(0)).isEqualTo(INTERVAL_MS * MS);
        assertThat(scheduler.pending()).isEmpty();
    }

    @Test
    void aValueExactlyOneIntervalLaterIsImmediate() {
        throttle.submit("a");
        advanceMillis(INTERVAL_MS);
        throttle.submit("b");

        assertThat(delivered).containsExactly("a", "b");
        assertThat(scheduler.scheduledCount()).isZero();
    }

    @Test
    void afterAQuietIntervalTheNextValueIsImmediate() {
        throttle.submit("a");
        advanceMillis(10);
        throttle.submit("b");
        advanceAndRun(40);
        assertThat(delivered).containsExactly("a", "b");

        advanceMillis(INTERVAL_MS + 20);
        throttle.submit("c");

        assertThat(delivered).containsExactly("a", "b", "c");
        assertThat(scheduler.scheduledCount()).isEqualTo(1);
    }

    @Test
    void theIntervalCountsFromTheDelayedDelivery() {
        throttle.submit("a");
        advanceMillis(10);
        throttle.submit("b");
        advanceAndRun(40); // b delivered at 50 ms
        advanceMillis(10);

        throttle.submit("c"); // 10 ms after b

        assertThat(delivered).containsExactly("a", "b");
        assertThat(scheduler.pending()).hasSize(1);
        assertThat(scheduler.pending().get(0).delayMillis()).isEqualTo(40);
        advanceAndRun(40);
        assertThat(delivered).containsExactly("a", "b", "c");
    }

    @Test
    void valuesSubmittedWhileADeliveryIsScheduledJoinIt() {
        throttle.submit("a");
        advanceMillis(1);
        throttle.submit("b");
        advanceMillis(60); // the timer is late: the interval has passed but the delivery has not run yet

        throttle.submit("c");

        assertThat(delivered).as("c must not overtake the scheduled delivery").containsExactly("a");
        assertThat(scheduler.scheduledCount()).isEqualTo(1);
        scheduler.runDue();
        assertThat(delivered).containsExactly("a", "c");
    }

    @Test
    void aValueDeliveredAtOnceIsNotDeliveredAgain() {
        throttle.submit("a");
        advanceMillis(60);
        throttle.submit("b");
        advanceAndRun(1_000);

        assertThat(delivered).containsExactly("a", "b");
        assertThat(scheduler.scheduledCount()).isZero();
    }

    @Test
    void theFinalValueIsNeverLostAndNothingIsDeliveredTwice() {
        Random random = new Random(7);
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            String v = "v" + i;
            submitted.add(v);
            throttle.submit(v);
            // mostly bursts, sometimes a pause longer than the interval
            advanceAndRun(random.nextInt(10) == 0 ? 40 + random.nextInt(100) : random.nextInt(15));
            if (random.nextInt(50) == 0) {
                advanceAndRun(1_000);
                assertThat(delivered.get(delivered.size() - 1)).as("after a pause").isEqualTo(v);
            }
        }
        advanceAndRun(1_000);

        assertThat(delivered.get(delivered.size() - 1)).isEqualTo(submitted.get(submitted.size() - 1));
        assertThat(new HashSet<>(delivered)).as("no duplicates").hasSameSizeAs(delivered);
        assertThat(submitted).as("delivered in submission order").containsSubsequence(delivered);
        assertThat(delivered.size()).as("bursts were thinned out").isLessThan(submitted.size() / 2)
                .isGreaterThan(100);
        for (int i = 1; i < deliveryTimes.size(); i++) {
            assertThat(deliveryTimes.get(i) - deliveryTimes.get(i - 1)).as("gap before delivery %d", i)
                    .isGreaterThanOrEqualTo(INTERVAL_MS * MS);
        }
        assertThat(scheduler.pending()).isEmpty();
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new LatestValueThrottle<String>(0, v -> { }, scheduler, nanos::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> new LatestValueThrottle<String>(-5, v -> { }, scheduler, nanos::get))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatestValueThrottle<String>(50, null, scheduler, nanos::get))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new LatestValueThrottle<String>(50, v -> { }, null, nanos::get))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new LatestValueThrottle<String>(50, v -> { }, scheduler, null))
                .isInstanceOf(NullPointerException.class);
    }

    /**
     * Four threads submit at once. The fake clock records, inside the throttle's lock, whose value is being
     * submitted, so the order in which the throttle saw the values is known; after each round the last of them
     * must have been delivered.
     */
    @Test
    void concurrentSubmitsLoseNoFinalValue() throws InterruptedException {
        ThreadLocal<String> submitting = new ThreadLocal<>();
        List<String> lockOrder = Collections.synchronizedList(new ArrayList<>());
        AtomicLong time = new AtomicLong(0);
        LongSupplier recordingClock = () -> {
            String v = submitting.get();
            if (v != null) {
                lockOrder.add(v);
            }
            return time.get();
        };
        ManualScheduler timer = new ManualScheduler(time::get);
        List<String> got = new CopyOnWriteArrayList<>();
        LatestValueThrottle<String> t = new LatestValueThrottle<>(INTERVAL_MS, got::add, timer, recordingClock);
        int threads = 4;
        int perThread = 2_000;

        for (int round = 0; round < 10; round++) {
            lockOrder.clear();
            got.clear();
            CountDownLatch start = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(threads);
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            for (int k = 0; k < threads; k++) {
                String prefix = "r" + round + "t" + k + "-";
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            String v = prefix + i;
                            submitting.set(v);
                            t.submit(v);
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    } finally {
                        submitting.remove();
                        done.countDown();
                    }
                }, "submitter-" + k);
                thread.start();
            }
            start.countDown();
            assertThat(done.await(60, TimeUnit.SECONDS)).as("submitters finished").isTrue();
            assertThat(errors).isEmpty();

            assertThat(lockOrder).hasSize(threads * perThread);
            assertThat(got).as("round %d: the first value is delivered at once", round)
                    .containsExactly(lockOrder.get(0));
            assertThat(timer.pending()).as("round %d: one delayed delivery", round).hasSize(1);

            time.addAndGet(INTERVAL_MS * MS);
            assertThat(timer.runDue()).isEqualTo(1);

            assertThat(got).as("round %d", round).containsExactly(lockOrder.get(0), lockOrder.get(lockOrder.size() - 1));
            time.addAndGet(INTERVAL_MS * MS); // quiet before the next round
        }
    }

    /** A timer run by hand: tasks wait in a list with their due time until the test runs them. */
    static final class ManualScheduler implements LatestValueThrottle.Scheduler {

        record Task(long due, long delayMillis, Runnable task) {
        }

        private final LongSupplier clock;
        private final List<Task> pending = new ArrayList<>();
        private int scheduled;

        ManualScheduler(LongSupplier clock) {
            this.clock = clock;
        }

        @Override
        public synchronized void schedule(Runnable task, long delayMillis) {
            assertThat(delayMillis).as("delay (0 = as soon as possible)").isNotNegative();
            pending.add(new Task(clock.getAsLong() + delayMillis * MS, delayMillis, task));
            scheduled++;
        }

        synchronized int scheduledCount() {
            return scheduled;
        }

        synchronized List<Task> pending() {
            return List.copyOf(pending);
        }

        synchronized Task earliest() {
            return pending.stream().min(Comparator.comparingLong(Task::due)).orElse(null);
        }

        /** Runs (outside the lock) every task due by now, earliest first; returns how many ran. */
        int runDue() {
            int ran = 0;
            while (true) {
                Task next;
                synchronized (this) {
                    next = earliest();
                    if (next == null || next.due() > clock.getAsLong()) {
                        return ran;
                    }
                    pending.remove(next);
                }
                next.task().run();
                ran++;
            }
        }
    }

    // regressions of bugs found and fixed

    @Test
    void theDelayedDeliveryNeverComesBeforeTheIntervalHasPassed() {
        throttle.submit("a");
        nanos.addAndGet(MS / 2); // 0.5 ms later: 49.5 ms of the interval remain

        throttle.submit("b");

        assertThat(scheduler.pending()).hasSize(1);
        assertThat(scheduler.pending().get(0).delayMillis() * MS).as("delay in ns")
                .isGreaterThanOrEqualTo(INTERVAL_MS * MS - MS / 2);
    }

    @Test
    void aSlowDelayedDeliveryIsNotOvertakenByANewerValue() throws InterruptedException {
        AtomicLong time = new AtomicLong(0);
        ManualScheduler timer = new ManualScheduler(time::get);
        CountDownLatch inSink = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> got = new CopyOnWriteArrayList<>();
        LatestValueThrottle<String> t = new LatestValueThrottle<>(INTERVAL_MS, v -> {
            if (v.equals("b")) {
                inSink.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            got.add(v);
        }, timer, time::get);
        t.submit("a"); // at once
        time.addAndGet(10 * MS);
        t.submit("b"); // scheduled for 50 ms
        time.set(50 * MS);
        Thread timerThread = new Thread(timer::runDue, "timer");
        timerThread.start(); // delivers b, slowly
        assertThat(inSink.await(60, TimeUnit.SECONDS)).isTrue();
        time.addAndGet(INTERVAL_MS * MS); // a whole interval after b's delivery began

        t.submit("c"); // delivered at once, on this thread
        release.countDown();
        timerThread.join();

        assertThat(got.get(got.size() - 1)).as("the value the consumer ends with, of %s", got).isEqualTo("c");
    }
}
