package io.avlens.media.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import io.avlens.media.FfmpegLogging;

/**
 * The clip the benchmarks decode when the user names none: H.264 + AAC in MP4, moving textured content (so the
 * encoder produces realistic P-frames, not a static picture), a tone with bursts. Deterministic.
 */
public final class BenchClip {

    private BenchClip() {
    }

    /**
     * Writes the clip (first to a temporary file in the same folder, then moved into place).
     *
     * @throws IOException when FFmpeg cannot write it
     */
    public static Path write(Path file, int width, int height, double fps, double seconds) throws IOException {
        FfmpegLogging.quiet();
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".bench-", ".mp4");
        int rate = 16_000;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(temp.toFile(), width, height, 1)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName("libopenh264");
            recorder.setFrameRate(fps);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setVideoBitrate(width * height * 4);
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(rate);
            recorder.setAudioChannels(1);
            recorder.start();
            Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            ByteBuffer px = (ByteBuffer) frame.image[0];
            int stride = frame.imageStride;
            int frames = (int) Math.round(seconds * fps);
            for (int i = 0; i < frames; i++) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int at = y * stride + x * 3;
                        int cx = x - (int) (width / 2 + width / 3 * Math.sin(i * 0.07));
                        int cy = y - height / 2;
                        px.put(at, (byte) (x + 2 * i));
                        px.put(at + 1, (byte) ((x ^ y) + i));
                        px.put(at + 2, (byte) (cx * cx + cy * cy < 2500 ? 230 : y - i));
                    }
                }
                recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
            }
            short[] samples = new short[(int) Math.round(seconds * rate)];
            for (int i = 0; i < samples.length; i++) {
                double t = i / (double) rate;
                double burst = Math.exp(-(t % 0.5) * 12);
                samples[i] = (short) (12000 * burst * Math.sin(2 * Math.PI * (300 + 40 * Math.floor(t * 2)) * t));
            }
            recorder.recordSamples(rate, 1, ShortBuffer.wrap(samples));
            recorder.stop();
        } catch (FFmpegFrameRecorder.Exception e) {
            Files.deleteIfExists(temp);
            throw new IOException(file + ": cannot write the benchmark clip: " + e.getMessage(), e);
        }
        return Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
