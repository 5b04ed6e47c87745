package io.avlens.analysis.projection;

/**
 * A radix-2 complex FFT of one power-of-two length, applied to several interleaved sequences ("lanes") at once:
 * element i of lane l is at {@code i * lanes + l} of separate real and imaginary arrays. The innermost loop runs
 * over the lanes with one twiddle factor, so it is a plain contiguous loop the JIT vectorises, and a block of
 * lanes (grid rows or columns gathered into scratch) stays in cache for all stages.
 * <p>
 * The forward transform is decimation in frequency (natural order in, bit-reversed order out), the inverse is
 * decimation in time (bit-reversed in, natural out), so a convolution (forward, pointwise product, inverse) never
 * permutes. Unnormalised: forward then inverse multiplies by the length. Immutable; safe to share between threads.
 */
final class Fft {

    private final int length;
    private final int[] reversed;
    /** Twiddles of the stage of half-size h at {@code [h, 2h)}: e^(−πi k/h), k < h. */
    private final double[] cos;
    private final double[] sin;

    /** @param length a power of two, at least 1 */
    Fft(int length) {
        if (length < 1 || Integer.bitCount(length) != 1) {
            throw new IllegalArgumentException("FFT length must be a power of two, got " + length);
        }
        this.length = length;
        reversed = new int[length];
        int bits = Integer.numberOfTrailingZeros(length);
        for (int i = 0; i < length; i++) {
            reversed[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
        cos = new double[Math.max(2, length)];
        sin = new double[cos.length];
        for (int half = 1; half < length; half <<= 1) {
            for (int k = 0; k < half; k++) {
                double a = -Math.PI * k / half;
                cos[half + k] = Math.cos(a);
                sin[half + k] = Math.sin(a);
            }
        }
    }

    int length() {
        return length;
    }

    /** The position at which the forward transform leaves frequency {@code k} (and the inverse expects it). */
    int bitReversed(int k) {
        return reversed[k];
    }

    /**
     * Forward transform of every lane, {@code X[k] = Σ_j x[j] e^(−2πi jk/N)}, in place; {@code X[k]} ends at position
     * {@link #bitReversed(int) bitReversed(k)}.
     */
    void forward(double[] re, double[] im, int lanes) {
        for (int half = length >> 1; half >= 1; half >>= 1) {
            for (int start = 0; start < length; start += 2 * half) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[half + k];
                    double wi = sin[half + k];
                    int a = (start + k) * lanes;
                    int b = a + half * lanes;
                    for (int l = 0; l < lanes; l++) {
                        double ar = re[a + l];
                        double ai = im[a + l];
                        double br = re[b + l];
                        double bi = im[b + l];
                        re[a + l] = ar + br;
                        im[a + l] = ai + bi;
                        double dr = ar - br;
                        double di = ai - bi;
                        re[b + l] = dr * wr - di * wi;
                        im[b + l] = dr * wi + di * wr;
                    }
                }
            }
        }
    }

    /**
     * Inverse transform of every lane, {@code x[j] = Σ_k X[k] e^(+2πi jk/N)} (no 1/N), in place, from the
     * bit-reversed order {@link #forward} leaves to natural order.
     */
    void inverse(double[] re, double[] im, int lanes) {
        for (int half = 1; half < length; half <<= 1) {
            for (int start = 0; start < length; start += 2 * half) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[half + k];
                    double wi = -sin[half + k];
                    int a = (start + k) * lanes;
                    int b = a + half * lanes;
                    for (int l = 0; l < lanes; l++) {
                        double br = re[b + l];
                        double bi = im[b + l];
                        double tr = br * wr - bi * wi;
                        double ti = br * wi + bi * wr;
                        double ar = re[a + l];
                        double ai = im[a + l];
                        re[a + l] = ar + tr;
                        im[a + l] = ai + ti;
                        re[b + l] = ar - tr;
                        im[b + l] = ai - ti;
                    }
                }
            }
        }
    }
}
