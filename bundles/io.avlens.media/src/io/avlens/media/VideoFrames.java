package io.avlens.media;

import java.nio.FloatBuffer;

import io.avlens.core.profile.VideoSpec;
import io.avlens.core.tensor.FloatTensor;

/**
 * Frames decoded to a {@link VideoSpec}, as {@link FrameReader} returns them: a tensor {@code [T, H, W, 3]} of RGB
 * values in [0, 1], the media time each frame shows and the timestamp of the source frame it was made from.
 * Immutable and thread-safe.
 */
public final class VideoFrames {

    private final VideoSpec spec;
    private final FloatTensor tensor;
    private final double[] times;
    private final double[] sourceTimes;

    VideoFrames(VideoSpec spec, FloatTensor tensor, double[] times, double[] sourceTimes) {
        this.spec = spec;
        this.tensor = tensor;
        this.times = times;
        this.sourceTimes = sourceTimes;
    }

    /** The spec the frames were made for. */
    public VideoSpec spec() {
        return spec;
    }

    /** The frames, shape {@code [T, H, W, 3]}, RGB in [0, 1] (multiples of 1/255). */
    public FloatTensor tensor() {
        return tensor;
    }

    /** Number of frames {@code T}. */
    public int count() {
        return times.length;
    }

    /** Frame width {@code W}, pixels. */
    public int width() {
        return spec.width();
    }

    /** Frame height {@code H}, pixels. */
    public int height() {
        return spec.height();
    }

    /** The media time frame {@code i} shows, seconds: the range start plus {@code i / fps}. */
    public double time(int i) {
        return times[i];
    }

    /** The media times of all frames, seconds (a copy). */
    public double[] times() {
        return times.clone();
    }

    /**
     * The timestamp of the source frame that frame {@code i} was made from, seconds: the last one at or before
     * {@link #time(int)} (the video's first frame for times before it starts).
     */
    public double sourceTime(int i) {
        return sourceTimes[i];
    }

    /** Frame {@code i} as packed opaque ARGB pixels ({@code 0xAARRGGBB}), row by row, for views. */
    public int[] argb(int i) {
        int n = width() * height();
        FloatBuffer values = tensor.asReadOnlyBuffer().position(i * n * 3);
        int[] pixels = new int[n];
        for (int p = 0; p < n; p++) {
            int r = Math.round(values.get() * 255);
            int g = Math.round(values.get() * 255);
            int b = Math.round(values.get() * 255);
            pixels[p] = 0xff000000 | r << 16 | g << 8 | b;
        }
        return pixels;
    }
}
