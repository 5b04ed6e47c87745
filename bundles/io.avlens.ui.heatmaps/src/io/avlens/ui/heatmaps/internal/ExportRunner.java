package io.avlens.ui.heatmaps.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;

/**
 * How the Heads view runs an export: asks for the file, writes it (at once for PNGs, in a job for the long ones),
 * says "Wrote …" in the status line and, when it fails, shows the file and the problem in the status line and a dialog.
 * UI thread.
 */
public final class ExportRunner {

    /** Writes one file at once. */
    @FunctionalInterface
    public interface Export {
        /** Writes {@code file}; throws naming it and the problem. */
        void write(Path file) throws IOException;
    }

    private final Control owner;
    private final Consumer<String> statusLine;

    /** Exports for the view whose control is {@code owner}, telling {@code statusLine} what happened. */
    public ExportRunner(Control owner, Consumer<String> statusLine) {
        this.owner = owner;
        this.statusLine = statusLine;
    }

    /** Asks for a file (proposing {@code name}) and writes it with {@code export} at once. */
    public void askAndWrite(String name, Export export) {
        String chosen = chooseFile(name);
        if (chosen != null) {
            try {
                export.write(Path.of(chosen));
                statusLine.accept("Wrote " + chosen);
            } catch (IOException e) {
                report(e.getMessage());
            }
        }
    }

    /** Asks for a file (proposing {@code name}) and hands it to {@code start} (which starts a job). */
    public void askAndStart(String name, Consumer<Path> start) {
        String chosen = chooseFile(name);
        if (chosen != null) {
            start.accept(Path.of(chosen));
        }
    }

    /**
     * Schedules a job named {@code name} doing {@code work} on {@code file} and returns it; a null {@code name} means
     * there is nothing to export: that is reported and null returned.
     */
    public Job start(Path file, String name, HeatmapExportJobs.Work work) {
        if (name == null) {
            report(file + ": no heatmaps to export; open a clip and wait for its heatmaps");
            return null;
        }
        Job job = HeatmapExportJobs.job(name, file, work, s -> post(() -> report(s.getMessage())));
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                if (event.getResult().isOK()) {
                    post(() -> statusLine.accept("Wrote " + file));
                }
            }
        });
        statusLine.accept(name + "...");
        job.schedule();
        return job;
    }

    /** Shows {@code message} (the file and the problem) in the status line and a dialog. */
    private void report(String message) {
        statusLine.accept(message);
        MessageDialog.openError(owner.getShell(), "Export failed", message);
    }

    private String chooseFile(String name) {
        FileDialog dialog = new FileDialog(owner.getShell(), SWT.SAVE);
        dialog.setFileName(name);
        dialog.setOverwrite(true);
        return dialog.open();
    }

    private void post(Runnable code) {
        if (!owner.isDisposed()) {
            owner.getDisplay().asyncExec(() -> {
                if (!owner.isDisposed()) {
                    code.run();
                }
            });
        }
    }
}
