package io.avlens.media.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.avlens.core.profile.MelSpec;
import io.avlens.core.profile.Profiles;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.NpyArray;
import io.avlens.media.AudioSignal;
import io.avlens.media.dsp.DspReference.Case;

/**
 * STFT, filter banks and log-mel spectrograms against the NumPy references of {@code make_dsp_reference.py}
 * (a chirp with clicks and noise; both mel scales, with and without Slaney normalisation, every compression, the
 * avshapes-small, Diff-Foley and CondFoleyGen settings).
 */
class MelReferenceTest {

    static List<Case> cases() {
        return DspReference.cases();
    }

    @Test
    void casesCoverTheBuiltInAndSeedProfiles() {
        List<MelSpec> specs = cases().stream().map(Case::spec).toList();
        assertThat(specs).contains(Profiles.AVSHAPES_SMALL.mel(), Profiles.DIFF_FOLEY_CAVP.mel(),
                Profiles.CONDFOLEYGEN.mel());
    }

    @Test
    void stftMagnitudeMatchesNumpy() {
        NpyArray ref = DspReference.load("stft_512_250_mag.npy");
        FloatTensor mag = new Stft(512, 250).magnitude(DspReference.signal(16_000).samples(), 1);
        assertThat(mag.shape()).containsExactly(ref.shape());
        assertClose(mag, ref, 1e-6, 1e-9, "|STFT|");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void filterBankMatchesNumpy(Case c) {
        NpyArray ref = DspReference.load(c.name() + "_filters.npy");
        MelFilterBank bank = MelFilterBank.of(c.spec(), c.sampleRate());
        assertThat(new int[] {bank.bands(), bank.fftBins()}).containsExactly(ref.shape());
        double[][] w = bank.toMatrix();
        double scale = maxAbs(ref);
        for (int m = 0; m < bank.bands(); m++) {
            for (int k = 0; k < bank.fftBins(); k++) {
                double expected = ref.getDouble(m * bank.fftBins() + k);
                // the reference is stored as float32 (relative rounding 6e-8)
                assertThat(Math.abs(w[m][k] - expected)).as("%s band %d bin %d: %s vs %s", c, m, k, w[m][k], expected)
                        .isLessThanOrEqualTo(1e-6 * Math.abs(expected) + 1e-9 * scale);
                assertThat(bank.weight(m, k)).isEqualTo(w[m][k]);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void logMelMatchesNumpy(Case c) {
        NpyArray ref = DspReference.load(c.name() + "_mel.npy");
        AudioSignal signal = DspReference.signal(c.sampleRate());
        FloatTensor mel = new LogMelSpectrogram(c.spec(), c.sampleRate()).compute(signal);
        assertThat(mel.shape()).containsExactly(c.spec().bins(), c.spec().frameCount(signal.samples().length));
        assertThat(mel.shape()).containsExactly(ref.shape());
        switch (c.spec().compression()) {
            case UNIT_DB -> assertClose(mel, ref, 0, 1e-4, "unit dB");
            case DECIBEL -> assertClose(mel, ref, 0, 1e-3, "dB");
            case NATURAL_LOG -> assertClose(mel, ref, 0, 1e-4, "ln");
            case NONE -> assertClose(mel, ref, 1e-5, 1e-7 * maxAbs(ref), "mel energy");
        }
    }

    /** Asserts {@code |a − r| ≤ relative·|r| + absolute} element by element. */
    private static void assertClose(FloatTensor actual, NpyArray ref, double relative, double absolute, String what) {
        double worst = 0;
        int at = -1;
        for (int i = 0; i < actual.size(); i++) {
            double r = ref.getDouble(i);
            double excess = Math.abs(actual.getFlat(i) - r) - (relative * Math.abs(r) + absolute);
            if (at < 0 || excess > worst) {
                worst = excess;
                at = i;
            }
        }
        assertThat(worst).as("%s: worst element %d is %s, reference %s", what, at, actual.getFlat(at),
                ref.getDouble(at)).isLessThanOrEqualTo(0);
    }

    private static double maxAbs(NpyArray a) {
        double m = 0;
        for (int i = 0; i < a.size(); i++) {
            m = Math.max(m, Math.abs(a.getDouble(i)));
        }
        return m;
    }
}
