package io.avlens.media.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.avlens.core.profile.Profiles;
import io.avlens.media.AudioSignal;

/** Audio onsets on synthetic signals whose onset times are known. */
class OnsetDetectorTest {

    private static final int RATE = 16_000;
    /** One hop of avshapes-small, seconds. */
    private static final double HOP_SECONDS = 250.0 / RATE;

    private static float[] noise(int samples, double amplitude, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] s = new float[samples];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (amplitude * (random.nextDouble() - 0.5));
        }
        return s;
    }

    @Test
    void clicksAreFoundWithinOneHop() {
        float[] s = noise(3 * RATE, 1e-3, 1);
        double[] clicks = {0.5, 1.2577, 1.9236, 2.5625};
        for (double c : clicks) {
            s[(int) Math.round(c * RATE)] += 0.9f;
        }
        OnsetDetector detector = OnsetDetector.of(Profiles.AVSHAPES_SMALL);
        double[] onsets = detector.onsets(new AudioSignal(s, RATE));
        assertThat(onsets).hasSameSizeAs(clicks);
        for (int i = 0; i < clicks.length; i++) {
            assertThat(onsets[i]).as("onset %d", i).isCloseTo(clicks[i], within(HOP_SECONDS));
        }
    }

    @Test
    void strengthIsNormalisedAndOnTheMelFrameGrid() {
        float[] s = noise(2 * RATE, 1e-3, 2);
        s[RATE] += 0.9f;
        TimeCurve strength = OnsetDetector.of(Profiles.AVSHAPES_SMALL).strength(new AudioSignal(s, RATE));
        assertThat(strength.framesPerSecond()).isEqualTo(64);
        assertThat(strength.length()).isEqualTo(2 * RATE / 250 + 1);
        assertThat(strength.values()[0]).isZero();
        int peak = strength.argMax();
        assertThat(strength.timeOf(peak)).isCloseTo(1.0, within(HOP_SECONDS));
        // a click out of −60 dB noise raises most bands by tens of dB, on a scale where 1 = 80 dB in every band
        assertThat(strength.values()[peak]).isBetween(0.3f, 1f);
        for (float v : strength.values()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void steadyToneHasNoOnsets() {
        float[] s = new float[4 * RATE];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / RATE) + 0.2 * Math.sin(2 * Math.PI * 1250 * i / RATE));
        }
        OnsetDetector detector = OnsetDetector.of(Profiles.AVSHAPES_SMALL);
        assertThat(detector.onsets(new AudioSignal(s, RATE))).isEmpty();
        TimeCurve strength = detector.strength(new AudioSignal(s, RATE));
        assertThat(strength.values()[strength.argMax()]).isLessThan(0.01f);
    }

    @Test
    void toneStartingAfterSilenceHasOneOnsetAtItsStart() {
        float[] s = noise(3 * RATE, 1e-4, 3);
        int start = (int) (1.3 * RATE);
        for (int i = start; i < s.length; i++) {
            s[i] += (float) (0.5 * Math.sin(2 * Math.PI * 330 * i / RATE));
        }
        double[] onsets = OnsetDetector.of(Profiles.AVSHAPES_SMALL).onsets(new AudioSignal(s, RATE));
        assertThat(onsets).hasSize(1);
        assertThat(onsets[0]).isCloseTo(1.3, within(HOP_SECONDS));
    }

    @Test
    void wrongRateAndEmptySignalAreRejected() {
        OnsetDetector detector = OnsetDetector.of(Profiles.AVSHAPES_SMALL);
        assertThatThrownBy(() -> detector.onsets(new AudioSignal(new float[8000], 8000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8000 Hz")
                .hasMessageContaining("16000 Hz");
        assertThatThrownBy(() -> detector.strength(new AudioSignal(new float[0], RATE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> OnsetDetector.of(Profiles.DENSEAV)).hasMessageContaining("denseav");
    }
}
