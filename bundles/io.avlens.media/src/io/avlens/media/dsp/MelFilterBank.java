package io.avlens.media.dsp;

import java.util.Arrays;

import io.avlens.core.profile.MelScale;
import io.avlens.core.profile.MelSpec;

/**
 * Triangular mel filters over the bins of a real FFT, with the semantics of
 * {@code librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax, htk, norm="slaney" | None)}: {@code bands + 2} edge
 * frequencies equally spaced on the mel scale from {@code fmin} to {@code fmax}; band {@code m} rises linearly (in
 * Hz) from edge {@code m} to 1 at edge {@code m+1} and falls to 0 at edge {@code m+2}, evaluated at the bin
 * frequencies {@code k * sampleRate / nFft}; with Slaney normalisation each triangle is scaled by
 * {@code 2 / (f[m+2] − f[m])} so that all bands have the same area. Band 0 is the lowest frequency.
 * <p>
 * The weights are kept sparse (each band's non-zero bin range), since a band covers only a few bins. Immutable and
 * thread-safe.
 */
public final class MelFilterBank {

    /** Slaney scale: 200/3 Hz per mel below 1 kHz, log steps of ln(6.4)/27 above. */
    private static final double SLANEY_HZ_PER_MEL = 200.0 / 3;
    private static final double SLANEY_BREAK_HZ = 1000;
    private static final double SLANEY_BREAK_MEL = SLANEY_BREAK_HZ / SLANEY_HZ_PER_MEL;
    private static final double SLANEY_LOG_STEP = Math.log(6.4) / 27;

    private final int bands;
    private final int fftBins;
    private final int[] first;
    private final double[][] weights;

    private MelFilterBank(int bands, int fftBins, int[] first, double[][] weights) {
        this.bands = bands;
        this.fftBins = fftBins;
        this.first = first;
        this.weights = weights;
    }

    /** The filter bank of a mel specification at a sample rate. */
    public static MelFilterBank of(MelSpec spec, int sampleRate) {
        return of(sampleRate, spec.nFft(), spec.bins(), spec.fmin(), spec.fmax(), spec.scale(), spec.slaneyNorm());
    }

    /**
     * A filter bank.
     *
     * @param sampleRate samples per second
     * @param nFft       FFT size (the bank covers its {@code nFft/2 + 1} bins)
     * @param bands      number of mel bands
     * @param fmin       lowest edge, Hz
     * @param fmax       highest edge, Hz, at most {@code sampleRate/2}
     * @param scale      mel scale
     * @param slaneyNorm whether to scale each band to unit area (librosa's {@code norm="slaney"})
     */
    public static MelFilterBank of(int sampleRate, int nFft, int bands, double fmin, double fmax, MelScale scale,
            boolean slaneyNorm) {
        if (sampleRate <= 0 || nFft < 2 || bands < 1) {
            throw new IllegalArgumentException(
                    "need a positive sample rate, n_fft ≥ 2 and ≥ 1 band, not " + sampleRate + ", " + nFft + ", " + bands);
        }
        if (!(fmin >= 0) || !(fmax > fmin) || fmax > sampleRate / 2.0 + 1e-9) {
            throw new IllegalArgumentException("mel edges must satisfy 0 ≤ fmin < fmax ≤ " + sampleRate / 2.0
                    + " Hz (half the sample rate), not fmin " + fmin + ", fmax " + fmax);
        }
        double lo = hzToMel(fmin, scale);
        double hi = hzToMel(fmax, scale);
        double[] edges = new double[bands + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(lo + (hi - lo) * i / (bands + 1), scale);
        }
        int fftBins = nFft / 2 + 1;
        int[] first = new int[bands];
        double[][] weights = new double[bands][];
        double[] row = new double[fftBins];
        for (int m = 0; m < bands; m++) {
            double rise = edges[m + 1] - edges[m];
            double fall = edges[m + 2] - edges[m + 1];
            double scaleBy = slaneyNorm ? 2 / (edges[m + 2] - edges[m]) : 1;
            int from = fftBins;
            int to = -1;
            for (int k = 0; k < fftBins; k++) {
                double f = (double) k * sampleRate / nFft;
                double w = Math.max(0, Math.min((f - edges[m]) / rise, (edges[m + 2] - f) / fall));
                row[k] = w * scaleBy;
                if (w > 0) {
                    from = Math.min(from, k);
                    to = k;
                }
            }
            first[m] = to < 0 ? 0 : from;
            weights[m] = to < 0 ? new double[0] : Arrays.copyOfRange(row, from, to + 1);
        }
        return new MelFilterBank(bands, fftBins, first, weights);
    }

    /** Mel value of a frequency in Hz on {@code scale}. */
    public static double hzToMel(double hz, MelScale scale) {
        if (scale == MelScale.HTK) {
            return 2595 * Math.log10(1 + hz / 700);
        }
        return hz < SLANEY_BREAK_HZ ? hz / SLANEY_HZ_PER_MEL
                : SLANEY_BREAK_MEL + Math.log(hz / SLANEY_BREAK_HZ) / SLANEY_LOG_STEP;
    }

    /** Frequency in Hz of a mel value on {@code scale}; the inverse of {@link #hzToMel}. */
    public static double melToHz(double mel, MelScale scale) {
        if (scale == MelScale.HTK) {
            return 700 * (Math.pow(10, mel / 2595) - 1);
        }
        return mel < SLANEY_BREAK_MEL ? mel * SLANEY_HZ_PER_MEL
                : SLANEY_BREAK_HZ * Math.exp(SLANEY_LOG_STEP * (mel - SLANEY_BREAK_MEL));
    }

    /** Number of mel bands. */
    public int bands() {
        return bands;
    }

    /** Number of FFT bins the bank covers, {@code nFft/2 + 1}. */
    public int fftBins() {
        return fftBins;
    }

    /** Weight of FFT bin {@code bin} in band {@code band}. */
    public double weight(int band, int bin) {
        int i = bin - first[band];
        return i >= 0 && i < weights[band].length ? weights[band][i] : 0;
    }

    /** The dense matrix {@code [bands][fftBins]}, a copy (librosa's {@code mel_basis}). */
    public double[][] toMatrix() {
        double[][] dense = new double[bands][fftBins];
        for (int m = 0; m < bands; m++) {
            System.arraycopy(weights[m], 0, dense[m], first[m], weights[m].length);
        }
        return dense;
    }

    /** {@code out[m] = Σ_k W[m][k] spectrum[k]} for a spectrum of {@code fftBins} values. */
    void apply(double[] spectrum, double[] out) {
        for (int m = 0; m < bands; m++) {
            double[] w = weights[m];
            int at = first[m];
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                sum += w[i] * spectrum[at + i];
            }
            out[m] = sum;
        }
    }

    /** {@code out[k] = Σ_m W[m][k] mel[m]}, the transpose applied to a vector of {@code bands} values. */
    void applyTransposed(double[] mel, double[] out) {
        Arrays.fill(out, 0, fftBins, 0);
        for (int m = 0; m < bands; m++) {
            double[] w = weights[m];
            int at = first[m];
            double v = mel[m];
            for (int i = 0; i < w.length; i++) {
                out[at + i] += w[i] * v;
            }
        }
    }
}
