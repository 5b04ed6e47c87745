package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.avlens.analysis.dense.AvShapesPrompts;
import io.avlens.analysis.dense.DenseFeatureFiles;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.analysis.dense.LocalizationEvaluation;
import io.avlens.analysis.dense.Prompt;
import io.avlens.core.profile.FrameFit;
import io.avlens.core.profile.VideoSpec;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import io.avlens.media.FrameReader;
import io.avlens.media.MediaException;
import io.avlens.runner.ClipOutcome;

/**
 * Feeds the clips of a heatmap run to a {@link LocalizationEvaluation}: each clip's dense features (from the run's
 * clip folder), its AV-Shapes sidecar ({@code clip.json}: prompts), its masks ({@code clip.masks.npy}) and, for the
 * motion-energy baseline, its frames decoded at the masks' size and the sidecar's rate (luma, BT.601). Stateless.
 */
final class LocalizeClips {

    private LocalizeClips() {
    }

    /**
     * Adds one clip that the heatmap task ran on.
     *
     * @throws IOException naming the file that is missing or unreadable
     */
    static void add(LocalizationEvaluation eval, ClipOutcome clip) throws IOException {
        Path media = clip.media();
        String name = ModelTasks.clipId(media);
        Path sidecarFile = media.resolveSibling(name + ".json");
        JsonObject sidecar;
        if (!Files.isRegularFile(sidecarFile)) {
            throw new IOException(sidecarFile + ": no AV-Shapes sidecar (clip.json beside clip.mp4, with the clip's"
                    + " prompts and masks); localisation is measured on AV-Shapes clips");
        }
        try {
            sidecar = JsonParser.parseString(Files.readString(sidecarFile)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(sidecarFile + ": not a clip sidecar (" + e.getMessage() + ")", e);
        }
        List<Prompt> prompts;
        try {
            prompts = AvShapesPrompts.of(sidecar);
        } catch (IllegalArgumentException e) {
            throw new IOException(sidecarFile + ": " + e.getMessage(), e);
        }
        Path maskFile = media.resolveSibling(sidecar.has("masks") ? sidecar.get("masks").getAsString()
                : name + ".masks.npy");
        NpyArray masks = Npy.read(maskFile);
        int[] shape = masks.shape();
        if (shape.length != 3) {
            throw new IOException(maskFile + ": masks must be [frames, height, width], not rank " + shape.length);
        }
        double fps = sidecar.has("fps") ? sidecar.get("fps").getAsDouble() : 0;
        if (!(fps > 0)) {
            throw new IOException(sidecarFile + ": states no frame rate (fps) for the masks");
        }
        byte[] ids = new byte[shape[0] * shape[1] * shape[2]];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (byte) masks.getLong(i);
        }
        DenseFeatures features = DenseFeatureFiles.read(clip.folder());
        LocalizationEvaluation.Masks m = new LocalizationEvaluation.Masks(ids, shape[0], shape[1], shape[2], fps);
        eval.add(features, m, prompts, luma(media, m));
    }

    /** The clip's frames as luma {@code [frames, h, w]} at the masks' size and rate (frames missing stay black). */
    private static float[] luma(Path media, LocalizationEvaluation.Masks m) throws IOException {
        FloatTensor rgb;
        try {
            rgb = new FrameReader(new VideoSpec(m.fps(), m.width(), m.height(), FrameFit.STRETCH)).read(media)
                    .tensor();
        } catch (MediaException e) {
            throw new IOException(e.getMessage(), e);
        }
        int plane = m.width() * m.height();
        float[] luma = new float[m.frames() * plane];
        int n = Math.min(m.frames(), rgb.dim(0));
        for (int i = 0; i < n * plane; i++) {
            luma[i] = (float) (0.299 * rgb.getFlat(3 * i) + 0.587 * rgb.getFlat(3 * i + 1)
                    + 0.114 * rgb.getFlat(3 * i + 2));
        }
        return luma;
    }
}
