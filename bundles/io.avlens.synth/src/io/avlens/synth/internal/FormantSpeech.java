package io.avlens.synth.internal;

import java.util.Map;

import io.avlens.synth.SynthSpec;

/**
 * Short synthetic words by formant synthesis, one per colour name: a glottal impulse train (falling from 130 to
 * 105 Hz) through three parallel two-pole resonators whose formant frequencies glide from a start to an end vowel,
 * under a raised-cosine envelope; "silver" starts with 60 ms of hiss. Not intelligible speech, but each word has its
 * own stable spectral shape, which is what a model that binds words to objects needs. Stateless.
 */
final class FormantSpeech {

    /** Length of every word, samples (0.4 s). */
    static final int WORD_SAMPLES = SynthSpec.SAMPLE_RATE * 2 / 5;
    private static final int RATE = SynthSpec.SAMPLE_RATE;
    private static final double PEAK = 0.6;
    private static final double[] BANDWIDTHS = {80, 100, 140};
    private static final double[] GAINS = {1, 0.6, 0.3};

    /** Formants F1–F3 at the start and at the end of each word, Hz. */
    private static final Map<String, double[][]> FORMANTS = Map.of(
            "red", new double[][] {{400, 1300, 1700}, {580, 1800, 2500}},
            "blue", new double[][] {{300, 900, 2200}, {320, 1000, 2250}},
            "brown", new double[][] {{650, 1100, 2400}, {380, 850, 2300}},
            "white", new double[][] {{720, 1250, 2500}, {320, 2100, 2900}},
            "silver", new double[][] {{380, 2100, 2700}, {520, 1400, 2300}});

    private FormantSpeech() {
    }

    /** The word's samples, peak {@value #PEAK}. */
    static float[] say(String word) {
        double[][] f = FORMANTS.get(word);
        if (f == null) {
            throw new IllegalArgumentException("no formants for the word '" + word + "'");
        }
        double[] y = new double[WORD_SAMPLES];
        int hiss = "silver".equals(word) ? RATE * 6 / 100 : 0;
        double phase = 0;
        double[] s1 = new double[3];
        double[] s2 = new double[3];
        double peak = 0;
        for (int n = 0; n < WORD_SAMPLES; n++) {
            double u = n / (double) WORD_SAMPLES;
            double f0 = 130 - 25 * u;
            phase += f0 / RATE;
            double source = 0;
            if (n >= hiss && phase >= 1) {
                phase -= 1;
                source = 1;
            }
            double glide = u * u * (3 - 2 * u);
            double v = 0;
            for (int i = 0; i < 3; i++) {
                double freq = f[0][i] + (f[1][i] - f[0][i]) * glide;
                double r = Math.exp(-Math.PI * BANDWIDTHS[i] / RATE);
                double out = 2 * r * Math.cos(2 * Math.PI * freq / RATE) * s1[i] - r * r * s2[i] + (1 - r) * source;
                s2[i] = s1[i];
                s1[i] = out;
                v += GAINS[i] * out;
            }
            if (n < hiss) {
                v += 0.02 * (Seeds.noise(0x5157, n) - Seeds.noise(0x5157, n - 1));
            }
            double env = Math.min(1, Math.min(n / (0.02 * RATE), (WORD_SAMPLES - n) / (0.06 * RATE)));
            y[n] = v * (0.5 - 0.5 * Math.cos(Math.PI * env));
            peak = Math.max(peak, Math.abs(y[n]));
        }
        float[] out = new float[WORD_SAMPLES];
        for (int n = 0; n < WORD_SAMPLES; n++) {
            out[n] = (float) (y[n] * PEAK / peak);
        }
        return out;
    }
}
