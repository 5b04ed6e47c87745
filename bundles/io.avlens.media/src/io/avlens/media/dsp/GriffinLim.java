package io.avlens.media.dsp;

import java.util.Arrays;
import java.util.SplittableRandom;

import io.avlens.core.profile.MelSpec;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.media.AudioSignal;

/**
 * A vocoder for (generated) mel spectrograms: mel → linear magnitude → waveform by fast Griffin-Lim, as Diff-Foley's
 * notebook does with librosa, but deterministic and without Python.
 * <ol>
 * <li><b>Undo the compression</b> of the {@link MelSpec} ({@code UNIT_DB}, {@code DECIBEL}, {@code NATURAL_LOG},
 * {@code NONE}); clipping is not undone (a unit-dB 0 becomes the −80 dB clip level).</li>
 * <li><b>Mel → linear</b>, frame by frame, by non-negative least squares {@code min ‖M x − y‖², x ≥ 0} where
 * {@code M} is the filter bank and {@code y} the mel energies of {@code |X|^power}. The start is the transposed filter
 * bank normalised by row and column sums ({@code x0 = C⁻¹ Mᵀ R⁻¹ y}, which is exact for a flat spectrum), followed
 * by {@value #NNLS_UPDATES} multiplicative (Lee–Seung) updates {@code x ← x ⊙ Mᵀy / MᵀMx}, which keep {@code x ≥ 0}
 * and decrease the residual monotonically. librosa's {@code mel_to_stft} solves the same problem with L-BFGS-B; the
 * multiplicative form needs no line search, and bins no band covers stay 0. The magnitude is {@code x^(1/power)}.</li>
 * <li><b>Fast Griffin-Lim</b> (Perraudin, Balazs and Søndergaard 2013; librosa's {@code griffinlim}): each
 * iteration rebuilds {@code R = STFT(ISTFT(|X| · phase))} and takes the new phase from {@code R − β R_previous},
 * {@code β = momentum / (1 + momentum)}, normalised to unit length (plain Griffin-Lim is momentum 0). The
 * initial phases are uniform random from a {@link SplittableRandom} with a fixed seed, so the result is reproducible;
 * random rather than zero phase because zero phase makes every frame a symmetric pulse and the first iterates a buzz
 * at the frame rate. The iterations work on the padded signal ({@code (frames−1)·hop + nFft} samples), where STFT
 * and inverse STFT form an exact projection; the inverse STFT is overlap-add of windowed frames divided by the
 * window sum-square.</li>
 * <li>The output drops {@code nFft/2} samples at the start, as {@code istft(center=True)}, and has
 * {@code (frames−1)·hop} samples unless a length is given (a signal of {@code n} samples has {@code n/hop + 1} frames,
 * so this is {@code n} rounded down to a multiple of the hop).</li>
 * </ol>
 * Immutable and thread-safe; a call allocates its own buffers. 32 iterations of 4 s at 16 kHz (nFft 512, hop 250)
 * take tens of milliseconds on one core.
 */
public final class GriffinLim {

    /** librosa's default momentum. */
    public static final double DEFAULT_MOMENTUM = 0.99;
    /** Seed of the initial phases unless another is given. */
    public static final long DEFAULT_SEED = 0x5EED_0F_A5L;
    /** Multiplicative NNLS updates per frame in the mel → linear step. */
    public static final int NNLS_UPDATES = 30;

    private static final double TINY = 1e-30;

    private final MelSpec spec;
    private final int sampleRate;
    private final double momentum;
    private final long seed;
    private final Stft stft;
    private final MelFilterBank bank;

    /** A vocoder with librosa's momentum and {@link #DEFAULT_SEED}. */
    public GriffinLim(MelSpec spec, int sampleRate) {
        this(spec, sampleRate, DEFAULT_MOMENTUM, DEFAULT_SEED);
    }

    /**
     * @param spec       how the mel spectrograms were made
     * @param sampleRate output rate, Hz
     * @param momentum   fast Griffin-Lim momentum, 0 (plain Griffin-Lim) … below 1 (librosa: 0.99)
     * @param seed       seed of the initial phases
     */
    public GriffinLim(MelSpec spec, int sampleRate, double momentum, long seed) {
        if (!(momentum >= 0) || momentum >= 1) {
            throw new IllegalArgumentException("momentum must be in [0, 1), not " + momentum);
        }
        this.spec = spec;
        this.sampleRate = sampleRate;
        this.momentum = momentum;
        this.seed = seed;
        this.stft = new Stft(spec.nFft(), spec.hop());
        this.bank = MelFilterBank.of(spec, sampleRate);
    }

    /**
     * The linear magnitude (power 1) a mel spectrogram stands for, by the NNLS step of the class comment.
     *
     * @param mel a spectrogram {@code [bins, frames]} made with this vocoder's spec (see {@link LogMelSpectrogram})
     * @return {@code [nFft/2 + 1, frames]}
     */
    public FloatTensor linearMagnitude(FloatTensor mel) {
        int frames = checkShape(mel);
        int bins = stft.bins();
        double[] mag = magnitudes(mel, frames);
        float[] out = new float[bins * frames];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < bins; k++) {
                out[k * frames + t] = (float) mag[t * bins + k];
            }
        }
        return FloatTensor.wrap(new int[] {bins, frames}, out);
    }

    /** Inverts a mel spectrogram to {@code (frames − 1) · hop} samples. */
    public AudioSignal invert(FloatTensor mel, int iterations) {
        return invert(mel, iterations, (checkShape(mel) - 1) * spec.hop());
    }

    /**
     * Inverts a mel spectrogram.
     *
     * @param mel        {@code [bins, frames]} made with this vocoder's spec
     * @param iterations fast Griffin-Lim iterations (0: random phase only)
     * @param length     output samples; zeros pad beyond what the frames cover
     * @throws IllegalArgumentException when the shape does not fit the spec or a count is negative
     */
    public AudioSignal invert(FloatTensor mel, int iterations, int length) {
        int frames = checkShape(mel);
        if (iterations < 0 || length < 0) {
            throw new IllegalArgumentException(
                    "iterations and length must be ≥ 0, not " + iterations + " and " + length);
        }
        int bins = stft.bins();
        int cells = frames * bins;
        double[] mag = magnitudes(mel, frames);
        double[] re = new double[cells];
        double[] im = new double[cells];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < cells; i++) {
            double phase = 2 * Math.PI * random.nextDouble();
            re[i] = Math.cos(phase);
            im[i] = Math.sin(phase);
        }
        int nFft = spec.nFft();
        double[] padded = new double[nFft + spec.hop() * (frames - 1)];
        double[] inverseWss = inverseWindowSumSquare(padded.length, frames);
        double[] buf = new double[nFft];
        double[] rebuiltRe = new double[cells];
        double[] rebuiltIm = new double[cells];
        double[] previousRe = new double[cells];
        double[] previousIm = new double[cells];
        // the first iterate subtracts the all-zero "previous" spectrum, as in librosa
        double beta = momentum / (1 + momentum);
        for (int iteration = 0; iteration < iterations; iteration++) {
            double[] swapRe = previousRe;
            double[] swapIm = previousIm;
            previousRe = rebuiltRe;
            previousIm = rebuiltIm;
            rebuiltRe = swapRe;
            rebuiltIm = swapIm;
            inverse(mag, re, im, frames, inverseWss, padded, buf);
            forward(padded, frames, rebuiltRe, rebuiltIm, buf);
            for (int i = 0; i < cells; i++) {
                double r = rebuiltRe[i] - beta * previousRe[i];
                double j = rebuiltIm[i] - beta * previousIm[i];
                double norm = 1 / (Math.sqrt(r * r + j * j) + TINY);
                re[i] = r * norm;
                im[i] = j * norm;
            }
        }
        inverse(mag, re, im, frames, inverseWss, padded, buf);
        float[] out = new float[length];
        int offset = nFft / 2;
        int available = Math.min(length, padded.length - offset);
        for (int i = 0; i < available; i++) {
            out[i] = (float) padded[offset + i];
        }
        return new AudioSignal(out, sampleRate);
    }

    private int checkShape(FloatTensor mel) {
        if (mel.rank() != 2 || mel.dim(0) != spec.bins() || mel.dim(1) < 1) {
            throw new IllegalArgumentException("Griffin-Lim needs a mel spectrogram [" + spec.bins()
                    + " bins, frames ≥ 1], not " + Arrays.toString(mel.shape()));
        }
        return mel.dim(1);
    }

    /** Linear magnitudes, frame-major: {@code [t * bins + k]}. */
    private double[] magnitudes(FloatTensor mel, int frames) {
        int bands = spec.bins();
        int bins = stft.bins();
        double[] rowSum = new double[bands];
        double[] colSum = new double[bins];
        double[] ones = new double[bins];
        Arrays.fill(ones, 1);
        bank.apply(ones, rowSum);
        double[] onesMel = new double[bands];
        Arrays.fill(onesMel, 1);
        bank.applyTransposed(onesMel, colSum);
        double[] mag = new double[frames * bins];
        double[] y = new double[bands];
        double[] scaled = new double[bands];
        double[] x = new double[bins];
        double[] target = new double[bins];
        double[] mx = new double[bands];
        double[] mtmx = new double[bins];
        for (int t = 0; t < frames; t++) {
            for (int m = 0; m < bands; m++) {
                y[m] = MelCompression.expand(spec.compression(), mel.getFlat(m * frames + t));
                scaled[m] = rowSum[m] > 0 ? y[m] / rowSum[m] : 0;
            }
            bank.applyTransposed(y, target);
            bank.applyTransposed(scaled, x);
            for (int k = 0; k < bins; k++) {
                x[k] = colSum[k] > 0 ? x[k] / colSum[k] : 0;
            }
            for (int u = 0; u < NNLS_UPDATES; u++) {
                bank.apply(x, mx);
                bank.applyTransposed(mx, mtmx);
                for (int k = 0; k < bins; k++) {
                    if (x[k] > 0) {
                        x[k] *= target[k] / (mtmx[k] + TINY);
                    }
                }
            }
            for (int k = 0; k < bins; k++) {
                mag[t * bins + k] = spec.power() == 2 ? Math.sqrt(x[k]) : x[k];
            }
        }
        return mag;
    }

    private double[] inverseWindowSumSquare(int length, int frames) {
        double[] w = stft.window();
        double[] wss = new double[length];
        for (int t = 0; t < frames; t++) {
            int start = t * spec.hop();
            for (int n = 0; n < w.length; n++) {
                wss[start + n] += w[n] * w[n];
            }
        }
        for (int n = 0; n < length; n++) {
            wss[n] = wss[n] > 1e-10 ? 1 / wss[n] : 0;
        }
        return wss;
    }

    /** Overlap-add of the windowed inverse FFTs of {@code mag · (re + i im)}, divided by the window sum-square. */
    private void inverse(double[] mag, double[] re, double[] im, int frames, double[] inverseWss, double[] padded,
            double[] buf) {
        int nFft = spec.nFft();
        int half = nFft / 2;
        int bins = half + 1;
        int hop = spec.hop();
        double[] w = stft.window();
        Arrays.fill(padded, 0);
        for (int t = 0; t < frames; t++) {
            int base = t * bins;
            buf[0] = mag[base] * re[base];
            buf[1] = mag[base + half] * re[base + half];
            for (int k = 1; k < half; k++) {
                buf[2 * k] = mag[base + k] * re[base + k];
                buf[2 * k + 1] = mag[base + k] * im[base + k];
            }
            stft.inverse(buf);
            int start = t * hop;
            for (int n = 0; n < nFft; n++) {
                padded[start + n] += buf[n] * w[n];
            }
        }
        for (int n = 0; n < padded.length; n++) {
            padded[n] *= inverseWss[n];
        }
    }

    /** The STFT of the padded signal (frame {@code t} starting at {@code t·hop}), unpacked. */
    private void forward(double[] padded, int frames, double[] re, double[] im, double[] buf) {
        int half = spec.nFft() / 2;
        int bins = half + 1;
        for (int t = 0; t < frames; t++) {
            stft.transformPadded(padded, t, buf);
            int base = t * bins;
            re[base] = buf[0];
            im[base] = 0;
            re[base + half] = buf[1];
            im[base + half] = 0;
            for (int k = 1; k < half; k++) {
                re[base + k] = buf[2 * k];
                im[base + k] = buf[2 * k + 1];
            }
        }
    }
}
