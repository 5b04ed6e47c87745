package io.avlens.media.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import io.avlens.core.profile.LogCompression;
import io.avlens.core.profile.MelScale;
import io.avlens.core.profile.MelSpec;
import io.avlens.core.profile.Profiles;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.media.AudioSignal;

/** Layout, time base, compressions and error messages of the log-mel spectrogram. */
class LogMelSpectrogramTest {

    private static AudioSignal tone(double hz, int rate, double seconds) {
        float[] s = new float[(int) Math.round(rate * seconds)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return new AudioSignal(s, rate);
    }

    @Test
    void avshapesSmallGives64BinsAt64FramesPerSecond() {
        LogMelSpectrogram mel = LogMelSpectrogram.of(Profiles.AVSHAPES_SMALL);
        FloatTensor m = mel.compute(tone(440, 16_000, 4));
        assertThat(m.shape()).containsExactly(64, 257);
        assertThat(mel.framesPerSecond()).isEqualTo(64);
        assertThat(mel.frameTime(0)).isZero();
        assertThat(mel.frameTime(64)).isEqualTo(1.0);
        assertThat(mel.frameTime(3)).isCloseTo(0.046875, within(1e-15));
        assertThat(m.stats().min()).isGreaterThanOrEqualTo(0);
        assertThat(m.stats().max()).isLessThanOrEqualTo(1);
    }

    @Test
    void bandZeroIsTheLowestFrequency() {
        MelSpec spec = new MelSpec(512, 250, 64, 0, 8000, MelScale.SLANEY, true, 1, LogCompression.DECIBEL);
        LogMelSpectrogram mel = new LogMelSpectrogram(spec, 16_000);
        FloatTensor low = mel.compute(tone(150, 16_000, 1));
        FloatTensor high = mel.compute(tone(6000, 16_000, 1));
        int t = 30;
        assertThat(argMaxBand(low, t)).isLessThan(8);
        assertThat(argMaxBand(high, t)).isGreaterThan(55);
    }

    private static int argMaxBand(FloatTensor mel, int frame) {
        int best = 0;
        for (int m = 1; m < mel.dim(0); m++) {
            if (mel.get(m, frame) > mel.get(best, frame)) {
                best = m;
            }
        }
        return best;
    }

    @Test
    void compressionsFollowTheirFormulas() {
        assertThat(MelCompression.compress(LogCompression.UNIT_DB, 10)).isCloseTo(1, within(1e-12));
        assertThat(MelCompression.compress(LogCompression.UNIT_DB, 0.1)).isCloseTo(0.6, within(1e-12));
        assertThat(MelCompression.compress(LogCompression.UNIT_DB, 1e-4)).isCloseTo(0, within(1e-12));
        assertThat(MelCompression.compress(LogCompression.UNIT_DB, 1e3)).isEqualTo(1);
        assertThat(MelCompression.compress(LogCompression.UNIT_DB, 0)).isZero();
        assertThat(MelCompression.compress(LogCompression.DECIBEL, 0)).isCloseTo(-100, within(1e-9));
        assertThat(MelCompression.compress(LogCompression.DECIBEL, 2)).isCloseTo(6.0206, within(1e-4));
        assertThat(MelCompression.compress(LogCompression.NATURAL_LOG, Math.E)).isCloseTo(1, within(1e-15));
        assertThat(MelCompression.compress(LogCompression.NATURAL_LOG, 0)).isCloseTo(Math.log(1e-5), within(1e-12));
        assertThat(MelCompression.compress(LogCompression.NONE, 0.25)).isEqualTo(0.25);
        for (LogCompression c : LogCompression.values()) {
            for (double x : new double[] {2e-4, 0.05, 1, 7}) {
                assertThat(MelCompression.expand(c, MelCompression.compress(c, x))).as("%s of %s", c, x)
                        .isCloseTo(x, within(1e-12 * x));
            }
        }
    }

    @Test
    void wrongSampleRateIsRejectedWithBothRates() {
        LogMelSpectrogram mel = LogMelSpectrogram.of(Profiles.AVSHAPES_SMALL);
        assertThatThrownBy(() -> mel.compute(tone(440, 44_100, 0.1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("44100 Hz").hasMessageContaining("16000 Hz").hasMessageContaining("resample");
    }

    @Test
    void emptySignalIsRejected() {
        LogMelSpectrogram mel = LogMelSpectrogram.of(Profiles.DIFF_FOLEY_CAVP);
        assertThatThrownBy(() -> mel.compute(new AudioSignal(new float[0], 16_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void profileWithoutMelAndFmaxAboveNyquistAreRejected() {
        assertThatThrownBy(() -> LogMelSpectrogram.of(Profiles.DENSEAV)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("denseav");
        MelSpec spec = new MelSpec(512, 250, 64, 0, 8000, MelScale.SLANEY, true, 1, LogCompression.UNIT_DB);
        assertThatThrownBy(() -> new LogMelSpectrogram(spec, 11_025)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8000").hasMessageContaining("5512.5");
    }
}
