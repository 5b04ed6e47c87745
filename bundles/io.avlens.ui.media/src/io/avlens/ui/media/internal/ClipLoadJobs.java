package io.avlens.ui.media.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;

import io.avlens.media.AudioSignal;
import io.avlens.media.MediaException;

/**
 * The jobs the Video view starts when a clip becomes active: decoding its sound for playback (its
 * overlays open in {@link OverlayStack}).
 * They are given everything they need (read on the UI thread) and hand their result to a callback on the job's
 * thread; a job cancelled meanwhile hands nothing. Not scheduled.
 */
public final class ClipLoadJobs {

    private ClipLoadJobs() {
    }

    /**
     * Decodes the sound of {@code file} at {@code rate} Hz.
     *
     * @param family  the job family ({@link Job#belongsTo}), for the Progress view and tests
     * @param decoded receives the sound
     * @param failed  receives the problem, naming the file
     */
    public static Job sound(String title, Path file, int rate, Object family, Consumer<AudioSignal> decoded,
            Consumer<IOException> failed) {
        Job job = new Job("Decoding the sound of " + title) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    // the stream's thousandths as units, so a long soundtrack shows how far it is (ClipSound.decode)
                    AudioSignal sound = ClipSound.decode(file, rate, SubMonitor.convert(monitor, getName(), 1));
                    if (monitor.isCanceled()) {
                        return Status.CANCEL_STATUS;
                    }
                    decoded.accept(sound);
                    return Status.OK_STATUS;
                } catch (OperationCanceledException e) {
                    return Status.CANCEL_STATUS;
                } catch (MediaException e) {
                    failed.accept(e);
                    return Status.info(e.getMessage());
                } finally {
                    monitor.done();
                }
            }

            @Override
            public boolean belongsTo(Object other) {
                return other == family;
            }
        };
        job.setSystem(false);
        return job;
    }
}
