package io.avlens.models.cavp;

/**
 * One preprocessed clip in memory: frames as bytes (RGB × 255, {@code [T, H, W, 3]}, a quarter of the float size
 * so a few hundred clips fit in a small heap) and the log-mel {@code [bins, T·k]} cut to whole video frames.
 *
 * @param id         the clip's file name without extension
 * @param steps      {@code T}, the number of video frames
 * @param frames     {@code [T, H, W, 3]} bytes, value / 255 is the RGB value in [0, 1]
 * @param mel        {@code [bins, T·k]} log-mel in [0, 1]
 * @param lagSeconds the sidecar's {@code lagSeconds}: how much later the audio is than the picture (0 = in sync)
 */
public record ClipTensors(String id, int steps, byte[] frames, float[] mel, double lagSeconds) {
}
