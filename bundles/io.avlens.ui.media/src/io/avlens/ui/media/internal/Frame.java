package io.avlens.ui.media.internal;

/**
 * A decoded frame ready to draw.
 *
 * @param argb   packed ARGB pixels, row by row
 * @param width  pixels
 * @param height pixels
 * @param time   the media time the frame was asked for, seconds
 */
public record Frame(int[] argb, int width, int height, double time) {
}
