package io.avlens.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/** Writes small media files with FFmpeg for the tests: moving colour bars and a 440 Hz tone. */
final class TestMedia {

    private TestMedia() {
    }

    /**
     * Writes a clip.
     *
     * @param videoCodec e.g. "libopenh264" or "mpeg4"; null for no video
     * @param audioCodec an FFmpeg codec id (e.g. {@code avcodec.AV_CODEC_ID_AAC}), or -1 for no audio
     * @param format     container, e.g. "mp4" or "wav"
     */
    static Path write(Path file, String format, String videoCodec, int width, int height, double fps,
            int audioCodec, int sampleRate, double seconds) throws IOException {
        boolean video = videoCodec != null;
        boolean audio = audioCodec >= 0;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), video ? width : 0,
                video ? height : 0, audio ? 1 : 0)) {
            recorder.setFormat(format);
            if (video) {
                recorder.setVideoCodecName(videoCodec);
                recorder.setFrameRate(fps);
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                recorder.setVideoBitrate(400_000);
            }
            if (audio) {
                recorder.setAudioCodec(audioCodec);
                recorder.setSampleRate(sampleRate);
                recorder.setAudioChannels(1);
            }
            recorder.start();
            if (video) {
                int frames = (int) Math.round(seconds * fps);
                for (int i = 0; i < frames; i++) {
                    recorder.record(frame(width, height, i), avutil.AV_PIX_FMT_BGR24);
                }
            }
            if (audio) {
                int n = (int) Math.round(seconds * sampleRate);
                short[] samples = new short[n];
                for (int i = 0; i < n; i++) {
                    samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / sampleRate));
                }
                recorder.recordSamples(sampleRate, 1, ShortBuffer.wrap(samples));
            }
            recorder.stop();
        }
        return file;
    }

    /** An H.264 + AAC MP4 like the ones AV Lens generates. */
    static Path mp4(Path file, int width, int height, double fps, double seconds) throws IOException {
        return write(file, "mp4", "libopenh264", width, height, fps, avcodec.AV_CODEC_ID_AAC, 16_000, seconds);
    }

    private static Frame frame(int width, int height, int index) {
        Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        int stride = frame.imageStride;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = y * stride + x * 3;
                pixels.put(at, (byte) ((x * 4 + index * 8) & 0xff));
                pixels.put(at + 1, (byte) (y * 4 & 0xff));
                pixels.put(at + 2, (byte) (index * 16 & 0xff));
            }
        }
        return frame;
    }
}
