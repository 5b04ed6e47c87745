package io.avlens.models.difffoley;

import io.avlens.analysis.generation.SoundingEvents;
import io.avlens.models.cavp.AvShapesData;
import io.avlens.models.cavp.CavpConfig;
import io.avlens.models.cavp.CavpFeatures;
import io.avlens.models.cavp.CavpModel;
import io.avlens.models.cavp.ClipTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The real clips of an AV-Shapes folder as {@link JudgeClip}s: frames and log-mel through CAVP-small's cache
 * ({@link AvShapesData}, decoded once), video features from the frozen shipped CAVP-small, ground truth from the
 * sidecar ({@link SoundingEvents}). Only in-sync clips ({@code lagSeconds} 0): a lagged clip's own sound is not
 * aligned with its picture. Stateless.
 */
public final class JudgeData {

    private JudgeData() {
    }

    /**
     * The in-sync clips of {@code dataDir} (all, or those whose media file is in {@code only} when it is not null).
     *
     * @throws IOException naming the folder or clip that cannot be read
     */
    public static List<JudgeClip> load(Path dataDir, List<Path> only, BooleanSupplier cancelled) throws IOException {
        AvShapesData data = new AvShapesData(CavpConfig.small());
        Path media = dataDir.resolve("media");
        if (!Files.isDirectory(media)) {
            throw new IOException(dataDir + ": no media/ folder; expected an AV-Shapes dataset (media/clip-*.mp4)");
        }
        List<Path> files;
        if (only != null) {
            files = only;
        } else {
            try (Stream<Path> s = Files.list(media)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".mp4")).sorted().toList();
            }
        }
        Path cache = dataDir.resolve("cache").resolve(CavpConfig.small().profile().id());
        Files.createDirectories(cache);
        List<JudgeClip> clips = new ArrayList<>();
        try (CavpModel cavp = CavpModel.bundled()) {
            for (Path mp4 : files) {
                if (cancelled.getAsBoolean()) {
                    break;
                }
                SoundingEvents events = SoundingEvents.read(AvShapesData.sidecar(mp4));
                if (events.lagSeconds() != 0) {
                    continue;
                }
                ClipTensors c = data.clip(mp4, cache);
                clips.add(clip(cavp, c, events));
            }
        }
        return clips;
    }

    /** A decoded clip as the judges see it (mel cut or padded to 4 s, video features from {@code cavp}). */
    static JudgeClip clip(CavpModel cavp, ClipTensors c, SoundingEvents events) {
        CavpFeatures f = cavp.features(c);
        return new JudgeClip(c.id(), fit(c.mel(), c.mel().length / JudgeBlock.BINS), fitVideo(f), events);
    }

    /** The video features cut or zero-padded to 32 steps. */
    static float[] fitVideo(CavpFeatures f) {
        float[] out = new float[JudgeBlock.STEPS * JudgeClip.VIDEO_CHANNELS];
        System.arraycopy(f.video(), 0, out, 0, Math.min(out.length, f.video().length));
        return out;
    }

    /** A {@code [64, cols]} mel cut or padded with silence (0) to {@code [64, 256]}. */
    public static float[] fit(float[] mel, int cols) {
        int n = JudgeBlock.FRAMES;
        float[] out = new float[JudgeBlock.BINS * n];
        int keep = Math.min(cols, n);
        for (int b = 0; b < JudgeBlock.BINS; b++) {
            System.arraycopy(mel, b * cols, out, b * n, keep);
        }
        return out;
    }
}
