package io.avlens.media;

import java.nio.file.Path;

import io.avlens.core.profile.VideoSpec;

/**
 * Random access to the frames of a video for interactive views: the file is opened once, and
 * {@link #frameAt(double, int, int)} returns the frame displayed at any media time, scaled to fit a box while
 * keeping its display aspect ratio. Moving forward decodes only the frames in between (stepping frame by frame or
 * playing costs one decode per frame, a repeated request costs nothing); moving backward, or jumping forward past a
 * keyframe, seeks to the keyframe before the time and decodes from there.
 * <p>
 * Confined to one thread at a time (a view's background job); not thread-safe. Close it to release the decoder.
 */
public final class FrameSource implements AutoCloseable {

    private final FrameCursor cursor;
    private FrameFitter fitter;
    private DisplayFrame last;
    private boolean closed;

    private FrameSource(FrameCursor cursor) {
        this.cursor = cursor;
    }

    /**
     * Opens the first video stream of {@code file} with one decoder thread (the lowest latency per frame).
     *
     * @throws MediaException when the file is missing, empty, not media, has no video, or a codec or size AV Lens
     *                        cannot use
     */
    public static FrameSource open(Path file) throws MediaException {
        return new FrameSource(new FrameCursor(VideoDecoder.open(file, 1), true));
    }

    /** When the video ends, media time in seconds. */
    public double duration() {
        return cursor.decoder.input.end;
    }

    /** Average frame rate the container states, or 0 when it states none. */
    public double fps() {
        return cursor.decoder.input.fps;
    }

    /** Width of the stored frames, pixels. */
    public int width() {
        return cursor.decoder.input.width;
    }

    /** Height of the stored frames, pixels. */
    public int height() {
        return cursor.decoder.input.height;
    }

    /**
     * The frame displayed at media time {@code seconds} (the last frame starting at or before it; times before the
     * start show the first frame, times at or after the end the last), scaled to the largest size within
     * {@code maxWidth × maxHeight} with the video's display aspect ratio.
     *
     * @throws MediaException when the file turns out corrupt or truncated before that time
     */
    public DisplayFrame frameAt(double seconds, int maxWidth, int maxHeight) throws MediaException {
        if (closed) {
            throw new IllegalStateException("the frame source of " + cursor.decoder.input.file + " is closed");
        }
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("the time is not a number");
        }
        if (maxWidth < 1 || maxHeight < 1 || maxWidth > VideoSpec.MAX_SIDE || maxHeight > VideoSpec.MAX_SIDE) {
            throw new IllegalArgumentException("a frame must be 1 to " + VideoSpec.MAX_SIDE + " pixels a side, not "
                    + maxWidth + "x" + maxHeight);
        }
        double t = Math.max(0, Math.min(seconds, duration() - FrameCursor.EPSILON));
        cursor.moveTo(t);
        VideoInput input = cursor.decoder.input;
        double aspect = cursor.current().width() * input.pixelAspect / cursor.current().height();
        int w = maxWidth;
        int h = maxHeight;
        if (aspect > maxWidth / (double) maxHeight) {
            h = (int) Math.max(1, Math.min(maxHeight, Math.round(maxWidth / aspect)));
        } else {
            w = (int) Math.max(1, Math.min(maxWidth, Math.round(maxHeight * aspect)));
        }
        if (last != null && last.time() == cursor.currentTime() && last.width() == w && last.height() == h) {
            return last;
        }
        if (fitter == null || fitter.width != w || fitter.height != h) {
            if (fitter != null) {
                fitter.close();
            }
            fitter = FrameFitter.argb(w, h);
        }
        fitter.draw(cursor.current(), input.pixelAspect, input.file);
        last = new DisplayFrame(cursor.currentTime(), w, h, fitter.argb());
        return last;
    }

    /** Seeks made so far (for tests of the caching). */
    int seeks() {
        return cursor.seeks();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (fitter != null) {
                fitter.close();
            }
            cursor.close();
        }
    }
}
