package io.avlens.runner.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/** Small real MP4 files (MPEG-4 video of moving colour bars, AAC 16 kHz mono tone) written with FFmpeg. */
final class TestMedia {

    private TestMedia() {
    }

    /**
     * A 64×64 8 fps clip of {@code seconds} (the avshapes-small profile, so a 4 s clip has no mismatch);
     * {@code tint} changes the pictures.
     */
    static Path clip(Path file, double seconds, int tint) throws IOException {
        int width = 64;
        int height = 64;
        double fps = 8;
        int rate = 16_000;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 1)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName("mpeg4");
            recorder.setFrameRate(fps);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setVideoBitrate(400_000);
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(rate);
            recorder.setAudioChannels(1);
            recorder.start();
            for (int i = 0; i < Math.round(seconds * fps); i++) {
                recorder.record(frame(width, height, i, tint), avutil.AV_PIX_FMT_BGR24);
            }
            short[] samples = new short[(int) Math.round(seconds * rate)];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
            }
            recorder.recordSamples(rate, 1, ShortBuffer.wrap(samples));
            recorder.stop();
        }
        return file;
    }

    private static Frame frame(int width, int height, int index, int tint) {
        Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = y * frame.imageStride + x * 3;
                pixels.put(at, (byte) (x * 4 + index * 8));
                pixels.put(at + 1, (byte) (y * 4 + tint));
                pixels.put(at + 2, (byte) (index * 16 + tint * 3));
            }
        }
        return frame;
    }
}
