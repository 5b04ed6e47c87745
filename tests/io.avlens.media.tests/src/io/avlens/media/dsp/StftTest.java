package io.avlens.media.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.avlens.core.tensor.FloatTensor;

/** The STFT on signals whose spectra are known in closed form. */
class StftTest {

    private static float[] tone(double hz, double amplitude, int rate, int samples) {
        float[] s = new float[samples];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (amplitude * Math.cos(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    @Test
    void windowIsPeriodicHann() {
        double[] w = new Stft(16, 4).window();
        assertThat(w[0]).isZero();
        assertThat(w[8]).isCloseTo(1, within(1e-15));
        assertThat(w[4]).isCloseTo(0.5, within(1e-15));
        assertThat(w[12]).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void frameCountIsLikeLibrosaCentred() {
        Stft stft = new Stft(512, 250);
        assertThat(stft.frameCount(16_000)).isEqualTo(65);
        assertThat(stft.frameCount(64_000)).isEqualTo(257);
        assertThat(stft.frameCount(249)).isEqualTo(1);
        assertThat(stft.magnitude(new float[16_000], 1).shape()).containsExactly(257, 65);
    }

    @Test
    void toneOnABinPeaksThereWithHalfTheWindowSumTimesHalfTheAmplitude() {
        int rate = 16_000;
        int bin = 32; // 1000 Hz with n_fft 512
        FloatTensor mag = new Stft(512, 128).magnitude(tone(bin * rate / 512.0, 0.5, rate, rate), 1);
        int frames = mag.dim(1);
        for (int t = 4; t < frames - 4; t++) {
            int peak = 0;
            for (int k = 1; k < mag.dim(0); k++) {
                if (mag.get(k, t) > mag.get(peak, t)) {
                    peak = k;
                }
            }
            assertThat(peak).as("frame %d", t).isEqualTo(bin);
            // Σ w = N/2, and a cosine of amplitude A puts A/2 in each of ±f
            assertThat((double) mag.get(bin, t)).isCloseTo(0.5 / 2 * 256, within(1e-3));
            // the periodic Hann window leaks into the two neighbours only, by half
            assertThat((double) mag.get(bin + 1, t)).isCloseTo(0.5 / 2 * 128, within(1e-3));
            assertThat((double) mag.get(bin + 2, t)).isCloseTo(0, within(1e-3));
        }
    }

    @Test
    void toneBetweenBinsPeaksAtTheNearestBin() {
        int rate = 22_050;
        double hz = 3_333;
        FloatTensor mag = new Stft(1024, 256).magnitude(tone(hz, 0.3, rate, rate / 2), 2);
        int expected = (int) Math.round(hz * 1024 / rate);
        int t = mag.dim(1) / 2;
        int peak = 0;
        for (int k = 1; k < mag.dim(0); k++) {
            if (mag.get(k, t) > mag.get(peak, t)) {
                peak = k;
            }
        }
        assertThat(peak).isEqualTo(expected);
    }

    /**
     * Parseval per frame, summed: Σ_t Σ_k |X_t(k)|² (both halves of the spectrum) = N Σ_t Σ_n (w[n] x[tH+n−N/2])²,
     * and with the Hann window at hop N/4 the window squares add up to 3N/(8H) = 1.5 at every sample, so the STFT
     * energy is N · 1.5 · Σ x² for a signal that is silent near its ends.
     */
    @Test
    void energyFollowsParseval() {
        int n = 512;
        int hop = 128;
        float[] x = new float[8_000];
        SplittableRandom random = new SplittableRandom(7);
        double energy = 0;
        for (int i = 1_000; i < 7_000; i++) {
            x[i] = (float) (random.nextDouble() - 0.5);
            energy += x[i] * (double) x[i];
        }
        FloatTensor power = new Stft(n, hop).magnitude(x, 2);
        double stftEnergy = 0;
        for (int k = 0; k < power.dim(0); k++) {
            double twoSided = k == 0 || k == n / 2 ? 1 : 2;
            for (int t = 0; t < power.dim(1); t++) {
                stftEnergy += twoSided * power.get(k, t);
            }
        }
        assertThat(stftEnergy / (n * 1.5 * energy)).isCloseTo(1, within(1e-6));
    }

    @Test
    void reflectPaddingMirrorsWithoutRepeatingTheEdge() {
        assertThat(Stft.reflect(-1, 5)).isEqualTo(1);
        assertThat(Stft.reflect(-4, 5)).isEqualTo(4);
        assertThat(Stft.reflect(-5, 5)).isEqualTo(3);
        assertThat(Stft.reflect(5, 5)).isEqualTo(3);
        assertThat(Stft.reflect(12, 5)).isEqualTo(4);
        assertThat(Stft.reflect(-7, 1)).isZero();
    }

    @Test
    void signalShorterThanHalfAWindowStillGivesOneFrame() {
        FloatTensor mag = new Stft(64, 16).magnitude(new float[] {1, -1, 0.5f}, 1);
        assertThat(mag.shape()).containsExactly(33, 1);
        assertThat(mag.stats().max()).isGreaterThan(0);
    }

    @Test
    void rejectsEmptySignalsAndBadSettings() {
        assertThatThrownBy(() -> new Stft(512, 250).magnitude(new float[0], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> new Stft(500, 250)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> new Stft(512, 0)).hasMessageContaining("hop");
        assertThatThrownBy(() -> new Stft(512, 250).magnitude(new float[10], 3)).hasMessageContaining("power");
    }
}
