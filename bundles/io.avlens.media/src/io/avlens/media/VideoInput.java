package io.avlens.media;

import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;

import io.avlens.media.MediaException.Problem;

/**
 * An opened container and its first video stream (cover art is not a video stream), checked the way
 * {@link MediaProbe} checks files. It fixes AV Lens's media time: 0 is the start of the file (the container's
 * start time, as players show it), so {@link FrameReader}, {@link FrameSource} and {@link SoundtrackMuxer} agree
 * on what "t seconds" means. Not thread-safe; close it.
 */
final class VideoInput implements AutoCloseable {

    final Path file;
    final AVFormatContext format;
    final AVStream stream;
    final int streamIndex;
    /** Seconds per tick of the stream's time base. */
    final double timeBase;
    /** Media time 0, in seconds of the stream's clock. */
    final double origin;
    /** When the video ends, media time in seconds. */
    final double end;
    /** Average frame rate, or 0 when the container states none. */
    final double fps;
    final int width;
    final int height;
    /** Width of a pixel relative to its height (1 for square pixels). */
    final double pixelAspect;

    private VideoInput(Path file, AVFormatContext format, int streamIndex) throws MediaException {
        this.file = file;
        this.format = format;
        this.streamIndex = streamIndex;
        this.stream = format.streams(streamIndex);
        AVCodecParameters parameters = stream.codecpar();
        this.timeBase = av_q2d(stream.time_base());
        this.origin = format.start_time() == AV_NOPTS_VALUE ? 0 : format.start_time() / (double) avutil.AV_TIME_BASE;
        this.width = parameters.width();
        this.height = parameters.height();
        this.fps = rate(stream.avg_frame_rate()) > 0 ? rate(stream.avg_frame_rate()) : rate(stream.r_frame_rate());
        AVRational sar = parameters.sample_aspect_ratio();
        this.pixelAspect = sar.num() > 0 && sar.den() > 0 ? av_q2d(sar) : 1;
        this.end = videoEnd();
        check();
    }

    /**
     * Opens {@code file} and finds its first video stream.
     *
     * @throws MediaException when the file is missing, empty, not media, holds no video, lasts no time or has an
     *                        implausible frame size or rate
     */
    static VideoInput open(Path file) throws MediaException {
        MediaProbe.checkFile(file);
        FfmpegLogging.quiet();
        AVFormatContext format = new AVFormatContext(null);
        int r = avformat_open_input(format, file.toString(), null, null);
        if (r < 0) {
            throw unreadable(file, r);
        }
        try {
            r = avformat_find_stream_info(format, (AVDictionary) null);
            if (r < 0) {
                throw unreadable(file, r);
            }
            int index = firstVideoStream(format);
            if (index < 0) {
                throw format.nb_streams() == 0
                        ? new MediaException(file, Problem.NO_STREAMS, "holds neither an audio nor a video stream", null)
                        : new MediaException(file, Problem.NO_VIDEO, "holds no video stream", null);
            }
            return new VideoInput(file, format, index);
        } catch (MediaException | RuntimeException e) {
            avformat_close_input(format);
            throw e;
        }
    }

    private static int firstVideoStream(AVFormatContext format) {
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream s = format.streams(i);
            if (s.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO
                    && (s.disposition() & avformat.AV_DISPOSITION_ATTACHED_PIC) == 0) {
                return i;
            }
        }
        return -1;
    }

    private void check() throws MediaException {
        if (width <= 0 || height <= 0) {
            throw new MediaException(file, Problem.UNREADABLE,
                    "the video stream has no frame size: the file may be corrupt or truncated", null);
        }
        if (width > MediaProbe.MAX_SIDE || height > MediaProbe.MAX_SIDE) {
            throw new MediaException(file, Problem.IMPLAUSIBLE, "video frame size " + width + "x" + height
                    + " is not plausible (1 to " + MediaProbe.MAX_SIDE + " pixels a side)", null);
        }
        if (fps > MediaProbe.MAX_FPS) {
            throw new MediaException(file, Problem.IMPLAUSIBLE,
                    String.format(Locale.ROOT, "video frame rate %.3f fps is not plausible", fps), null);
        }
        if (!(end > 0)) {
            throw new MediaException(file, Problem.ZERO_LENGTH, "the video has no duration (zero length or unknown)",
                    null);
        }
    }

    /** The stream's own end when the container states it, else the file's. */
    private double videoEnd() {
        if (stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0) {
            long start = stream.start_time() == AV_NOPTS_VALUE ? 0 : stream.start_time();
            return (start + stream.duration()) * timeBase - origin;
        }
        if (format.duration() != AV_NOPTS_VALUE && format.duration() > 0) {
            return format.duration() / (double) avutil.AV_TIME_BASE;
        }
        return 0;
    }

    /** Media time of a stream timestamp, seconds. */
    double seconds(long timestamp) {
        return timestamp * timeBase - origin;
    }

    /** The stream timestamp of a media time (rounded down). */
    long timestamp(double seconds) {
        return (long) Math.floor((seconds + origin) / timeBase);
    }

    /** The codec's name, e.g. "h264". */
    String codecName() {
        return avcodec.avcodec_get_name(stream.codecpar().codec_id()).getString();
    }

    /**
     * How far before its stated end a video may stop without being called truncated: two frames, at least half a
     * second (the last frame's duration is not always stated).
     */
    double endTolerance() {
        return Math.max(0.5, fps > 0 ? 2 / fps : 0);
    }

    /** The error for a video that stops at media time {@code reached}, well before its stated end. */
    MediaException truncated(double reached, int error) {
        return new MediaException(file, Problem.UNREADABLE, String.format(Locale.ROOT,
                "the video stops at %.3f s although the file says it lasts %.3f s: it is truncated or corrupt%s",
                Math.max(0, reached), end, error < 0 && error != avutil.AVERROR_EOF ? " (" + errorText(error) + ")"
                        : ""), null);
    }

    static MediaException unreadable(Path file, int error) {
        return MediaProbe.unreadable(file, error, null);
    }

    /** FFmpeg's words for an error code. */
    static String errorText(int error) {
        byte[] text = new byte[256];
        av_strerror(error, text, text.length);
        int n = 0;
        while (n < text.length && text[n] != 0) {
            n++;
        }
        return new String(text, 0, n, StandardCharsets.UTF_8);
    }

    private static double rate(AVRational r) {
        return r.num() > 0 && r.den() > 0 ? av_q2d(r) : 0;
    }

    @Override
    public void close() {
        avformat_close_input(format);
    }
}
