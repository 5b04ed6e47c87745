package io.avlens.ui.heatmaps.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;

import io.avlens.analysis.dense.DenseFeatureFiles;

/**
 * The Heads view's long exports as jobs (progress in frames, cancel, atomic files): the volume as {@code .npy} and the
 * overlaid video as MP4. A job's result is OK, CANCEL, or an error whose message names the file and the problem; the
 * caller reports errors. Stateless.
 */
public final class HeatmapExportJobs {

    /** The family of the export jobs (to wait for or cancel them). */
    public static final Object FAMILY = new Object();

    /** Writes a file, reporting progress on (and honouring cancel of) a monitor. */
    @FunctionalInterface
    public interface Work {
        /** Writes; throws {@link OperationCanceledException} when cancelled. */
        void write(IProgressMonitor monitor) throws IOException;
    }

    private HeatmapExportJobs() {
    }

    /**
     * Writes the volume {@code [frames, heads, h, w, audio steps]} of {@code heatmaps} (raw) to {@code file}, one
     * progress unit per frame; cancel leaves no file.
     */
    public static void writeVolume(HeatmapClip heatmaps, Path file, IProgressMonitor monitor) throws IOException {
        SubMonitor progress = SubMonitor.convert(monitor, "Writing " + file.getFileName(), heatmaps.raw().frames());
        if (progress.isCanceled()) {
            throw new OperationCanceledException();
        }
        DenseFeatureFiles.writeVolume(file, heatmaps.raw(), frame -> {
            if (progress.isCanceled()) {
                throw new OperationCanceledException();
            }
            progress.worked(1);
        });
    }

    /**
     * A job (not yet scheduled) that does {@code work}; {@code onError} hears the error status when it fails (from
     * the job's thread).
     */
    public static Job job(String name, Path file, Work work, Consumer<IStatus> onError) {
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    work.write(monitor);
                    return Status.OK_STATUS;
                } catch (OperationCanceledException e) {
                    return Status.CANCEL_STATUS;
                } catch (IOException e) {
                    return Status.error(e.getMessage(), e);
                } catch (RuntimeException e) {
                    return Status.error(file + ": cannot be written (" + e.getMessage() + ")", e);
                }
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setUser(true);
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                if (event.getResult().getSeverity() == IStatus.ERROR) {
                    onError.accept(event.getResult());
                }
            }
        });
        return job;
    }
}
