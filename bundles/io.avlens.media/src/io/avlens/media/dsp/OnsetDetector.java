package io.avlens.media.dsp;

import io.avlens.core.profile.LogCompression;
import io.avlens.core.profile.MelSpec;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.media.AudioSignal;

/**
 * Audio onsets by spectral flux on a log-mel spectrogram. Before its normalisation the strength is librosa's
 * {@code onset_strength} ({@code lag=1, max_size=1, aggregate=mean} on {@code power_to_db} of a mel power
 * spectrogram) without its shift of {@code nFft/(2·hop)} frames.
 * <p>
 * The analysis takes the frame grid and bands of a {@link MelSpec} (its nFft, hop, bands, fmin, fmax, scale and
 * normalisation) so onset frames line up with a model's mel frames, but always works on mel <em>power</em> in dB,
 * {@code D = 10 log10(max(P, 1e-10))} floored at {@value #DYNAMIC_RANGE_DB} dB below the clip's loudest value (the
 * spec's power and compression do not apply). The onset strength of frame {@code t ≥ 1} is the mean over bands of
 * the half-wave-rectified rise {@code max(0, D[m,t] − D[m,t−1])}, divided by {@value #DYNAMIC_RANGE_DB} dB; frame 0
 * is 0. The strength is thus normalised to a fixed scale, not to the clip's maximum: 1 means every band jumped from
 * the floor to the loudest level, and a steady sound stays near 0 instead of having its noise stretched into peaks.
 * Frames whose window reaches past the last sample also get 0: part of their content is the reflect padding, whose
 * kink at the mirror point looks like a broadband onset on tonal sound. So onsets in the first and the last
 * {@code nFft/2} samples are not reported.
 * <p>
 * Frame {@code t} is at media time {@code t * hop / sampleRate}. An impulse is reported at the frame of the largest
 * rise, the first or second frame whose window holds it, which lies within one hop of the impulse.
 * <p>
 * Immutable and thread-safe.
 */
public final class OnsetDetector {

    /** Dynamic range below the loudest band-frame that counts, dB. */
    public static final double DYNAMIC_RANGE_DB = 80;

    /**
     * The default picker: librosa's windows with a threshold of 0.05 (an average rise of 4 dB over all bands above
     * the local mean).
     */
    public static final PeakPicker DEFAULT_PICKER = PeakPicker.LIBROSA_DEFAULTS.withDelta(0.05);

    private static final double POWER_FLOOR = 1e-10;

    private final LogMelSpectrogram melPower;
    private final PeakPicker picker;

    /** A detector on the frame grid and bands of {@code layout}, with {@link #DEFAULT_PICKER}. */
    public OnsetDetector(MelSpec layout, int sampleRate) {
        this(layout, sampleRate, DEFAULT_PICKER);
    }

    /**
     * @param layout     frame grid and bands (power and compression are replaced as the class comment says)
     * @param sampleRate the rate the audio must have, Hz
     * @param picker     how onsets are picked from the strength curve
     */
    public OnsetDetector(MelSpec layout, int sampleRate, PeakPicker picker) {
        MelSpec power = new MelSpec(layout.nFft(), layout.hop(), layout.bins(), layout.fmin(), layout.fmax(),
                layout.scale(), layout.slaneyNorm(), 2, LogCompression.NONE);
        this.melPower = new LogMelSpectrogram(power, sampleRate);
        this.picker = picker;
    }

    /**
     * A detector on a profile's mel frame grid.
     *
     * @throws IllegalArgumentException when the profile defines no mel spectrogram
     */
    public static OnsetDetector of(PreprocessingProfile profile) {
        if (profile.mel() == null) {
            throw new IllegalArgumentException(
                    "profile " + profile.id() + " defines no mel spectrogram to detect onsets on");
        }
        return new OnsetDetector(profile.mel(), profile.sampleRate());
    }

    /** The peak picker. */
    public PeakPicker picker() {
        return picker;
    }

    /**
     * The onset strength curve, one value per mel frame, in [0, 1], at {@code sampleRate / hop} frames per second.
     *
     * @throws IllegalArgumentException when the signal is empty or at another sample rate
     */
    public TimeCurve strength(AudioSignal signal) {
        LogMelSpectrogram.checkRate(signal, melPower.sampleRate(), "the onset detector");
        FloatTensor power = melPower.compute(signal);
        int bands = power.dim(0);
        int frames = power.dim(1);
        double[] db = new double[bands * frames];
        double loudest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < db.length; i++) {
            db[i] = 10 * Math.log10(Math.max(power.getFlat(i), POWER_FLOOR));
            loudest = Math.max(loudest, db[i]);
        }
        double floor = loudest - DYNAMIC_RANGE_DB;
        for (int i = 0; i < db.length; i++) {
            db[i] = Math.max(db[i], floor);
        }
        float[] strength = new float[frames];
        int samples = signal.samples().length;
        int half = melPower.spec().nFft() / 2;
        int hop = melPower.spec().hop();
        for (int t = 1; t < frames && (long) t * hop + half <= samples; t++) {
            double rise = 0;
            for (int m = 0; m < bands; m++) {
                rise += Math.max(0, db[m * frames + t] - db[m * frames + t - 1]);
            }
            strength[t] = (float) (rise / bands / DYNAMIC_RANGE_DB);
        }
        return new TimeCurve(strength, melPower.framesPerSecond());
    }

    /**
     * Onset times, seconds, ascending.
     *
     * @throws IllegalArgumentException when the signal is empty or at another sample rate
     */
    public double[] onsets(AudioSignal signal) {
        return picker.peakTimes(strength(signal));
    }
}
