package io.avlens.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.io.IOException;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

/**
 * {@link SoundtrackMuxer}'s main path: the video packets copied into a new MP4 with their timestamps shifted to
 * media time, and the soundtrack encoded to AAC alongside, interleaved as the video is read (so memory stays
 * flat for long videos). Writes one file; the caller makes it atomic.
 */
final class SoundtrackRemux {

    private final VideoInput input;
    private final float[] samples;
    private final Path temp;
    /** The file the caller renames {@code temp} to, named in messages. */
    private final Path target;
    private final AVFormatContext out;
    private AVCodecContext aac;
    private AVStream videoStream;
    private AVStream audioStream;
    private final AVPacket packet = av_packet_alloc();
    private final AVPacket audioPacket = av_packet_alloc();
    private final AVFrame frame = av_frame_alloc();
    private int sent;

    private SoundtrackRemux(VideoInput input, float[] samples, Path temp, Path target, AVFormatContext out) {
        this.input = input;
        this.samples = samples;
        this.temp = temp;
        this.target = target;
        this.out = out;
    }

    /**
     * Writes the MP4 to {@code temp}, naming {@code target} in messages.
     *
     * @return false when the muxer refuses the copied packets (the caller re-encodes instead)
     * @throws MediaException when the source stops early (truncated) or cannot be read
     * @throws IOException    when {@code temp} cannot be written
     */
    static boolean write(VideoInput input, float[] samples, int rate, Path temp, Path target) throws IOException {
        AVFormatContext out = new AVFormatContext(null);
        if (avformat_alloc_output_context2(out, null, "mp4", temp.toString()) < 0) {
            throw new IOException(target + ": FFmpeg cannot set up an MP4 file");
        }
        SoundtrackRemux remux = new SoundtrackRemux(input, samples, temp, target, out);
        try {
            return remux.run(rate);
        } finally {
            remux.free();
        }
    }

    private boolean run(int rate) throws IOException {
        videoStream = avformat_new_stream(out, null);
        avcodec_parameters_copy(videoStream.codecpar(), input.stream.codecpar());
        videoStream.codecpar().codec_tag(0);
        videoStream.time_base(input.stream.time_base());
        openEncoder(rate);
        AVIOContext pb = new AVIOContext(null);
        check(avio_open(pb, temp.toString(), AVIO_FLAG_WRITE), "cannot be created");
        out.pb(pb);
        try {
            if (avformat_write_header(out, (AVDictionary) null) < 0) {
                return false;
            }
            if (!copyVideo()) {
                return false;
            }
            encodeAudio(samples.length, true);
            check(av_write_trailer(out), "cannot be finished");
        } finally {
            avio_closep(pb);
        }
        return true;
    }

    private void openEncoder(int rate) throws IOException {
        AVCodec encoder = avcodec_find_encoder(AV_CODEC_ID_AAC);
        aac = avcodec_alloc_context3(encoder);
        aac.sample_fmt(AV_SAMPLE_FMT_FLTP);
        aac.sample_rate(rate);
        av_channel_layout_default(aac.ch_layout(), 1);
        aac.bit_rate(SoundtrackMuxer.AAC_BIT_RATE);
        aac.time_base(av_make_q(1, rate));
        if ((out.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
            aac.flags(aac.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        check(avcodec_open2(aac, encoder, (AVDictionary) null), "AAC encoder cannot be opened");
        audioStream = avformat_new_stream(out, null);
        avcodec_parameters_from_context(audioStream.codecpar(), aac);
        audioStream.time_base(aac.time_base());
        frame.nb_samples(aac.frame_size());
        frame.format(AV_SAMPLE_FMT_FLTP);
        frame.sample_rate(rate);
        av_channel_layout_copy(frame.ch_layout(), aac.ch_layout());
        check(av_frame_get_buffer(frame, 0), "audio frame cannot be allocated");
    }

    /** Copies every packet of the video stream; false when the muxer refuses one. */
    private boolean copyVideo() throws IOException {
        long shift = Math.round(input.origin / input.timeBase);
        double reached = 0;
        int r;
        while ((r = av_read_frame(input.format, packet)) >= 0) {
            if (packet.stream_index() != input.streamIndex) {
                av_packet_unref(packet);
                continue;
            }
            if (packet.pts() == AV_NOPTS_VALUE) {
                packet.pts(packet.dts());
            }
            if (packet.pts() == AV_NOPTS_VALUE) {
                av_packet_unref(packet);
                return false;
            }
            double at = input.seconds(packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts());
            reached = Math.max(reached, input.seconds(packet.pts() + Math.max(0, packet.duration())));
            encodeAudio((int) Math.min(samples.length, Math.max(0, Math.ceil(at * aac.sample_rate()))), false);
            packet.pts(packet.pts() - shift);
            if (packet.dts() != AV_NOPTS_VALUE) {
                packet.dts(packet.dts() - shift);
            }
            av_packet_rescale_ts(packet, input.stream.time_base(), videoStream.time_base());
            packet.stream_index(videoStream.index());
            packet.pos(-1);
            if (av_interleaved_write_frame(out, packet) < 0) {
                av_packet_unref(packet);
                return false;
            }
        }
        if (r != AVERROR_EOF || reached < input.end - input.endTolerance()) {
            throw input.truncated(reached, r);
        }
        return true;
    }

    /** Encodes whole AAC frames up to sample {@code until}; at the end also the last partial frame and the tail. */
    private void encodeAudio(int until, boolean last) throws IOException {
        int size = aac.frame_size();
        while (sent + size <= until || last && sent < until) {
            int n = Math.min(size, until - sent);
            check(av_frame_make_writable(frame), "audio frame is not writable");
            frame.nb_samples(n);
            new FloatPointer(frame.data(0)).put(samples, sent, n);
            frame.pts(sent);
            check(avcodec_send_frame(aac, frame), "audio cannot be encoded");
            sent += n;
            drain();
        }
        if (last) {
            check(avcodec_send_frame(aac, null), "audio encoder cannot be flushed");
            drain();
        }
    }

    private void drain() throws IOException {
        while (avcodec_receive_packet(aac, audioPacket) >= 0) {
            audioPacket.stream_index(audioStream.index());
            av_packet_rescale_ts(audioPacket, aac.time_base(), audioStream.time_base());
            check(av_interleaved_write_frame(out, audioPacket), "audio cannot be written");
        }
    }

    private void check(int result, String what) throws IOException {
        if (result < 0) {
            throw new IOException(target + ": " + what + " (" + VideoInput.errorText(result) + ")");
        }
    }

    private void free() {
        av_packet_free(packet);
        av_packet_free(audioPacket);
        av_frame_free(frame);
        if (aac != null) {
            avcodec_free_context(aac);
        }
        avformat_free_context(out);
    }
}
