package io.avlens.media.dsp;

import io.avlens.core.profile.MelSpec;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.media.AudioSignal;

/**
 * The log-mel spectrogram of a {@link MelSpec} at a sample rate: {@link Stft} magnitude raised to the spec's power,
 * the {@link MelFilterBank}, then the spec's compression. With {@code avshapes-small} or {@code diff-foley-cavp}
 * ({@code UNIT_DB}) this is Diff-Foley's / SpecVQGAN's input: magnitude mel, clipped below 1e-5, {@code 20 log10},
 * −20, +100, /100, clipped to [0, 1].
 * <p>
 * The result is a tensor {@code [bins, frames]} (C order, so {@code data[m * frames + t]}): row {@code m} is mel band
 * {@code m}, band 0 the lowest frequency (image convention: flip it to draw low frequencies at the bottom); column
 * {@code t} is the frame centred on sample {@code t*hop}, i.e. media time {@link #frameTime(int)}. This is the
 * layout the seed models read (librosa's and torchaudio's {@code [n_mels, time]}).
 * <p>
 * Immutable and thread-safe; a call allocates its own buffers.
 */
public final class LogMelSpectrogram {

    private final MelSpec spec;
    private final int sampleRate;
    private final Stft stft;
    private final MelFilterBank bank;

    /**
     * @param spec       the mel settings
     * @param sampleRate the rate the audio must have, Hz
     * @throws IllegalArgumentException when {@code fmax} is above half the sample rate
     */
    public LogMelSpectrogram(MelSpec spec, int sampleRate) {
        this.spec = spec;
        this.sampleRate = sampleRate;
        this.stft = new Stft(spec.nFft(), spec.hop());
        this.bank = MelFilterBank.of(spec, sampleRate);
    }

    /**
     * The spectrogram a profile's models expect.
     *
     * @throws IllegalArgumentException when the profile takes no mel spectrogram
     */
    public static LogMelSpectrogram of(PreprocessingProfile profile) {
        if (profile.mel() == null) {
            throw new IllegalArgumentException(
                    "profile " + profile.id() + " takes raw audio, it defines no mel spectrogram");
        }
        return new LogMelSpectrogram(profile.mel(), profile.sampleRate());
    }

    /** The mel settings. */
    public MelSpec spec() {
        return spec;
    }

    /** The sample rate the audio must have, Hz. */
    public int sampleRate() {
        return sampleRate;
    }

    /** The filter bank. */
    public MelFilterBank filterBank() {
        return bank;
    }

    /** Number of frames for a signal of {@code samples} samples, {@code samples/hop + 1}. */
    public int frameCount(int samples) {
        return spec.frameCount(samples);
    }

    /** Media time in seconds on which frame {@code frame} is centred, {@code frame * hop / sampleRate}. */
    public double frameTime(int frame) {
        return frame * (double) spec.hop() / sampleRate;
    }

    /** Frames per second, {@code sampleRate / hop}. */
    public double framesPerSecond() {
        return (double) sampleRate / spec.hop();
    }

    /**
     * Computes the spectrogram.
     *
     * @return {@code [bins, frames]} as described in the class comment
     * @throws IllegalArgumentException when the signal is empty or at another sample rate
     */
    public FloatTensor compute(AudioSignal signal) {
        checkRate(signal, sampleRate, "the mel spectrogram");
        double[] x = Stft.toDouble(signal.samples());
        int frames = frameCount(x.length);
        int bands = spec.bins();
        float[] out = new float[bands * frames];
        double[] buf = new double[spec.nFft()];
        double[] mag = new double[stft.bins()];
        double[] mel = new double[bands];
        for (int t = 0; t < frames; t++) {
            stft.transformFrame(x, t, buf);
            stft.magnitudes(buf, mag, spec.power());
            bank.apply(mag, mel);
            for (int m = 0; m < bands; m++) {
                out[m * frames + t] = (float) MelCompression.compress(spec.compression(), mel[m]);
            }
        }
        return FloatTensor.wrap(new int[] {bands, frames}, out);
    }

    /** Rejects a signal at another rate than {@code expected}, naming both. */
    static void checkRate(AudioSignal signal, int expected, String what) {
        if (signal.sampleRate() != expected) {
            throw new IllegalArgumentException("the audio is at " + signal.sampleRate() + " Hz but " + what
                    + " expects " + expected + " Hz: resample it first (AudioReader.read(file, " + expected + "))");
        }
    }
}
