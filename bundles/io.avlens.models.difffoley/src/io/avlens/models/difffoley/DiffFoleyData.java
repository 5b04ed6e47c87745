package io.avlens.models.difffoley;

import io.avlens.core.profile.VideoSpec;
import io.avlens.models.cavp.AvShapesData;
import io.avlens.models.cavp.CavpConfig;
import io.avlens.models.cavp.CavpFeatures;
import io.avlens.models.cavp.CavpModel;
import io.avlens.models.cavp.ClipTensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The training clips of an AV-Shapes folder for Diff-Foley-small: every in-sync clip ({@code lagSeconds} 0) of
 * exactly one profile window (4 s: 32 frames, 256 mel frames; {@link AvShapesData} decodes once and caches), with
 * its video features from the frozen CAVP-small computed once per run (about 20 ms a clip). Stateless.
 */
final class DiffFoleyData {

    private DiffFoleyData() {
    }

    /**
     * @throws IOException when the folder cannot be read or has no clip of a whole window
     */
    static List<TrainingClip> load(Path dir, DiffFoleyConfig config, BooleanSupplier cancelled) throws IOException {
        List<ClipTensors> raw = new AvShapesData(CavpConfig.small()).load(dir, cancelled);
        List<TrainingClip> clips = new ArrayList<>();
        try (CavpModel cavp = CavpModel.bundled()) {
            for (ClipTensors c : raw) {
                if (cancelled.getAsBoolean()) {
                    break;
                }
                if (c.lagSeconds() != 0 || c.steps() < config.steps()) {
                    continue;
                }
                ClipTensors cut = cut(c, config);
                CavpFeatures f = cavp.features(cut);
                VideoSpec v = config.profile().video();
                clips.add(new TrainingClip(c.id(), scaled(cut.mel()), f.video(),
                        Appearance.of(cut.frames(), config.steps(), v.height(), v.width(), config.appearanceSize()),
                        AlignmentPairs.sounding(AvShapesData.sidecar(dir.resolve("media").resolve(c.id() + ".mp4")),
                                config.melFrames() / config.profile().melFramesPerSecond())));
            }
        }
        if (clips.isEmpty()) {
            throw new IOException(dir + ": no in-sync clip of " + config.steps() + " frames (4 s at 8 fps) to train on");
        }
        return clips;
    }

    /** The clip cut to one window. */
    static ClipTensors cut(ClipTensors c, DiffFoleyConfig config) {
        int steps = config.steps();
        if (c.steps() == steps) {
            return c;
        }
        int bins = config.melBins();
        int cols = c.mel().length / bins;
        int keep = config.melFrames();
        float[] mel = new float[bins * keep];
        for (int b = 0; b < bins; b++) {
            System.arraycopy(c.mel(), b * cols, mel, b * keep, keep);
        }
        byte[] frames = java.util.Arrays.copyOf(c.frames(), c.frames().length / c.steps() * steps);
        return new ClipTensors(c.id(), steps, frames, mel, c.lagSeconds());
    }

    /** {@code 2v − 1}: the denoiser's range. */
    static float[] scaled(float[] logMel) {
        float[] out = new float[logMel.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = 2 * logMel[i] - 1;
        }
        return out;
    }
}
