package io.avlens.core.profile;

/**
 * The frames a model expects: {@code fps} frames per second, frame {@code i} showing media time {@code i / fps},
 * each {@code width × height} RGB, fitted as {@code fit} says, values in [0, 1].
 */
public record VideoSpec(double fps, int width, int height, FrameFit fit) {

    /** Largest frame side a profile may ask for. */
    public static final int MAX_SIDE = 8192;

    /** @throws IllegalArgumentException when a setting is impossible */
    public VideoSpec {
        if (!(fps > 0) || fps > 1000) {
            throw new IllegalArgumentException("fps must be in (0, 1000], not " + fps);
        }
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException(
                    "frame size must be between 1 and " + MAX_SIDE + " per side, not " + width + "×" + height);
        }
        if (fit == null) {
            throw new IllegalArgumentException("frame fit is required");
        }
    }

    /** Number of frames covering {@code seconds} of media: frames at {@code 0, 1/fps, …} strictly before the end. */
    public int frameCount(double seconds) {
        return Math.max(0, (int) Math.ceil(seconds * fps - 1e-9));
    }
}
