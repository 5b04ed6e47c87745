package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/** Small real media files written with FFmpeg for the import tests: moving colour bars and a 440 Hz tone. */
final class RecordedMedia {

    private RecordedMedia() {
    }

    /** An MPEG-4 video with AAC sound in an MP4 container (whatever the file is named). */
    static Path videoWithSound(Path file, int width, int height, double fps, double seconds) throws IOException {
        return record(file, "mp4", width, height, fps, avcodec.AV_CODEC_ID_AAC, 16_000, seconds);
    }

    /** A mono 16-bit PCM WAVE file. */
    static Path tone(Path file, int sampleRate, double seconds) throws IOException {
        return record(file, "wav", 0, 0, 0, avcodec.AV_CODEC_ID_PCM_S16LE, sampleRate, seconds);
    }

    private static Path record(Path file, String format, int width, int height, double fps, int audioCodec,
            int sampleRate, double seconds) throws IOException {
        boolean video = width > 0;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 1)) {
            recorder.setFormat(format);
            if (video) {
                recorder.setVideoCodecName("mpeg4");
                recorder.setFrameRate(fps);
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                recorder.setVideoBitrate(200_000);
            }
            recorder.setAudioCodec(audioCodec);
            recorder.setSampleRate(sampleRate);
            recorder.setAudioChannels(1);
            recorder.start();
            for (int i = 0; video && i < Math.round(seconds * fps); i++) {
                recorder.record(frame(width, height, i), avutil.AV_PIX_FMT_BGR24);
            }
            short[] samples = new short[(int) Math.round(seconds * sampleRate)];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / sampleRate));
            }
            recorder.recordSamples(sampleRate, 1, ShortBuffer.wrap(samples));
            recorder.stop();
        }
        return file;
    }

    private static Frame frame(int width, int height, int index) {
        Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = y * frame.imageStride + x * 3;
                pixels.put(at, (byte) (x * 4 + index * 8));
                pixels.put(at + 1, (byte) (y * 4));
                pixels.put(at + 2, (byte) (index * 16));
            }
        }
        return frame;
    }
}
