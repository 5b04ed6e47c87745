package io.avlens.ui.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * A small clip made in the test with FFmpeg: a ball falls and bounces on the floor; each bounce is a struck
 * "metal" sound (two decaying partials) at a known time, and the ball slides with a scratching noise at the end.
 * The ground truth is written as a sidecar, as the AV-Shapes generator does.
 */
public final class TestClips {

    public static final int WIDTH = 320;
    public static final int HEIGHT = 180;
    public static final double FPS = 25;
    public static final double SECONDS = 4;
    public static final int RATE = 16_000;
    public static final double[] HITS = {0.6, 1.6, 2.4};
    public static final double SCRATCH_START = 2.9;
    public static final double SCRATCH_END = 3.6;

    private TestClips() {
    }

    /** Writes {@code bounce.mp4} and {@code bounce.json} into {@code dir}; returns the clip. */
    public static Path bounce(Path dir) throws IOException {
        return bounce(dir, "bounce", SECONDS);
    }

    /** The first {@code seconds} of the bounce clip as {@code name.mp4} (its sidecar lists every event). */
    public static Path bounce(Path dir, String name, double seconds) throws IOException {
        Path file = dir.resolve(name + ".mp4");
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, 1)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName("libopenh264");
            recorder.setFrameRate(FPS);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setVideoBitrate(800_000);
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(RATE);
            recorder.setAudioChannels(1);
            recorder.start();
            int frames = (int) Math.round(seconds * FPS);
            for (int i = 0; i < frames; i++) {
                recorder.record(frame(i / FPS), avutil.AV_PIX_FMT_BGR24);
            }
            recorder.recordSamples(RATE, 1, ShortBuffer.wrap(java.util.Arrays.copyOf(sound(),
                    (int) Math.round(seconds * RATE))));
            recorder.stop();
        }
        StringBuilder json = new StringBuilder("{\"events\": [");
        for (int i = 0; i < HITS.length; i++) {
            json.append(String.format(Locale.ROOT,
                    "{\"type\": \"hit\", \"time\": %.3f, \"objectId\": 1, \"material\": \"metal\", \"speed\": %.1f}, ",
                    HITS[i], 3.0 - i));
        }
        json.append(String.format(Locale.ROOT,
                "{\"type\": \"scratch\", \"time\": %.3f, \"duration\": %.3f, \"objectId\": 1, \"material\": \"metal\"}"
                        + "], \"narration\": \"a metal ball bounces three times and slides\"}",
                SCRATCH_START, SCRATCH_END - SCRATCH_START));
        Files.writeString(dir.resolve(name + ".json"), json, StandardCharsets.UTF_8);
        return file;
    }

    /** Height of the ball's centre above the floor at {@code t}: parabolic arcs between the hits. */
    private static double ballY(double t) {
        double[] edges = {0, HITS[0], HITS[1], HITS[2], SCRATCH_START};
        for (int k = 0; k < edges.length - 1; k++) {
            if (t < edges[k + 1]) {
                double a = edges[k];
                double b = edges[k + 1];
                double top = k == 0 ? 120 : 110 - 30 * k;
                double u = k == 0 ? 1 - (t - a) / (b - a) : 1 - Math.pow(2 * (t - a) / (b - a) - 1, 2);
                return k == 0 ? top * (1 - (1 - u) * (1 - u)) : top * u;
            }
        }
        return 0;
    }

    private static Frame frame(double t) {
        Frame frame = new Frame(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 3);
        ByteBuffer px = (ByteBuffer) frame.image[0];
        int stride = frame.imageStride;
        int floor = HEIGHT - 24;
        double bx = 40 + t / SECONDS * (WIDTH - 80);
        double by = floor - 14 - ballY(t);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int b;
                int g;
                int r;
                if (y >= floor) {
                    boolean plank = ((x / 40) + (y / 8)) % 2 == 0;
                    r = plank ? 150 : 128;
                    g = plank ? 100 : 84;
                    b = 60;
                } else {
                    r = 40 + y / 3;
                    g = 50 + y / 3;
                    b = 90 + y / 4;
                }
                double d = Math.hypot(x - bx, y - by);
                if (d < 14) {
                    int shade = (int) (230 - d * 6);
                    r = shade;
                    g = shade;
                    b = Math.min(255, shade + 20);
                }
                int at = y * stride + x * 3;
                px.put(at, (byte) b);
                px.put(at + 1, (byte) g);
                px.put(at + 2, (byte) r);
            }
        }
        return frame;
    }

    private static short[] sound() {
        int n = (int) Math.round(SECONDS * RATE);
        double[] s = new double[n];
        Random random = new Random(7);
        for (int i = 0; i < n; i++) {
            s[i] = 0.01 * Math.sin(2 * Math.PI * 100 * i / RATE) + 0.004 * random.nextGaussian(); // hum and hiss
        }
        for (int h = 0; h < HITS.length; h++) {
            int start = (int) Math.round(HITS[h] * RATE);
            double gain = 0.6 - 0.12 * h;
            for (int i = start; i < n && i < start + RATE; i++) {
                double u = (i - start) / (double) RATE;
                s[i] += gain * (Math.exp(-u * 9) * Math.sin(2 * Math.PI * 880 * u)
                        + 0.6 * Math.exp(-u * 14) * Math.sin(2 * Math.PI * 2370 * u)
                        + 0.3 * Math.exp(-u * 30) * Math.sin(2 * Math.PI * 5110 * u));
            }
        }
        int from = (int) Math.round(SCRATCH_START * RATE);
        int to = (int) Math.round(SCRATCH_END * RATE);
        double lp = 0;
        for (int i = from; i < to; i++) {
            lp = 0.7 * lp + 0.3 * random.nextGaussian();
            double env = Math.sin(Math.PI * (i - from) / (to - from));
            s[i] += 0.12 * env * (random.nextGaussian() - lp);
        }
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = (short) Math.round(Math.max(-1, Math.min(1, s[i])) * 32767);
        }
        return out;
    }
}
