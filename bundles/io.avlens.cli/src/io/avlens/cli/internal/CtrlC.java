package io.avlens.cli.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IProgressMonitor;

import io.avlens.cli.command.CommandException;

/**
 * Ctrl-C for long commands: while a step runs, the JVM's shutdown (SIGINT, SIGTERM) cancels the step's work instead of
 * killing it mid-write, and waits up to {@value #GRACE_SECONDS} s for the step to return, so what the step does on
 * cancel (a checkpoint, a cancelled run's record, removing what it wrote, deleting its temporary folder) is done. A
 * step should therefore hold its clean-up inside itself, not after it.
 */
final class CtrlC {

    /** How long the shutdown waits for a cancelled step, seconds. */
    static final int GRACE_SECONDS = 10;

    /** A step that may fail with a command's error. */
    interface Step<T> {
        T run() throws CommandException;
    }

    private CtrlC() {
    }

    /** Runs {@code step}; Ctrl-C cancels {@code monitor}. */
    static <T> T cancels(IProgressMonitor monitor, Step<T> step) throws CommandException {
        return onInterrupt(() -> monitor.setCanceled(true), step);
    }

    /** Runs {@code step}; Ctrl-C runs {@code cancel} (which must only ask the step to stop, and return at once). */
    static <T> T onInterrupt(Runnable cancel, Step<T> step) throws CommandException {
        return onInterrupt(cancel, step, Hooks.JVM);
    }

    /** {@link #onInterrupt(Runnable, Step)} with the hook registered where {@code hooks} says (tests). */
    static <T> T onInterrupt(Runnable cancel, Step<T> step, Hooks hooks) throws CommandException {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.run();
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "avlens-interrupt");
        hooks.add(hook);
        try {
            return step.run();
        } finally {
            finished.countDown();
            hooks.remove(hook);
        }
    }

    /** Where the shutdown hook goes: the JVM's, or a test's. */
    interface Hooks {

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
                    // the JVM is already shutting down: the hook is running and lets go now
                }
            }
        };

        void add(Thread hook);

        void remove(Thread hook);
    }
}
