package io.avlens.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Test clips whose frames say which frame they are. Frame {@code k} shows {@code k} in binary as {@link #BITS}
 * full-width horizontal bands (white for 1, black for 0, most significant bit on top), which survives H.264 at the
 * bit rates used here, any scaling to 8 or more pixel rows and any horizontal crop, so a test can read back
 * exactly which source frame a decoded frame came from. The second kind of clip is a 16:9 frame with coloured
 * borders, to see what each fit keeps.
 */
final class IndexedClips {

    /** Bits of the index: up to 255 frames. */
    static final int BITS = 8;
    /** Border colours of {@link #bordered}: left red, right blue, top and bottom green, centre grey. */
    static final int[] LEFT = {255, 0, 0};
    static final int[] RIGHT = {0, 0, 255};
    static final int[] TOP_BOTTOM = {0, 255, 0};
    static final int[] CENTRE = {128, 128, 128};

    private IndexedClips() {
    }

    /**
     * Writes {@code frames} index-coded frames.
     *
     * @param codec  e.g. "libopenh264" (H.264) or "ffv1" (lossless)
     * @param gop    frames from one keyframe to the next
     * @param format container, e.g. "mp4" or "matroska"
     */
    static Path indexed(Path file, String format, String codec, int width, int height, double fps, int frames,
            int gop) throws IOException {
        return indexed(file, format, codec, width, height, fps, frames, gop, false);
    }

    /** {@link #indexed}, with the MP4 index at the start of the file when {@code faststart} (as for streaming). */
    static Path indexed(Path file, String format, String codec, int width, int height, double fps, int frames,
            int gop, boolean faststart) throws IOException {
        try (FFmpegFrameRecorder recorder = recorder(file, format, codec, width, height, fps, gop)) {
            if (faststart) {
                recorder.setOption("movflags", "faststart");
            }
            recorder.start();
            for (int k = 0; k < frames; k++) {
                recorder.record(indexFrame(width, height, k), avutil.AV_PIX_FMT_RGB24);
            }
            recorder.stop();
        }
        return file;
    }

    /** An H.264 MP4 of index-coded frames. */
    static Path indexedMp4(Path file, int size, double fps, int frames, int gop) throws IOException {
        return indexed(file, "mp4", "libopenh264", size, size, fps, frames, gop);
    }

    /**
     * Writes a clip of identical frames: a grey centre with a red left border, a blue right border (each
     * {@code side} pixels wide) and green top and bottom borders ({@code band} pixels high).
     */
    static Path bordered(Path file, int width, int height, int side, int band, double fps, int frames)
            throws IOException {
        Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] c = y < band || y >= height - band ? TOP_BOTTOM
                        : x < side ? LEFT : x >= width - side ? RIGHT : CENTRE;
                int at = y * frame.imageStride + x * 3;
                pixels.put(at, (byte) c[0]).put(at + 1, (byte) c[1]).put(at + 2, (byte) c[2]);
            }
        }
        try (FFmpegFrameRecorder recorder = recorder(file, "mp4", "libopenh264", width, height, fps, 12)) {
            recorder.start();
            for (int k = 0; k < frames; k++) {
                recorder.record(frame, avutil.AV_PIX_FMT_RGB24);
            }
            recorder.stop();
        }
        return file;
    }

    private static FFmpegFrameRecorder recorder(Path file, String format, String codec, int width, int height,
            double fps, int gop) {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
        recorder.setFormat(format);
        recorder.setVideoCodecName(codec);
        recorder.setFrameRate(fps);
        recorder.setGopSize(gop);
        recorder.setPixelFormat(codec.equals("ffv1") ? avutil.AV_PIX_FMT_YUV444P : avutil.AV_PIX_FMT_YUV420P);
        recorder.setVideoBitrate(8_000_000);
        return recorder;
    }

    private static Frame indexFrame(int width, int height, int index) {
        Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        for (int y = 0; y < height; y++) {
            int bit = BITS - 1 - y * BITS / height;
            byte v = (byte) ((index >> bit & 1) == 1 ? 255 : 0);
            for (int x = 0; x < width * 3; x++) {
                pixels.put(y * frame.imageStride + x, v);
            }
        }
        return frame;
    }

    /**
     * Reads the index back from an RGB frame of {@code width × height} given as values in [0, 1] from
     * {@code offset} ({@code [H, W, 3]} order): each band's centre row, averaged over the middle half of the width.
     */
    static int index(float[] rgb, int offset, int width, int height) {
        int index = 0;
        for (int b = 0; b < BITS; b++) {
            int y = (int) ((b + 0.5) * height / BITS);
            double sum = 0;
            for (int x = width / 4; x < width * 3 / 4; x++) {
                int at = offset + (y * width + x) * 3;
                sum += rgb[at] + rgb[at + 1] + rgb[at + 2];
            }
            index = index << 1 | (sum / (3 * (width * 3 / 4 - width / 4)) > 0.5 ? 1 : 0);
        }
        return index;
    }

    /** {@link #index(float[], int, int, int)} for packed ARGB pixels. */
    static int index(int[] argb, int width, int height) {
        float[] rgb = new float[width * height * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (argb[i] >> 16 & 0xff) / 255f;
            rgb[3 * i + 1] = (argb[i] >> 8 & 0xff) / 255f;
            rgb[3 * i + 2] = (argb[i] & 0xff) / 255f;
        }
        return index(rgb, 0, width, height);
    }
}
