package io.avlens.ui.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;

import io.avlens.core.time.TimeMarker;
import io.avlens.media.MediaException;
import io.avlens.media.MediaInfo;
import io.avlens.media.MediaProbe;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.context.AnalysisContexts;

/**
 * Opens a clip for analysis: probes it and reads its ground-truth sidecar in a job, then, on the display thread,
 * opens (or activates) its {@link AnalysisContext}. A file that cannot be used is reported, with its name and the
 * problem, to the caller; nothing is opened.
 */
public final class ClipOpener {

    private ClipOpener() {
    }

    /**
     * Starts opening {@code file}.
     *
     * @param file     the clip
     * @param contexts the workbench's analyses
     * @param display  where {@code opened} and {@code failed} run
     * @param opened   receives the active context
     * @param failed   receives the message of a file that cannot be opened
     * @return the scheduled job
     */
    public static Job open(Path file, AnalysisContexts contexts, Display display, Consumer<AnalysisContext> opened,
            Consumer<String> failed) {
        Job job = Job.create("Opening " + file.getFileName(), (IProgressMonitor monitor) -> {
            SubMonitor progress = SubMonitor.convert(monitor, 2);
            MediaInfo info;
            try {
                info = MediaProbe.probe(file);
            } catch (MediaException e) {
                display.asyncExec(() -> failed.accept(e.getMessage()));
                return Status.OK_STATUS; // reported to the user; not an error of AV Lens
            }
            progress.worked(1);
            List<TimeMarker> markers;
            try {
                markers = ClipSidecar.markers(file);
            } catch (IOException e) {
                ILog.of(ClipOpener.class).warn(e.getMessage());
                markers = List.of();
            }
            progress.worked(1);
            List<TimeMarker> found = markers;
            display.asyncExec(() -> opened.accept(contexts.open(info, found)));
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
        return job;
    }
}
