package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * The Ctrl-C handshake of long commands: the shutdown hook asks the step to stop and holds the JVM until the step has
 * cleaned up and returned; the hook is removed when the step ends.
 */
class CtrlCTest {

    /** Records the hooks instead of giving them to the JVM. */
    private static final class Recorded implements CtrlC.Hooks {
        final List<Thread> added = new ArrayList<>();
        final List<Thread> removed = new ArrayList<>();

        @Override
        public synchronized void add(Thread hook) {
            added.add(hook);
        }

        @Override
        public synchronized void remove(Thread hook) {
            removed.add(hook);
        }

        synchronized Thread hook() {
            return added.isEmpty() ? null : added.get(0);
        }
    }

    @Test
    void theHookCancelsTheStepAndWaitsUntilItHasCleanedUp() throws Exception {
        Recorded hooks = new Recorded();
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean cleanedUp = new AtomicBoolean();
        CompletableFuture<Integer> command = CompletableFuture.supplyAsync(() -> {
            try {
                return CtrlC.onInterrupt(() -> cancelled.set(true), () -> {
                    while (!cancelled.get()) { // long work that polls its cancel flag
                        Thread.onSpinWait();
                    }
                    try {
                        Thread.sleep(300); // the clean-up a cancelled step does (a checkpoint, a record)
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    cleanedUp.set(true);
                    return 7;
                }, hooks);
            } catch (io.avlens.cli.command.CommandException e) {
                throw new IllegalStateException(e);
            }
        });
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (hooks.hook() == null && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        Thread hook = hooks.hook();
        assertThat(hook).as("a hook is registered while the step runs").isNotNull();
        assertThat(command).isNotDone();
        hook.start(); // what the JVM does on SIGINT
        hook.join(TimeUnit.SECONDS.toMillis(CtrlC.GRACE_SECONDS + 5));
        assertThat(cancelled).isTrue();
        assertThat(cleanedUp).as("the JVM is held until the cancelled step has cleaned up").isTrue();
        assertThat(command.get(5, TimeUnit.SECONDS)).isEqualTo(7);
        assertThat(hooks.removed).containsExactly(hook);
    }

    @Test
    void aStepThatEndsOnItsOwnRemovesItsHookAndCancelsNothing() throws Exception {
        Recorded hooks = new Recorded();
        AtomicBoolean cancelled = new AtomicBoolean();
        assertThat(CtrlC.onInterrupt(() -> cancelled.set(true), () -> "done", hooks)).isEqualTo("done");
        assertThat(hooks.added).hasSize(1);
        assertThat(hooks.removed).isEqualTo(hooks.added);
        assertThat(cancelled).isFalse();
    }
}
