package io.avlens.cli.internal;

import java.io.PrintStream;

import org.eclipse.core.runtime.NullProgressMonitor;

/**
 * A progress monitor drawn as a one-line bar on stderr ({@code label: [#####     ] 42% task}), redrawn only when
 * the bar grows, so stdout stays clean for the command's JSON. Ctrl-C cancels it through the command's {@link
 * io.avlens.cli.command.Interruption}.
 */
final class StderrProgress extends NullProgressMonitor {

    private static final int WIDTH = 30;
    private final PrintStream err;
    private final String label;
    private double total = 1;
    private double done;
    private int drawn = -1;
    private String task = "";
    private boolean finished;

    StderrProgress(PrintStream err, String label) {
        this.err = err;
        this.label = label;
    }

    @Override
    public void beginTask(String name, int totalWork) {
        total = Math.max(1, totalWork);
        draw();
    }

    @Override
    public void subTask(String name) {
        task = name == null ? "" : name;
    }

    @Override
    public void internalWorked(double work) {
        done = Math.min(total, done + work);
        draw();
    }

    @Override
    public void worked(int work) {
        internalWorked(work);
    }

    /** Cancelling (Ctrl-C) says so at once on its own line; the bar is not drawn again. */
    @Override
    public void setCanceled(boolean cancel) {
        boolean was = isCanceled();
        super.setCanceled(cancel);
        if (cancel && !was) {
            err.println();
            err.println(label + ": stopping (Ctrl-C) after the current item; up to "
                    + io.avlens.cli.command.Interruption.GRACE_SECONDS + " s");
            err.flush();
        }
    }

    @Override
    public void done() {
        if (finished) {
            return;
        }
        finished = true;
        if (isCanceled()) {
            return; // the cancel ended the bar's line; a cancelled task is not drawn as complete
        }
        done = total;
        draw();
        err.println();
        err.flush();
    }

    private void draw() {
        if (isCanceled()) {
            return;
        }
        int filled = (int) (done * WIDTH / total);
        if (filled != drawn) {
            drawn = filled;
            String shown = task.length() > 40 ? task.substring(0, 39) + "…" : task;
            err.print("\r" + label + ": [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                    + Math.round(100 * done / total) + "% " + shown);
            err.flush();
        }
    }
}
