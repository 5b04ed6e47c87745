package io.avlens.models.tests.difffoley;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.avlens.analysis.generation.SoundingEvents;
import io.avlens.core.profile.Profiles;
import io.avlens.media.AudioSignal;
import io.avlens.models.difffoley.SweepCellMetrics;

/** A sweep cell's onset metrics: clicks at the targets score 1, silence 0, a clip without a sidecar nothing. */
class SweepCellMetricsTest {

    private static final int RATE = Profiles.AVSHAPES_SMALL.sampleRate();

    private static AudioSignal clicks(double... times) {
        float[] s = new float[4 * RATE];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (random.nextGaussian() * 1e-4);
        }
        for (double t : times) {
            int at = (int) Math.round(t * RATE);
            for (int i = 0; i < 1600 && at + i < s.length; i++) {
                s[at + i] += (float) (0.8 * Math.exp(-i / 200.0) * Math.sin(i * 0.7));
            }
        }
        return new AudioSignal(s, RATE);
    }

    @Test
    void clicksAtTheTargetsScoreOneAndSilenceZero() {
        SoundingEvents events = new SoundingEvents(new double[] {0.6, 1.6, 2.4}, Set.of("wood"), 0);
        Map<String, Double> right = SweepCellMetrics.of(clicks(0.6, 1.6, 2.4), events, Profiles.AVSHAPES_SMALL);
        assertThat(right).containsEntry(SweepCellMetrics.ONSET_ACC, 1.0)
                .containsEntry(SweepCellMetrics.ONSET_DET_ACC, 1.0).containsEntry(SweepCellMetrics.ONSET_AP, 1.0);
        Map<String, Double> late = SweepCellMetrics.of(clicks(1.0, 2.0, 2.9), events, Profiles.AVSHAPES_SMALL);
        assertThat(late.get(SweepCellMetrics.ONSET_DET_ACC)).as("0.4 s late is outside 0.1 s").isZero();
        assertThat(late.get(SweepCellMetrics.ONSET_AP)).isZero();
        Map<String, Double> silent = SweepCellMetrics.of(clicks(), events, Profiles.AVSHAPES_SMALL);
        assertThat(silent).containsEntry(SweepCellMetrics.ONSET_AP, 0.0)
                .containsEntry(SweepCellMetrics.ONSET_DET_ACC, 0.0);
        assertThat(SweepCellMetrics.of(clicks(0.6), null, Profiles.AVSHAPES_SMALL)).isEmpty();
    }

    @Test
    void theSidecarIsTheJsonBesideTheClip() {
        assertThat(SweepCellMetrics.sidecar(Path.of("/d/media/clip-00003.mp4")))
                .isEqualTo(Path.of("/d/media/clip-00003.json"));
        assertThat(SweepCellMetrics.events(Path.of("/nowhere/clip.mp4"))).isNull();
    }
}
