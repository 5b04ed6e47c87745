package io.avlens.models.mc3;

import io.avlens.analysis.embedding.AvShapesLabels;
import io.avlens.models.denseav.DenseAvConfig;
import io.avlens.models.denseav.DenseClip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A clip as MC3-small reads it: picture and sound on one step grid ({@link DenseClip}: {@code T} frames as bytes and
 * the {@code 8·T} log-mel frames of their display intervals, decoded at the model's profile) and its narration.
 *
 * @param id        the clip's file name without extension
 * @param av        frames and log-mel
 * @param narration the narration of its sidecar ({@code ""} when it has none)
 */
public record Mc3Clip(String id, DenseClip av, String narration) {

    /** Steps (video frames). */
    public int steps() {
        return av.steps();
    }

    /**
     * Decodes {@code media} at {@code config}'s profile and reads the narration of the AV-Shapes sidecar beside it
     * ({@code ""} without one).
     *
     * @throws IOException naming the file when it cannot be decoded or its sidecar not read
     */
    public static Mc3Clip decode(Path media, Mc3Config config) throws IOException {
        DenseClip av = DenseClip.decode(media, decoding(config));
        return new Mc3Clip(av.id(), av, narration(media));
    }

    /** The narration of the sidecar beside {@code media}, or {@code ""}. */
    public static String narration(Path media) throws IOException {
        Path sidecar = AvShapesLabels.sidecar(media);
        return Files.isRegularFile(sidecar) ? AvShapesLabels.narration(sidecar) : "";
    }

    /** The decoding settings for {@link DenseClip} at {@code config}'s profile (the head sizes are not used). */
    static DenseAvConfig decoding(Mc3Config config) {
        return new DenseAvConfig(config.profile(), 1, 1, 1, 1.0);
    }

    /**
     * Frames {@code [from, from + steps)} as floats in [0, 1], {@code [steps, H, W, 3]}, into {@code out} at
     * {@code offset}; frames past the clip's end stay 0 (black).
     */
    void frames(int from, int steps, float[] out, int offset) {
        byte[] bytes = av.frames();
        int n = bytes.length / av.steps();
        int last = Math.min(av.steps(), from + steps);
        for (int i = from; i < last; i++) {
            int o = offset + (i - from) * n;
            for (int p = 0; p < n; p++) {
                out[o + p] = (bytes[i * n + p] & 0xff) / 255f;
            }
        }
    }

    /**
     * Log-mel of steps {@code [from, from + steps)}, {@code [bins, 8·steps]}, into {@code out} at {@code offset};
     * columns past the clip's end stay 0 (silence).
     */
    void mel(int from, int steps, int bins, float[] out, int offset) {
        int s = Mc3Config.AUDIO_STRIDE;
        int cols = av.steps() * s;
        int width = steps * s;
        int take = Math.max(0, Math.min(av.steps(), from + steps) - from) * s;
        for (int b = 0; b < bins; b++) {
            System.arraycopy(av.mel(), b * cols + from * s, out, offset + b * width, take);
        }
    }
}
