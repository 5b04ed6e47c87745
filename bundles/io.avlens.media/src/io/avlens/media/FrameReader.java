package io.avlens.media;

import java.nio.file.Path;
import java.util.Locale;

import io.avlens.core.profile.VideoSpec;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.media.MediaException.Problem;

/**
 * Decodes the first video stream of a file to the frames a {@link VideoSpec} asks for. Frame {@code i} shows
 * media time {@code start + i / fps}: it is the source frame being displayed at that instant, i.e. the last one
 * whose timestamp is at or before it, so any source rate is resampled by repeating or dropping whole frames, never
 * by blending them (a frame that starts within a microsecond after the instant counts as displayed). Media time 0
 * is the start of the file; before the video's first frame, that frame is shown.
 * <p>
 * Each chosen frame is cropped, scaled and converted to RGB in one swscale pass ({@link FrameFitter}); the other
 * frames are decoded (they must be, to reach the next) but never converted. Decoding uses
 * {@value #DEFAULT_DECODER_THREADS} thread by default: the runner decodes several clips side by side and the
 * machines AV Lens targets have few cores; pass 0 to let FFmpeg use one thread per core for a single long file.
 * {@code io.avlens.media.bench.DecodeBenchmark} compares this reader's speed with the ffmpeg command line's.
 * <p>
 * Immutable; any thread (each call opens the file anew).
 */
public final class FrameReader {

    /** Decoder threads when none are given. */
    public static final int DEFAULT_DECODER_THREADS = 1;
    /** Most floats a result may hold (a Java array's limit). */
    static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private final VideoSpec spec;
    private final int threads;

    /** A reader for {@code spec} with {@value #DEFAULT_DECODER_THREADS} decoder thread. */
    public FrameReader(VideoSpec spec) {
        this(spec, DEFAULT_DECODER_THREADS);
    }

    /** @param decoderThreads decoder threads, 0 for FFmpeg's choice (one per core) */
    public FrameReader(VideoSpec spec, int decoderThreads) {
        if (spec == null) {
            throw new IllegalArgumentException("a video spec is required");
        }
        if (decoderThreads < 0 || decoderThreads > 64) {
            throw new IllegalArgumentException("decoder threads must be in [0, 64], not " + decoderThreads);
        }
        this.spec = spec;
        this.threads = decoderThreads;
    }

    /** The spec this reader produces. */
    public VideoSpec spec() {
        return spec;
    }

    /**
     * Reads the whole video: {@code spec.frameCount(duration)} frames.
     *
     * @throws MediaException when the file is missing, empty, not media, truncated, has no video or a codec or size
     *                        AV Lens cannot use, or its frames would not fit in memory
     */
    public VideoFrames read(Path file) throws MediaException {
        return read(file, 0, Double.POSITIVE_INFINITY);
    }

    /**
     * Reads the frames at {@code start + i / fps} for every such time before {@code start + duration} and before
     * the end of the video: a window that runs past the end is cut there, so fewer frames come back.
     *
     * @param startSeconds    media time of frame 0, at least 0 and before the end of the video
     * @param durationSeconds length of the window, positive ({@code Double.POSITIVE_INFINITY} for "to the end")
     * @throws MediaException with {@link Problem#OUT_OF_RANGE} when the window starts outside the video, and as
     *                        {@link #read(Path)}
     */
    public VideoFrames read(Path file, double startSeconds, double durationSeconds) throws MediaException {
        if (Double.isNaN(startSeconds) || !(durationSeconds > 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a time range needs a start and a positive duration, not %s s + %s s", startSeconds,
                    durationSeconds));
        }
        try (FrameCursor cursor = new FrameCursor(VideoDecoder.open(file, threads), false);
                FrameFitter fitter = FrameFitter.rgb(spec.width(), spec.height(), spec.fit())) {
            VideoInput input = cursor.decoder.input;
            if (startSeconds < 0 || startSeconds >= input.end) {
                throw new MediaException(file, Problem.OUT_OF_RANGE, String.format(Locale.ROOT,
                        "the time range %.3f s + %.3f s lies outside the video (0 to %.3f s)", startSeconds,
                        durationSeconds, input.end), null);
            }
            int count = spec.frameCount(Math.min(durationSeconds, input.end - startSeconds));
            int frameValues = spec.width() * spec.height() * 3;
            if ((long) count * frameValues > MAX_VALUES) {
                throw new MediaException(file, Problem.TOO_LONG, String.format(Locale.ROOT,
                        "%d frames of %dx%d do not fit in memory: read a shorter time range", count,
                        spec.width(), spec.height()), null);
            }
            float[] values = new float[count * frameValues];
            double[] times = new double[count];
            double[] sourceTimes = new double[count];
            for (int i = 0; i < count; i++) {
                times[i] = startSeconds + i / spec.fps();
                cursor.moveTo(times[i]);
                sourceTimes[i] = cursor.currentTime();
                fitter.draw(cursor.current(), input.pixelAspect, file);
                fitter.copyRgb(values, i * frameValues);
            }
            FloatTensor tensor = FloatTensor.wrap(new int[] {count, spec.height(), spec.width(), 3}, values);
            return new VideoFrames(spec, tensor, times, sourceTimes);
        }
    }
}
