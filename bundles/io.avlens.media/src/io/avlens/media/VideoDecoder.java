package io.avlens.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Path;
import java.util.Locale;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import io.avlens.media.MediaException.Problem;

/**
 * Decodes the first video stream of a file frame by frame, in presentation order, with seeking. Frames stay in
 * the decoder's own pixel format and size; {@link FrameFitter} converts the few that are used. Corrupt packets
 * are skipped as the ffmpeg command line skips them; a file that stops long before the end its container states
 * is reported as truncated. Not thread-safe; close it.
 */
final class VideoDecoder implements AutoCloseable {

    /** AVERROR(EAGAIN) on Linux, the only platform of the bundled FFmpeg. */
    private static final int EAGAIN = -11;
    private static final int MAX_FAILURES = 1000;

    final VideoInput input;
    private final AVCodecContext codec;
    private final AVPacket packet;
    private boolean draining;
    /** Largest end (pts + duration) of a packet read since the last seek, media seconds. */
    private double packetEnd = Double.NEGATIVE_INFINITY;
    private int readError;
    private double lastTime = Double.NaN;
    private int failures;

    private VideoDecoder(VideoInput input, AVCodecContext codec) {
        this.input = input;
        this.codec = codec;
        this.packet = av_packet_alloc();
    }

    /**
     * Opens the first video stream of {@code file}.
     *
     * @param threads decoder threads, 0 for FFmpeg's choice (one per core)
     * @throws MediaException as {@link VideoInput#open} does, and when no decoder for the codec exists
     */
    static VideoDecoder open(Path file, int threads) throws MediaException {
        VideoInput input = VideoInput.open(file);
        AVCodecContext codec = null;
        try {
            AVCodec decoder = avcodec_find_decoder(input.stream.codecpar().codec_id());
            if (decoder == null) {
                throw new MediaException(file, Problem.UNSUPPORTED_CODEC, "uses a video codec the FFmpeg in AV Lens "
                        + "cannot decode (" + input.codecName() + ", tag " + tag(input) + ")", null);
            }
            codec = avcodec_alloc_context3(decoder);
            if (avcodec_parameters_to_context(codec, input.stream.codecpar()) < 0) {
                throw new MediaException(file, Problem.UNREADABLE, "the video stream's parameters are invalid", null);
            }
            codec.pkt_timebase(input.stream.time_base());
            codec.thread_count(threads);
            int r = avcodec_open2(codec, decoder, (AVDictionary) null);
            if (r < 0) {
                throw new MediaException(file, Problem.UNSUPPORTED_CODEC, "the " + input.codecName()
                        + " decoder cannot be opened for this video (" + VideoInput.errorText(r) + ")", null);
            }
            return new VideoDecoder(input, codec);
        } catch (MediaException | RuntimeException e) {
            if (codec != null) {
                avcodec_free_context(codec);
            }
            input.close();
            throw e;
        }
    }

    private static String tag(VideoInput input) {
        int tag = input.stream.codecpar().codec_tag();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            char c = (char) (tag >> (8 * i) & 0xff);
            s.append(c >= 32 && c < 127 ? c : '?');
        }
        return s.toString();
    }

    /**
     * Decodes the next frame into {@code frame} (which is unreferenced first); {@link #lastTime()} is then its
     * media time.
     *
     * @return false at the end of the stream
     */
    boolean next(AVFrame frame) throws MediaException {
        while (true) {
            int r = avcodec_receive_frame(codec, frame);
            if (r >= 0) {
                failures = 0;
                lastTime = timeOf(frame);
                return true;
            }
            if (r == AVERROR_EOF) {
                return false;
            }
            if (r != EAGAIN) {
                // a frame that failed to decode: the next one may not, unless the decoder is stuck
                if (++failures > MAX_FAILURES) {
                    throw new MediaException(input.file, Problem.UNREADABLE, "the video cannot be decoded ("
                            + VideoInput.errorText(r) + ")", null);
                }
                continue;
            }
            if (draining) {
                return false;
            }
            feed();
        }
    }

    /** Sends the next packet of the stream to the decoder, or starts draining it at the end of the file. */
    private void feed() {
        while (true) {
            int r = av_read_frame(input.format, packet);
            if (r < 0) {
                readError = r == AVERROR_EOF ? 0 : r;
                avcodec_send_packet(codec, null);
                draining = true;
                return;
            }
            try {
                if (packet.stream_index() == input.streamIndex) {
                    long at = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                    if (at != AV_NOPTS_VALUE) {
                        packetEnd = Math.max(packetEnd, input.seconds(at + Math.max(0, packet.duration())));
                    }
                    avcodec_send_packet(codec, packet); // a corrupt packet is skipped
                    return;
                }
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    /** Media time of a decoded frame, seconds (the previous frame's time plus one frame when it has none). */
    private double timeOf(AVFrame frame) {
        long ts = frame.best_effort_timestamp() != AV_NOPTS_VALUE ? frame.best_effort_timestamp() : frame.pts();
        if (ts != AV_NOPTS_VALUE) {
            return input.seconds(ts);
        }
        return Double.isNaN(lastTime) ? 0 : lastTime + (input.fps > 0 ? 1 / input.fps : 0.04);
    }

    /** Media time of the frame {@link #next} decoded last, seconds. */
    double lastTime() {
        return lastTime;
    }

    /**
     * Moves to the last keyframe at or before media time {@code seconds} (or the start); the next frames decoded
     * are those from there on.
     */
    void seek(double seconds) throws MediaException {
        int r = av_seek_frame(input.format, input.streamIndex, input.timestamp(seconds), AVSEEK_FLAG_BACKWARD);
        if (r < 0) {
            long start = input.stream.start_time() == AV_NOPTS_VALUE ? 0 : input.stream.start_time();
            r = av_seek_frame(input.format, input.streamIndex, start, AVSEEK_FLAG_BACKWARD);
        }
        if (r < 0) {
            throw new MediaException(input.file, Problem.UNREADABLE, String.format(Locale.ROOT,
                    "cannot seek to %.3f s (%s)", seconds, VideoInput.errorText(r)), null);
        }
        avcodec_flush_buffers(codec);
        draining = false;
        readError = 0;
        packetEnd = Double.NEGATIVE_INFINITY;
        lastTime = Double.NaN;
    }

    /**
     * After {@link #next} returned false: throws when media time {@code t} lies well beyond where the stream
     * stopped although the container says the video lasts longer (a truncated or damaged file), rather than
     * silently repeating the last frame for the rest.
     */
    void checkComplete(double t) throws MediaException {
        double tolerance = input.endTolerance();
        double reached = Math.max(packetEnd, Double.isNaN(lastTime) ? Double.NEGATIVE_INFINITY : lastTime);
        if (t > reached + tolerance && input.end > reached + tolerance) {
            throw input.truncated(reached, readError);
        }
    }

    @Override
    public void close() {
        av_packet_free(packet);
        avcodec_free_context(codec);
        input.close();
    }
}
