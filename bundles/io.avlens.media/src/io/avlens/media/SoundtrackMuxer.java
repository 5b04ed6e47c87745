package io.avlens.media;

import static org.bytedeco.ffmpeg.global.avcodec.FF_COMPLIANCE_NORMAL;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_format;
import static org.bytedeco.ffmpeg.global.avformat.avformat_query_codec;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.UUID;

import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Puts a generated soundtrack onto its source video as an MP4: the first video stream is copied packet by packet
 * (no re-encoding, so no loss and every frame kept) when MP4 can hold its codec, and re-encoded to H.264
 * otherwise; the sound becomes the only audio track, AAC mono. Other streams of the source (its own audio,
 * subtitles) are left out.
 * <p>
 * Timing: sample 0 of the soundtrack is media time 0 of the source (as {@link FrameReader} counts it), and the
 * track is made exactly as long as the video: a longer soundtrack is cut at the video's end, a shorter one is
 * padded with silence to it. A rate AAC does not define (e.g. 10 kHz) is resampled to 48 kHz.
 * <p>
 * The output appears whole or not at all: it is written to a temporary file in the output's folder, flushed to
 * disk and renamed over the output; on any failure the temporary file is removed and the output (which may be the
 * source itself) is left as it was. The source is only read. Stateless; any thread.
 */
public final class SoundtrackMuxer {

    /** AAC bit rate, bits per second (transparent for mono). */
    public static final int AAC_BIT_RATE = 128_000;
    /** Sample rates AAC defines (ISO 14496-3 sampling frequency index). */
    private static final int[] AAC_RATES = {96_000, 88_200, 64_000, 48_000, 44_100, 32_000, 24_000, 22_050, 16_000,
            12_000, 11_025, 8_000, 7_350};

    /**
     * What was written.
     *
     * @param file        the output
     * @param videoCopied whether the video was copied (true) or re-encoded to H.264 (false)
     * @param seconds     length of the video and of the audio track, seconds
     * @param sampleRate  the AAC track's sample rate
     * @param samples     samples in the audio track ({@code round(seconds × sampleRate)})
     */
    public record Result(Path file, boolean videoCopied, double seconds, int sampleRate, int samples) {
    }

    private SoundtrackMuxer() {
    }

    /**
     * Writes {@code video}'s first video stream with {@code soundtrack} as its audio to {@code output} (MP4).
     *
     * @throws MediaException when the source cannot be read as a video (named after the source)
     * @throws IOException    when the output cannot be written (named after the output)
     */
    public static Result mux(Path video, AudioSignal soundtrack, Path output) throws IOException {
        Path target = output.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new IOException(target + ": is a folder, not a file to write");
        }
        try (VideoInput input = VideoInput.open(video)) {
            int rate = aacRate(soundtrack.sampleRate());
            float[] resampled = rate == soundtrack.sampleRate() ? soundtrack.samples()
                    : resample(soundtrack.samples(), soundtrack.sampleRate(), rate);
            int count = (int) Math.min(Integer.MAX_VALUE - 8, Math.round(input.end * rate));
            float[] samples = Arrays.copyOf(resampled, count); // cut, or padded with zeros (silence)
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try {
                boolean copied = canCopy(input) && SoundtrackRemux.write(input, samples, rate, temp, target);
                if (!copied) {
                    Files.deleteIfExists(temp);
                    SoundtrackReencode.write(input, samples, rate, temp, target);
                }
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                move(temp, target);
                return new Result(target, copied, count / (double) rate, rate, count);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Whether MP4 can hold the video's codec as it is. */
    private static boolean canCopy(VideoInput input) {
        return avformat_query_codec(av_guess_format("mp4", null, null), input.stream.codecpar().codec_id(),
                FF_COMPLIANCE_NORMAL) == 1;
    }

    /** {@code rate} when AAC defines it, else 48 kHz. */
    static int aacRate(int rate) {
        return Arrays.stream(AAC_RATES).anyMatch(r -> r == rate) ? rate : 48_000;
    }

    /** Band-limited rate conversion of mono samples with FFmpeg's resampler. */
    static float[] resample(float[] samples, int from, int to) {
        AVChannelLayout mono = new AVChannelLayout();
        av_channel_layout_default(mono, 1);
        SwrContext swr = new SwrContext();
        if (swr_alloc_set_opts2(swr, mono, AV_SAMPLE_FMT_FLT, to, mono, AV_SAMPLE_FMT_FLT, from, 0, null) < 0
                || swr_init(swr) < 0) {
            swr_free(swr);
            throw new IllegalStateException("FFmpeg's resampler cannot convert " + from + " Hz to " + to + " Hz");
        }
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, (long) samples.length * to / from + 1024);
        try (FloatPointer in = new FloatPointer(samples); FloatPointer out = new FloatPointer(capacity);
                PointerPointer<FloatPointer> inPlanes = new PointerPointer<FloatPointer>(1).put(0, in);
                PointerPointer<FloatPointer> outPlanes = new PointerPointer<FloatPointer>(1).put(0, out)) {
            int n = swr_convert(swr, outPlanes, capacity, inPlanes, samples.length);
            int total = Math.max(0, n);
            outPlanes.put(0, out.getPointer(total));
            n = swr_convert(swr, outPlanes, capacity - total, null, 0); // the delayed tail
            total += Math.max(0, n);
            float[] result = new float[total];
            out.get(result);
            return result;
        } finally {
            swr_free(swr);
            mono.close();
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel dir = FileChannel.open(to.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every file system lets a folder be opened; the rename is atomic all the same
        }
    }
}
