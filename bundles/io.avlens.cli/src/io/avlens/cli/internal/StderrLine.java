package io.avlens.cli.internal;

import java.io.PrintStream;

/**
 * A progress line on stderr that a command redraws in place (a bar), ended by a newline, and stopped by Ctrl-C with
 * a message on a line of its own. The bars of {@code synth} and {@code train} build on it.
 */
abstract class StderrLine {

    /** Where the line is drawn. */
    protected final PrintStream err;
    /** Whether something is drawn on the line and no newline has ended it. */
    protected boolean open;
    private volatile boolean cancelled;

    StderrLine(PrintStream err) {
        this.err = err;
    }

    /** Whether Ctrl-C asked the work to stop. */
    final boolean cancelled() {
        return cancelled;
    }

    /** Ctrl-C: asks the work to stop and says {@code what} happens now, on a line of its own (once). */
    final void cancel(String what) {
        if (!cancelled) {
            cancelled = true;
            err.println();
            err.println(what);
            err.flush();
            open = false;
        }
    }

    /** Ends the line, if one is open. */
    final void end() {
        if (open) {
            err.println();
            open = false;
        }
    }
}
