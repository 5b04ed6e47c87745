package io.avlens.models.difffoley;

import io.avlens.analysis.generation.OnsetMetrics;
import io.avlens.analysis.generation.SoundingEvents;
import io.avlens.core.io.MediaFiles;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.media.AudioSignal;
import io.avlens.media.dsp.OnsetDetector;
import io.avlens.media.dsp.TimeCurve;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ground-truth metrics of one generated sound against its clip's AV-Shapes sidecar ({@link SoundingEvents}: the
 * on-screen hits and scratches): the onsets {@link OnsetDetector} finds in the sound, each with its onset strength
 * as confidence, matched to the targets within {@value OnsetMetrics#TOLERANCE} s ({@link OnsetMetrics}):
 * {@value #ONSET_ACC} (1 when as many onsets as targets, else 0), {@value #ONSET_DET_ACC} (matched / targets) and
 * {@value #ONSET_AP} (average precision of this one sound; 0 when it matches no target). A clip without a sidecar has none. Stateless.
 */
public final class SweepCellMetrics {

    /** Count correct: 1 or 0 per sound (its mean over seeds or clips is CondFoleyGen's onset accuracy). */
    public static final String ONSET_ACC = "onsetAcc";
    /** Matched targets / targets. */
    public static final String ONSET_DET_ACC = "onsetDetAcc";
    /** Average precision of the sound's onsets. */
    public static final String ONSET_AP = "onsetAP";

    private SweepCellMetrics() {
    }

    /** The sidecar of a clip: {@code clip.json} beside {@code clip.mp4}. */
    public static Path sidecar(Path media) {
        return MediaFiles.sibling(media, ".json");
    }

    /** The clip's sounding events, or null when it has no readable sidecar. */
    public static SoundingEvents events(Path media) {
        Path file = sidecar(media);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return SoundingEvents.read(file);
        } catch (IOException notAvShapes) {
            return null;
        }
    }

    /** The metrics of {@code sound} against {@code events} (empty when {@code events} is null). */
    public static Map<String, Double> of(AudioSignal sound, SoundingEvents events, PreprocessingProfile profile) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (events == null) {
            return m;
        }
        OnsetDetector detector = OnsetDetector.of(profile);
        TimeCurve strength = detector.strength(sound);
        double[] onsets = detector.picker().peakTimes(strength);
        List<OnsetMetrics.Detection> detections = new ArrayList<>();
        for (double t : onsets) {
            int i = Math.min(strength.length() - 1, (int) Math.round(t * strength.framesPerSecond()));
            detections.add(new OnsetMetrics.Detection(t, Math.min(1, Math.max(0, strength.values()[i]))));
        }
        OnsetMetrics.ClipScore score = OnsetMetrics.score(events.targets(), detections);
        OnsetMetrics.Summary summary = OnsetMetrics.summarize(List.of(score));
        m.put(ONSET_ACC, score.countCorrect() ? 1.0 : 0.0);
        m.put(ONSET_DET_ACC, score.detectionAccuracy());
        // a sound that finds no target has no precision at any recall (pooled AP would rank the misses alone)
        m.put(ONSET_AP, score.hits() == 0 ? 0.0 : summary.ap());
        return m;
    }
}
