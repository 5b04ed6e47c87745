package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.CommandSpec;
import io.avlens.cli.command.Interruption;
import io.avlens.cli.command.ParsedArguments;

/**
 * Ctrl-C for long commands: the shutdown hook asks the step to stop and holds the JVM until the command has ended
 * and printed how (the dispatcher says so), not only until the step returns; a step that ends on its own removes its
 * hook.
 */
class InterruptionTest {

    /** Records the hooks instead of giving them to the JVM. */
    private static final class Recorded implements Interruption.Hooks {
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

    /** Long work that polls its cancel flag, then cleans up and says what it kept. */
    private static final class LongCommand implements CliCommand {
        final AtomicBoolean cancelled = new AtomicBoolean();
        final AtomicBoolean cleanedUp = new AtomicBoolean();

        @Override
        public CommandSpec spec() {
            return new CommandSpec("long", "works until cancelled", "Works.", List.of(), List.of());
        }

        @Override
        public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
            return context.interruption().onInterrupt(() -> cancelled.set(true), () -> {
                while (!cancelled.get()) {
                    Thread.onSpinWait();
                }
                try {
                    Thread.sleep(300); // the clean-up a cancelled step does (a checkpoint, a record)
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                cleanedUp.set(true);
                throw new CommandException("long: cancelled; the work so far is kept", CommandException.INTERNAL,
                        null);
            });
        }
    }

    @Test
    void theHookCancelsTheStepAndHoldsTheJvmUntilTheCommandHasSaidHowItEnded() throws Exception {
        Recorded hooks = new Recorded();
        LongCommand command = new LongCommand();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandContext context = new CommandContext(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Path.of("."),
                new Interruption(hooks));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> new CommandDispatcher(List.of(command)).execute(List.of("long"), context));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (hooks.hook() == null && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        Thread hook = hooks.hook();
        assertThat(hook).as("a hook is registered while the step runs").isNotNull();
        assertThat(exit).isNotDone();
        hook.start(); // what the JVM does on SIGINT or SIGTERM
        hook.join(TimeUnit.SECONDS.toMillis(Interruption.GRACE_SECONDS + 5));
        assertThat(hook.isAlive()).isFalse();
        assertThat(command.cancelled).isTrue();
        assertThat(command.cleanedUp).as("the JVM was held until the cancelled step had cleaned up").isTrue();
        assertThat(err.toString(StandardCharsets.UTF_8)).as("and until the command had said how it ended")
                .contains("avlens long: cancelled; the work so far is kept");
        assertThat(exit.get(5, TimeUnit.SECONDS)).isEqualTo(CommandException.INTERNAL);
        assertThat(hooks.removed).containsExactly(hook);
    }

    @Test
    void aCtrlCWhileTheCommandWritesItsResultsAfterTheStepWaitsForThem() throws Exception {
        Recorded hooks = new Recorded();
        java.util.concurrent.CountDownLatch stepDone = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch signalled = new java.util.concurrent.CountDownLatch(1);
        AtomicBoolean written = new AtomicBoolean();
        CliCommand copying = new CliCommand() {
            @Override
            public CommandSpec spec() {
                return new CommandSpec("copy", "a step, then results written", "Copies.", List.of(), List.of());
            }

            @Override
            public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
                context.interruption().onInterrupt(() -> { }, () -> 1); // the long step, already done
                stepDone.countDown();
                try {
                    signalled.await(10, TimeUnit.SECONDS); // Ctrl-C arrives while the results are written
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.set(true);
                return 0;
            }
        };
        CommandContext context = new CommandContext(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Path.of("."), new Interruption(hooks));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> new CommandDispatcher(List.of(copying)).execute(List.of("copy"), context));
        assertThat(stepDone.await(10, TimeUnit.SECONDS)).isTrue();
        Thread hook = hooks.hook();
        assertThat(hooks.removed).as("still armed after the step: the command has not ended").isEmpty();
        hook.start();
        signalled.countDown();
        hook.join(TimeUnit.SECONDS.toMillis(Interruption.GRACE_SECONDS + 5));
        assertThat(written).as("the JVM was held until the results were written").isTrue();
        assertThat(exit.get(5, TimeUnit.SECONDS)).isZero();
        assertThat(hooks.removed).containsExactly(hook);
    }

    @Test
    void aStepThatEndsOnItsOwnRemovesItsHookAndCancelsNothing() throws Exception {
        Recorded hooks = new Recorded();
        AtomicBoolean cancelled = new AtomicBoolean();
        Interruption interruption = new Interruption(hooks);
        assertThat(interruption.onInterrupt(() -> cancelled.set(true), () -> "done")).isEqualTo("done");
        assertThat(hooks.added).hasSize(1);
        assertThat(hooks.removed).isEqualTo(hooks.added);
        assertThat(cancelled).isFalse();
    }
}
