package io.avlens.models.tests.difffoley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.avlens.analysis.generation.OnsetMetrics;
import io.avlens.analysis.generation.OnsetMetrics.Detection;
import io.avlens.core.profile.Profiles;
import io.avlens.media.AudioSignal;
import io.avlens.models.difffoley.WaveOnsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Onsets of decaying tones at known times, with CondFoleyGen's confidences. */
class WaveOnsetsTest {

    /** 4 s at 16 kHz: quiet noise, and a decaying 800 Hz tone of {@code amplitude} at each time. */
    static AudioSignal tones(double[] times, double[] amplitudes, double shift) {
        int rate = 16000;
        float[] x = new float[4 * rate];
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.001 * r.nextGaussian());
        }
        for (int k = 0; k < times.length; k++) {
            int start = (int) Math.round((times[k] + shift) * rate);
            for (int i = 0; i < rate / 4 && start + i < x.length; i++) {
                x[start + i] += (float) (amplitudes[k] * Math.exp(-i / 800.0) * Math.sin(2 * Math.PI * 800 * i / rate));
            }
        }
        return new AudioSignal(x, rate);
    }

    @Test
    void findsEachStrikeWithItsRelativeLoudnessAsConfidence() {
        double[] times = {0.5, 1.25, 2.0, 3.0};
        double[] amplitudes = {0.8, 0.4, 0.2, 0.8};
        List<Detection> d = new WaveOnsets(Profiles.AVSHAPES_SMALL).detect(tones(times, amplitudes, 0));
        assertThat(d).hasSize(4);
        for (int k = 0; k < 4; k++) {
            assertThat(d.get(k).time()).isCloseTo(times[k], within(0.03));
            // the peak of |x| / max |x| within 0.05 s
            assertThat(d.get(k).confidence()).isCloseTo(amplitudes[k] / 0.8, within(0.05));
        }
        OnsetMetrics.Summary s = OnsetMetrics.summarize(List.of(OnsetMetrics.score(times, d)));
        assertThat(s.onsetAccuracy()).isEqualTo(1.0);
        assertThat(s.ap()).isEqualTo(1.0);
    }

    @Test
    void aSoundHalfASecondLateMissesEveryTarget() {
        double[] times = {0.5, 1.25, 2.0, 3.0};
        double[] amplitudes = {0.8, 0.4, 0.2, 0.8};
        List<Detection> late = new WaveOnsets(Profiles.AVSHAPES_SMALL).detect(tones(times, amplitudes, 0.5));
        OnsetMetrics.ClipScore c = OnsetMetrics.score(times, late);
        assertThat(c.hits()).isZero();
        assertThat(OnsetMetrics.summarize(List.of(c)).ap()).isLessThan(0.6);
    }
}
