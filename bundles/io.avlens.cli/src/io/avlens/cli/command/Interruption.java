package io.avlens.cli.command;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * Ctrl-C (SIGINT, SIGTERM: the JVM's shutdown) for one command: while a long step runs, the shutdown cancels the
 * step's work instead of killing it mid-write, then holds the JVM until the command has ended (its clean-up done and
 * its message printed) or {@value #GRACE_SECONDS} s have passed. The dispatcher makes one per command
 * ({@link #fresh()}) and calls {@link #ended()} after printing the command's outcome; until then the hook stays
 * armed, so a Ctrl-C while the command writes its results after the step waits for them. A command reaches it
 * through {@link CommandContext}.
 */
public final class Interruption {

    /** How long a shutdown waits for a cancelled command, seconds. */
    public static final int GRACE_SECONDS = 10;

    /** A step of a command that may fail with the command's error. */
    public interface Step<T> {
        T run() throws CommandException;
    }

    /** Where the shutdown hooks go: the JVM's, or a test's. */
    public interface Hooks {

        /** The JVM's shutdown hooks. */
        Hooks JVM = new Hooks() {
            @Override
            public void add(Thread hook) {
                Runtime.getRuntime().addShutdownHook(hook);
            }

            @Override
            public void remove(Thread hook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down: the hook runs and waits for the command to end
                }
            }
        };

        void add(Thread hook);

        void remove(Thread hook);
    }

    private final Hooks hooks;
    private final boolean dispatched;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final java.util.List<Thread> armed = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** With the JVM's shutdown hooks. */
    public Interruption() {
        this(Hooks.JVM);
    }

    /** With hooks registered where {@code hooks} says (tests). */
    public Interruption(Hooks hooks) {
        this(hooks, false);
    }

    private Interruption(Hooks hooks, boolean dispatched) {
        this.hooks = hooks;
        this.dispatched = dispatched;
    }

    /** Runs {@code step}; Ctrl-C cancels {@code monitor}. */
    public <T> T cancels(IProgressMonitor monitor, Step<T> step) throws CommandException {
        return onInterrupt(() -> monitor.setCanceled(true), step);
    }

    /**
     * Runs {@code step}; Ctrl-C runs {@code cancel}, which must only ask the step to stop and return at once. The
     * step then ends (it should throw a {@link CommandException} saying what it kept) and the command with it.
     */
    public <T> T onInterrupt(Runnable cancel, Step<T> step) throws CommandException {
        Thread hook = new Thread(() -> {
            cancel.run();
            try {
                ended.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "avlens-interrupt");
        try {
            hooks.add(hook);
        } catch (IllegalStateException e) { // Ctrl-C came before the step began: the JVM is already going
            throw new CommandException("cancelled before it began", CommandException.INTERNAL, e);
        }
        armed.add(hook);
        try {
            return step.run();
        } finally {
            if (!dispatched) {
                disarm(); // no dispatcher will say when the command ends: the step's end is the end
            }
            // dispatched, the hook stays until ended(): a Ctrl-C while the command writes its results after the
            // step (copying samples, moving a table into place) waits for them instead of halting mid-write
        }
    }

    /** A new interruption with the same hooks, for the next command run by a dispatcher (which calls ended()). */
    public Interruption fresh() {
        return new Interruption(hooks, true);
    }

    /** The command has ended and said so: a shutdown waiting for it goes on. */
    public void ended() {
        ended.countDown();
        disarm();
    }

    private void disarm() {
        for (Thread hook : armed) {
            hooks.remove(hook); // during a shutdown it stays, and waits for ended()
            armed.remove(hook);
        }
    }
}
