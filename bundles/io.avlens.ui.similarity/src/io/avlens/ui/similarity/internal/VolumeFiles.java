package io.avlens.ui.similarity.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

import io.avlens.analysis.similarity.SimilarityFiles;
import io.avlens.analysis.similarity.SimilarityVolume;
import io.avlens.analysis.similarity.TimeBase;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.ui.context.AnalysisContext;

/** The Similarity view's volume files: read in a job, spanning a clip, and the open and export dialogs. Stateless. */
public final class VolumeFiles {

    private VolumeFiles() {
    }

    /**
     * Reads a {@code .npy} volume in a job and hands it, spanning {@code clip}, to {@code shown} on the UI thread
     * while {@code owner} lives; a bad file gives a dialog naming the file and the problem.
     */
    public static void read(Path file, AnalysisContext clip, Control owner, Consumer<SimilarityVolume> shown) {
        Display display = owner.getDisplay();
        Job job = Job.create("Reading " + file.getFileName(), (IProgressMonitor monitor) -> {
            try {
                FloatTensor values = SimilarityFiles.readNpy(file);
                display.asyncExec(() -> {
                    if (!owner.isDisposed()) {
                        shown.accept(spanning(values, clip));
                    }
                });
                return Status.OK_STATUS;
            } catch (IOException | RuntimeException e) {
                String message = e.getMessage() != null && e.getMessage().contains(file.toString()) ? e.getMessage()
                        : file + ": " + e.getMessage();
                display.asyncExec(() -> {
                    if (!owner.isDisposed()) {
                        MessageDialog.openError(owner.getShell(), "Cannot open the similarity volume", message);
                    }
                });
                return Status.info(message);
            }
        });
        job.schedule();
    }

    /** The volume with each axis spanning {@code clip} (its duration / steps), or in steps when {@code clip} is null. */
    public static SimilarityVolume spanning(FloatTensor values, AnalysisContext clip) {
        if (clip == null) {
            return SimilarityVolume.of(values, new TimeBase(0, 1), new TimeBase(0, 1));
        }
        double duration = clip.extent().duration();
        return SimilarityVolume.of(values, new TimeBase(0, duration / values.dim(0)),
                new TimeBase(0, duration / values.dim(1)));
    }

    /** Asks for a {@code .npy} volume to open; null when the user cancels. */
    public static Path askOpen(Shell shell, String title) {
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText(title);
        dialog.setFilterExtensions(new String[] {"*.npy", "*"});
        dialog.setFilterNames(new String[] {"NumPy arrays [audio steps, video steps] (*.npy)", "All files"});
        String chosen = dialog.open();
        return chosen == null ? null : Path.of(chosen);
    }

    /** Asks where to export the volume as {@code format}; null when the user cancels. */
    public static Path askExport(Shell shell, SimilarityExport.Format format) {
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setText("Export Similarity as " + format.description());
        dialog.setFilterExtensions(new String[] {"*." + format.extension()});
        dialog.setFileName("similarity." + format.extension());
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        return chosen == null ? null : Path.of(chosen);
    }
}
