package io.avlens.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes a video with its sound as MP4 (H.264 by openh264, AAC mono) from ARGB frames and float samples: into a
 * hidden temporary file beside the target, moved over it only when complete, so no half-written file is ever left
 * under the target's name. Frame {@code k} has timestamp {@code k / fps}; audio sample 0 is media time 0. One writer
 * per file; not thread-safe.
 */
public final class VideoWriter implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final int width;
    private final int height;
    private final FFmpegFrameRecorder recorder;
    private final Frame frame;
    private boolean finished;

    /**
     * Starts the file.
     *
     * @param sampleRate the sound's rate (Hz); 0 for a video without sound
     * @throws IOException naming the file when FFmpeg cannot write it
     */
    public VideoWriter(Path target, int width, int height, double fps, int sampleRate) throws IOException {
        if (width < 2 || height < 2 || width % 2 != 0 || height % 2 != 0 || !(fps > 0)) {
            throw new IllegalArgumentException("H.264 needs an even frame size and a positive rate, got " + width
                    + "x" + height + " at " + fps + " fps");
        }
        FfmpegLogging.quiet();
        this.target = target;
        this.width = width;
        this.height = height;
        // a fresh name beside the target, created by FFmpeg: the file gets the user's usual permissions (umask),
        // not the owner-only ones of Files.createTempFile
        this.temp = target.toAbsolutePath().resolveSibling("." + target.getFileName() + "." + UUID.randomUUID()
                + ".tmp.mp4");
        recorder = new FFmpegFrameRecorder(temp.toFile(), width, height, sampleRate > 0 ? 1 : 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName("libopenh264");
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setVideoBitrate((int) Math.max(400_000, Math.min(20_000_000, 2.0 * width * height * fps)));
        if (sampleRate > 0) {
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(sampleRate);
            recorder.setAudioChannels(1);
            recorder.setAudioBitrate(Math.min(96_000, sampleRate * 6));
        }
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            Files.deleteIfExists(temp);
            throw new IOException(target + ": cannot be written (" + e.getMessage() + ")", e);
        }
        frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
    }

    /** Appends one frame, ARGB pixels row by row ({@code width × height}; alpha ignored). */
    public void frame(int[] argb) throws IOException {
        if (argb.length != width * height) {
            throw new IllegalArgumentException("a frame of " + width + "x" + height + " needs " + width * height
                    + " pixels, got " + argb.length);
        }
        ByteBuffer px = (ByteBuffer) frame.image[0];
        int stride = frame.imageStride;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int c = argb[y * width + x];
                int at = y * stride + x * 3;
                px.put(at, (byte) c);
                px.put(at + 1, (byte) (c >> 8));
                px.put(at + 2, (byte) (c >> 16));
            }
        }
        try {
            recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
        } catch (FrameRecorder.Exception e) {
            throw new IOException(target + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }

    /** Writes the whole sound (mono, at the rate given; may be null without sound) and moves the file in place. */
    public void finish(float[] samples) throws IOException {
        try {
            if (samples != null && samples.length > 0) {
                recorder.recordSamples(recorder.getSampleRate(), 1, FloatBuffer.wrap(samples.clone()));
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException(target + ": cannot be written (" + e.getMessage() + ")", e);
        }
        // FFmpeg does not report every failed write (a full disk ends the file early without an error): the boxes
        // are checked before the file takes the target's place
        String damage = Files.size(temp) < 8 ? "it is empty" : ContainerTruncation.describe(temp);
        if (damage != null) {
            throw new IOException(target + ": cannot be written completely (" + damage + "; is the disk full?)");
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        finished = true;
    }

    /** Releases FFmpeg; an unfinished file is deleted. */
    @Override
    public void close() throws IOException {
        try {
            recorder.close();
        } catch (FrameRecorder.Exception e) {
            throw new IOException(target + ": cannot be closed (" + e.getMessage() + ")", e);
        } finally {
            if (!finished) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
