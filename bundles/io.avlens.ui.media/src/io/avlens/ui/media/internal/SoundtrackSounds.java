package io.avlens.ui.media.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;

import io.avlens.media.AudioSignal;
import io.avlens.media.MediaException;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.media.Soundtrack;

/**
 * The decoded alternative soundtracks of one open clip, shared by its views: each soundtrack's analysis for the
 * timeline ({@link ClipSound.Result} at {@link ClipSound#SAMPLE_RATE}) and its samples at the player's rate, each
 * computed once in a job and kept while the clip is open, so switching back and forth is instant after the first
 * time. A computation that fails or is cancelled is not kept.
 */
public final class SoundtrackSounds implements AutoCloseable {

    /** Family of the jobs that decode soundtracks, for the Progress view and tests. */
    public static final Object JOBS = new Object();

    private final Map<String, CompletableFuture<ClipSound.Result>> analyses = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<AudioSignal>> playback = new ConcurrentHashMap<>();
    private final java.util.Set<Job> jobs = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private SoundtrackSounds(AnalysisContext context) {
    }

    /** The decoded soundtracks of {@code context}'s clip. */
    public static SoundtrackSounds of(AnalysisContext context) {
        return context.attachment(SoundtrackSounds.class, SoundtrackSounds::new);
    }

    /** The analysis of {@code track}: its sound, spectrogram and onsets as the timeline shows the clip's own. */
    public CompletableFuture<ClipSound.Result> analysis(Soundtrack track) {
        return analyses.computeIfAbsent(track.id(), id -> start(analyses, id, "Analysing the sound of " + track.label(),
                progress -> ClipSound.analyse(track.file(), progress)));
    }

    /** The samples of {@code track} at {@code rate} Hz, for playback. */
    public CompletableFuture<AudioSignal> playback(Soundtrack track, int rate) {
        if (rate == ClipSound.SAMPLE_RATE) {
            return analysis(track).thenApply(ClipSound.Result::audio);
        }
        return playback.computeIfAbsent(track.id() + "@" + rate, key -> start(playback, key,
                "Decoding the sound of " + track.label(), progress -> ClipSound.decode(track.file(), rate, progress)));
    }

    private interface Work<T> {
        T run(SubMonitor progress) throws MediaException;
    }

    private <T> CompletableFuture<T> start(Map<String, CompletableFuture<T>> cache, String key, String name,
            Work<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        result.whenComplete((r, error) -> {
            if (error != null) {
                cache.remove(key, result);
            }
        });
        if (closed) {
            result.cancel(false);
            return result;
        }
        Job job = new Job(name) {
            @Override
            protected org.eclipse.core.runtime.IStatus run(IProgressMonitor monitor) {
                try {
                    result.complete(work.run(SubMonitor.convert(monitor, 3)));
                    return Status.OK_STATUS;
                } catch (MediaException e) {
                    result.completeExceptionally(e);
                    return Status.info(e.getMessage());
                } catch (OperationCanceledException e) {
                    result.cancel(false);
                    return Status.CANCEL_STATUS;
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                    return Status.error(name + ": " + e.getMessage(), e);
                }
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == JOBS;
            }
        };
        job.addJobChangeListener(new org.eclipse.core.runtime.jobs.JobChangeAdapter() {
            @Override
            public void done(org.eclipse.core.runtime.jobs.IJobChangeEvent event) {
                result.cancel(false); // a job cancelled before it ran never completes the result itself
            }
        });
        jobs.add(job);
        result.whenComplete((r, error) -> jobs.remove(job));
        job.schedule();
        return result;
    }

    /** Cancels what is still being decoded; nothing more is kept. */
    @Override
    public void close() {
        closed = true;
        jobs.forEach(Job::cancel);
        analyses.values().forEach(f -> f.cancel(false));
        playback.values().forEach(f -> f.cancel(false));
    }
}
