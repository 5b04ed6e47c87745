package io.avlens.ui.media.internal;

import java.util.concurrent.CompletableFuture;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;

import io.avlens.core.profile.LogCompression;
import io.avlens.core.profile.MelScale;
import io.avlens.core.profile.MelSpec;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.media.AudioReader;
import io.avlens.media.AudioSignal;
import io.avlens.media.MediaException;
import io.avlens.media.dsp.LogMelSpectrogram;
import io.avlens.media.dsp.OnsetDetector;
import io.avlens.ui.context.AnalysisContext;

/**
 * The sound of an open clip as the time views show it: mono at {@link #SAMPLE_RATE}, its log-mel spectrogram with
 * {@link #DISPLAY_MEL} (100 frames per second, Diff-Foley's [0, 1] dB scale) and its spectral-flux onsets. Computed
 * once per analysis in a job and shared through {@link AnalysisContext#attachment}. A computation that is cancelled
 * (from the Progress view, or by {@link #close()} when the analysis is closed) or fails is not kept: the next
 * {@link #of} starts a new one.
 */
public final class ClipSound implements AutoCloseable {

    /** Display sample rate, Hz: the rate of the built-in models and of Diff-Foley. */
    public static final int SAMPLE_RATE = 16_000;
    /** The timeline's spectrogram: n_fft 1024, hop 160 (10 ms), 96 Slaney mels up to 8 kHz, unit dB. */
    public static final MelSpec DISPLAY_MEL =
            new MelSpec(1024, 160, 96, 0, 8000, MelScale.SLANEY, true, 1, LogCompression.UNIT_DB);

    /**
     * What was computed.
     *
     * @param audio  mono at {@link ClipSound#SAMPLE_RATE}
     * @param mel    {@code [bins, frames]}, bin 0 the lowest band
     * @param melFps spectrogram frames per second
     * @param onsets detected onset times, seconds
     */
    public record Result(AudioSignal audio, FloatTensor mel, double melFps, double[] onsets) {
    }

    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private final Job job;

    private ClipSound(AnalysisContext context) {
        if (!context.media().hasAudio()) { // known from the probe: kept, asking again would not change it
            job = null;
            result.completeExceptionally(new MediaException(context.file(), MediaException.Problem.NO_AUDIO,
                    "holds no audio stream", null));
            return;
        }
        // not kept once it ends without a result, whichever way (also a job cancelled before it started)
        result.whenComplete((r, error) -> {
            if (error != null) {
                context.detach(ClipSound.class, this);
            }
        });
        job = Job.create("Analysing the sound of " + context.title(), (IProgressMonitor monitor) -> {
            SubMonitor progress = SubMonitor.convert(monitor, 3);
            try {
                result.complete(analyse(context.file(), progress));
                return Status.OK_STATUS;
            } catch (MediaException e) {
                result.completeExceptionally(e);
                return Status.info(e.getMessage());
            } catch (OperationCanceledException e) {
                result.cancel(false);
                return Status.CANCEL_STATUS;
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return Status.error(context.file() + ": cannot analyse the sound: " + e.getMessage(), e);
            }
        });
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                result.cancel(false); // a job cancelled before it ran never completes the result itself
            }
        });
        job.schedule();
    }

    /** Cancels the computation if it is still running; its result then completes as cancelled. */
    @Override
    public void close() {
        if (job != null) {
            job.cancel();
        }
        result.cancel(false);
    }

    /** The job that computes the result (null when there is nothing to compute), for the Progress view and tests. */
    public Job job() {
        return job;
    }

    /**
     * Decodes {@code file} at {@link #SAMPLE_RATE} and computes its spectrogram and onsets, in three steps of
     * {@code progress}; in a job.
     *
     * @throws MediaException naming the file
     * @throws OperationCanceledException when {@code progress} is cancelled
     */
    static Result analyse(java.nio.file.Path file, SubMonitor progress) throws MediaException {
        // the decode is the slow step of a long clip: its thousandths of the stream as units, and it stops on cancel
        AudioSignal audio = decode(file, SAMPLE_RATE, progress.split(1));
        checkCanceled(progress);
        LogMelSpectrogram mel = new LogMelSpectrogram(DISPLAY_MEL, SAMPLE_RATE);
        FloatTensor spectrogram = mel.compute(audio);
        progress.worked(1);
        checkCanceled(progress);
        double[] onsets = new OnsetDetector(DISPLAY_MEL, SAMPLE_RATE).onsets(audio);
        progress.worked(1);
        return new Result(audio, spectrogram, mel.framesPerSecond(), onsets);
    }

    /**
     * Decodes {@code file} at {@code rate} Hz with thousandths of its stream as the units of {@code progress}.
     *
     * @throws OperationCanceledException when {@code progress} is cancelled (the decode stops at its next frame)
     */
    public static AudioSignal decode(java.nio.file.Path file, int rate, SubMonitor progress) throws MediaException {
        SubMonitor decode = progress.setWorkRemaining(1000);
        int[] reported = {0};
        try {
            return AudioReader.read(file, rate, (done, expected) -> {
                int units = expected <= 0 ? 0 : (int) Math.min(1000, done * 1000 / expected);
                if (units > reported[0]) {
                    decode.worked(units - reported[0]);
                    reported[0] = units;
                }
                return !decode.isCanceled();
            });
        } catch (java.util.concurrent.CancellationException e) {
            throw new OperationCanceledException(e.getMessage());
        }
    }

    private static void checkCanceled(IProgressMonitor monitor) {
        if (monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }

    /** The analysis of {@code context}'s sound, started on first request. */
    public static ClipSound of(AnalysisContext context) {
        return context.attachment(ClipSound.class, ClipSound::new);
    }

    /** Completes with the result, or exceptionally with a {@link MediaException} naming the file. */
    public CompletableFuture<Result> result() {
        return result;
    }
}
