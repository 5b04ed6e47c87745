package io.avlens.media.dsp;

import org.jtransforms.fft.DoubleFFT_1D;

import io.avlens.core.tensor.FloatTensor;

/**
 * Short-time Fourier transform with a periodic Hann window of {@code nFft} samples and centred frames, as librosa's
 * {@code stft(center=True, pad_mode="reflect")}: the signal is reflect-padded by {@code nFft/2} on both sides
 * (without repeating the edge sample, NumPy's {@code "reflect"}), so frame {@code i} is centred on sample
 * {@code i*hop} and {@code samples/hop + 1} frames cover the signal.
 * <p>
 * The FFT plan and window are made once per instance and only read afterwards (JTransforms' power-of-two plans keep
 * no per-call state), and every call allocates its own work buffers, so one instance may serve several threads.
 * Computation is in double precision; the public results are float32.
 */
public final class Stft {

    private final int nFft;
    private final int hop;
    private final double[] window;
    private final DoubleFFT_1D fft;

    /**
     * @param nFft FFT size and window length in samples, a power of two ≥ 16
     * @param hop  hop in samples, 1 … nFft
     */
    public Stft(int nFft, int hop) {
        if (nFft < 16 || Integer.bitCount(nFft) != 1) {
            throw new IllegalArgumentException("n_fft must be a power of two ≥ 16, not " + nFft);
        }
        if (hop < 1 || hop > nFft) {
            throw new IllegalArgumentException("hop must be in [1, n_fft=" + nFft + "], not " + hop);
        }
        this.nFft = nFft;
        this.hop = hop;
        this.window = hann(nFft);
        this.fft = new DoubleFFT_1D(nFft);
    }

    /** The periodic Hann window {@code 0.5 − 0.5 cos(2πn/N)}, n = 0 … N−1 (scipy's {@code hann(N, sym=False)}). */
    static double[] hann(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        }
        return w;
    }

    /** FFT size in samples. */
    public int nFft() {
        return nFft;
    }

    /** Hop in samples. */
    public int hop() {
        return hop;
    }

    /** Number of frequency bins, {@code nFft/2 + 1}; bin {@code k} is at {@code k * sampleRate / nFft} Hz. */
    public int bins() {
        return nFft / 2 + 1;
    }

    /** Number of centred frames for a signal of {@code samples} samples. */
    public int frameCount(int samples) {
        return samples / hop + 1;
    }

    /** A copy of the analysis window. */
    public double[] window() {
        return window.clone();
    }

    /**
     * The magnitude spectrogram {@code |X|^power}.
     *
     * @param samples a non-empty signal
     * @param power   1 (magnitude) or 2 (power)
     * @return a tensor {@code [bins, frames]}: row {@code k} is frequency bin {@code k} (0 = DC), column {@code t} the
     *         frame centred on sample {@code t*hop}
     */
    public FloatTensor magnitude(float[] samples, double power) {
        if (power != 1 && power != 2) {
            throw new IllegalArgumentException("power must be 1 or 2, not " + power);
        }
        double[] x = toDouble(samples);
        int frames = frameCount(x.length);
        int bins = bins();
        float[] out = new float[bins * frames];
        double[] buf = new double[nFft];
        double[] mag = new double[bins];
        for (int t = 0; t < frames; t++) {
            transformFrame(x, t, buf);
            magnitudes(buf, mag, power);
            for (int k = 0; k < bins; k++) {
                out[k * frames + t] = (float) mag[k];
            }
        }
        return FloatTensor.wrap(new int[] {bins, frames}, out);
    }

    /** The samples widened to double; rejects an empty signal. */
    static double[] toDouble(float[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("the audio signal is empty (0 samples): there is nothing to analyse");
        }
        double[] x = new double[samples.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = samples[i];
        }
        return x;
    }

    /**
     * Windows centred frame {@code t} of {@code x} (reflect padding at the ends) into {@code buf} and replaces it by
     * its real FFT in JTransforms' packed layout: {@code buf[0] = Re X0}, {@code buf[1] = Re X(N/2)},
     * {@code buf[2k], buf[2k+1] = Re, Im Xk} for {@code 0 < k < N/2}.
     */
    void transformFrame(double[] x, int t, double[] buf) {
        int start = t * hop - nFft / 2;
        int n = x.length;
        if (start >= 0 && start + nFft <= n) {
            for (int i = 0; i < nFft; i++) {
                buf[i] = x[start + i] * window[i];
            }
        } else {
            for (int i = 0; i < nFft; i++) {
                buf[i] = x[reflect(start + i, n)] * window[i];
            }
        }
        fft.realForward(buf);
    }

    /** Replaces a windowed frame of the padded domain (no reflection) by its packed real FFT. */
    void transformPadded(double[] padded, int t, double[] buf) {
        int start = t * hop;
        for (int i = 0; i < nFft; i++) {
            buf[i] = padded[start + i] * window[i];
        }
        fft.realForward(buf);
    }

    /** Inverse of the packed real FFT in place, scaled by 1/N. */
    void inverse(double[] buf) {
        fft.realInverse(buf, true);
    }

    /** {@code |X_k|^power} of a packed spectrum into {@code mag} (length {@code nFft/2 + 1}). */
    void magnitudes(double[] packed, double[] mag, double power) {
        int half = nFft / 2;
        double re0 = packed[0];
        double reN = packed[1];
        if (power == 2) {
            mag[0] = re0 * re0;
            mag[half] = reN * reN;
            for (int k = 1; k < half; k++) {
                double re = packed[2 * k];
                double im = packed[2 * k + 1];
                mag[k] = re * re + im * im;
            }
        } else {
            mag[0] = Math.abs(re0);
            mag[half] = Math.abs(reN);
            for (int k = 1; k < half; k++) {
                double re = packed[2 * k];
                double im = packed[2 * k + 1];
                mag[k] = Math.sqrt(re * re + im * im);
            }
        }
    }

    /**
     * Index of padded position {@code i} in a signal of length {@code n} under NumPy's {@code "reflect"} padding
     * (mirror without repeating the edge; repeated for pads longer than the signal).
     */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int j = Math.floorMod(i, period);
        return j < n ? j : period - j;
    }
}
