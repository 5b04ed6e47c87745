package io.avlens.media;

/**
 * A video frame ready to draw: packed opaque ARGB pixels ({@code 0xAARRGGBB}), row by row. The array is handed
 * over, not copied: callers treat it as read-only.
 *
 * @param time   media time of the source frame, seconds (when it starts being displayed)
 * @param width  width in pixels
 * @param height height in pixels
 * @param argb   {@code width × height} pixels
 */
public record DisplayFrame(double time, int width, int height, int[] argb) {

    /** @throws IllegalArgumentException when the pixel count does not match the size */
    public DisplayFrame {
        if (width < 1 || height < 1 || argb == null || argb.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " frame needs " + width * height
                    + " pixels");
        }
    }
}
