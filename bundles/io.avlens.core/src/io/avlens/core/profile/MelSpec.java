package io.avlens.core.profile;

/**
 * A log-mel spectrogram's settings. The spectrogram is the STFT with a periodic Hann window of {@code nFft}
 * samples, centred frames (reflect padding of {@code nFft/2} on each side, so frame {@code i} is centred on sample
 * {@code i*hop}), magnitude raised to {@code power} (1 = magnitude, 2 = power), a mel filter bank and a
 * compression.
 *
 * @param nFft        FFT size in samples, a power of two
 * @param hop         hop in samples
 * @param bins        number of mel bands
 * @param fmin        lowest band edge, Hz
 * @param fmax        highest band edge, Hz, at most half the sample rate
 * @param scale       mel scale
 * @param slaneyNorm  whether each triangle is divided by its width in Hz (librosa's {@code norm="slaney"}), so
 *                    bands have equal area
 * @param power       exponent of the magnitude, 1 or 2
 * @param compression log compression after the filter bank
 */
public record MelSpec(int nFft, int hop, int bins, double fmin, double fmax, MelScale scale, boolean slaneyNorm,
        double power, LogCompression compression) {

    /** @throws IllegalArgumentException when a setting is impossible */
    public MelSpec {
        if (nFft < 16 || Integer.bitCount(nFft) != 1) {
            throw new IllegalArgumentException("n_fft must be a power of two ≥ 16, not " + nFft);
        }
        if (hop < 1 || hop > nFft) {
            throw new IllegalArgumentException("hop must be in [1, n_fft=" + nFft + "], not " + hop);
        }
        if (bins < 1 || bins > nFft / 2 + 1) {
            throw new IllegalArgumentException("mel bins must be in [1, " + (nFft / 2 + 1) + "], not " + bins);
        }
        if (!(fmin >= 0) || !(fmax > fmin)) {
            throw new IllegalArgumentException("need 0 ≤ fmin < fmax, not fmin " + fmin + ", fmax " + fmax);
        }
        if (power != 1 && power != 2) {
            throw new IllegalArgumentException("power must be 1 or 2, not " + power);
        }
        if (scale == null || compression == null) {
            throw new IllegalArgumentException("mel scale and compression are required");
        }
    }

    /** Number of spectrogram frames for {@code samples} input samples with centred frames. */
    public int frameCount(int samples) {
        return samples / hop + 1;
    }
}
