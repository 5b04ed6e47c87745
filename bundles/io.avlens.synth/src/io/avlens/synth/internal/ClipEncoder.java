package io.avlens.synth.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

import io.avlens.synth.SynthSpec;

/**
 * Writes a clip as MP4: H.264 (openh264, the LGPL build's encoder; one thread, so the bytes are the same on every
 * run) at a bit rate that keeps flat colours flat, and AAC mono at 16 kHz. Video frame {@code k} has timestamp
 * {@code k / fps}; audio sample 0 is media time 0. FFmpeg's MP4 muxer writes an edit list that hides the AAC
 * encoder's priming samples, and FFmpeg's demuxer honours it, so decoded audio lines up with the frames (the tests
 * check it within a millisecond). One encoder per clip; not thread-safe.
 */
final class ClipEncoder implements AutoCloseable {

    /** AAC bit rate, bits per second (the most AAC allows for 16 kHz mono is 96 kb/s). */
    static final int AUDIO_BIT_RATE = 64_000;

    private final FFmpegFrameRecorder recorder;
    private final Frame frame;
    private final Path file;

    ClipEncoder(Path file, SynthSpec spec) throws IOException {
        this.file = file;
        int size = spec.size();
        recorder = new FFmpegFrameRecorder(file.toFile(), size, size, 1);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName("libopenh264");
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(spec.fps());
        recorder.setGopSize((int) Math.ceil(spec.fps() * 2));
        recorder.setVideoBitrate((int) Math.max(200_000, Math.min(20_000_000, 1.5 * size * size * spec.fps())));
        recorder.setVideoOption("threads", "1");
        recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
        recorder.setSampleRate(SynthSpec.SAMPLE_RATE);
        recorder.setAudioChannels(1);
        recorder.setAudioBitrate(AUDIO_BIT_RATE);
        recorder.setAudioOption("threads", "1");
        recorder.setAudioOption("aac_coder", "fast");
        recorder.setMetadata("encoder", "AV Lens AV-Shapes");
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            throw new IOException(file + ": cannot be written (" + e.getMessage() + ")", e);
        }
        frame = new Frame(size, size, Frame.DEPTH_UBYTE, 3);
    }

    /** Appends one frame, BGR bytes row by row. */
    void frame(byte[] bgr) throws IOException {
        ByteBuffer buffer = (ByteBuffer) frame.image[0];
        buffer.clear();
        buffer.put(bgr);
        buffer.flip();
        try {
            recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
        } catch (FrameRecorder.Exception e) {
            throw new IOException(file + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }

    /** Writes the whole soundtrack (mono, 16 kHz) and finishes the file. */
    void finish(float[] samples) throws IOException {
        try {
            recorder.recordSamples(SynthSpec.SAMPLE_RATE, 1, FloatBuffer.wrap(Arrays.copyOf(samples, samples.length)));
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException(file + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            recorder.close();
        } catch (FrameRecorder.Exception e) {
            throw new IOException(file + ": cannot be closed (" + e.getMessage() + ")", e);
        }
    }
}
