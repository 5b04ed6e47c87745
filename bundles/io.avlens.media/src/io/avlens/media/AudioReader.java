package io.avlens.media;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import io.avlens.media.MediaException.Problem;

/**
 * Decodes the first audio stream of a file to mono float samples at a requested rate. Channels are averaged and
 * the rate is converted by FFmpeg's resampler (band-limited interpolation, not dropped samples). Stateless; any
 * thread. The file is opened once: the checks and error messages are {@link MediaProbe}'s.
 */
public final class AudioReader {

    private AudioReader() {
    }

    /**
     * Reads the whole audio stream.
     *
     * @param sampleRate the rate to resample to, e.g. 16000 for the CAVP and DenseAV profiles
     * @throws MediaException when the file cannot be read or holds no audio
     */
    public static AudioSignal read(Path file, int sampleRate) throws MediaException {
        return read(file, sampleRate, (done, expected) -> true);
    }

    /** What a long decode reports, and how it is stopped. */
    @FunctionalInterface
    public interface Progress {
        /**
         * Called after each decoded frame.
         *
         * @param samples  samples decoded so far
         * @param expected the samples the stream's duration promises (0 when the container does not say)
         * @return false to stop decoding ({@link #read(Path, int, Progress)} then throws
         *         {@link java.util.concurrent.CancellationException})
         */
        boolean decoded(long samples, long expected);
    }

    /**
     * Reads the whole audio stream, reporting each decoded frame to {@code progress}, which can stop it.
     *
     * @throws java.util.concurrent.CancellationException when {@code progress} returned false
     */
    public static AudioSignal read(Path file, int sampleRate, Progress progress) throws MediaException {
        if (sampleRate <= 0 || sampleRate > MediaProbe.MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("sample rate out of range: " + sampleRate);
        }
        MediaProbe.checkFile(file);
        FfmpegLogging.quiet();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setSampleMode(FrameGrabber.SampleMode.FLOAT);
        grabber.setSampleRate(sampleRate);
        grabber.setAudioChannels(1);
        float[] samples;
        int n = 0;
        try {
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                throw MediaProbe.unreadable(file, e);
            }
            if (!grabber.hasAudio()) {
                throw new MediaException(file, Problem.NO_AUDIO, "holds no audio stream", null);
            }
            double seconds = Math.max(0, grabber.getLengthInTime() / 1e6);
            long expected = (long) Math.ceil(seconds * sampleRate);
            samples = new float[(int) Math.min(Integer.MAX_VALUE - 8, Math.ceil(seconds * sampleRate) + sampleRate)];
            for (Frame frame; (frame = grabber.grabSamples()) != null;) {
                if (frame.samples == null) {
                    continue;
                }
                FloatBuffer buffer = (FloatBuffer) frame.samples[0];
                int count = buffer.remaining();
                if (n + count > samples.length) {
                    samples = Arrays.copyOf(samples, Math.max(samples.length * 2, n + count));
                }
                buffer.get(samples, n, count);
                n += count;
                if (!progress.decoded(n, expected)) {
                    throw new java.util.concurrent.CancellationException(file + ": decoding stopped after " + n
                            + " samples");
                }
            }
        } catch (FrameGrabber.Exception e) {
            throw new MediaException(file, Problem.UNREADABLE, "audio cannot be decoded after " + n
                    + " samples: the file may be corrupt or truncated ("
                    + MediaProbe.withoutJavacvHints(String.valueOf(e.getMessage())) + ")", e);
        } finally {
            try {
                grabber.close();
            } catch (FrameGrabber.Exception e) {
                // nothing more to release
            }
        }
        return new AudioSignal(Arrays.copyOf(samples, n), sampleRate);
    }
}
