package io.avlens.analysis.projection;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * Convolves values on an m × m grid with a radial kernel by FFT: the grid is zero-padded to L × L (L the power of
 * two at least 2m, so the circular convolution does not wrap) and the kernel embedded as a circulant. Two real
 * grids travel together as the real and imaginary parts of one complex grid: the kernel is real and even, so its
 * transform is real and the two convolutions do not mix. Rows and columns are transformed in blocks of
 * {@value #LANES} ({@link Fft}'s lanes) gathered into per-thread scratch; rows known to be zero are neither
 * transformed nor stored, and the column pass transforms, multiplies and transforms back each block in one go.
 * Spectra stay in the FFT's bit-reversed order throughout. Not thread-safe; parallel through the given
 * {@link ForkedRanges} (by blocks, no reductions, so deterministic).
 */
final class GridConvolution {

    static final int LANES = 16;

    private final int m;
    private final int size;
    private final Fft fft;
    private final ForkedRanges ranges;
    private final double[] kernelHat;
    private final double[] workRe;
    private final double[] workIm;
    private final double[][] scratchRe;
    private final double[][] scratchIm;

    /** @param m grid points per side */
    GridConvolution(int m, ForkedRanges ranges) {
        this.m = m;
        this.size = paddedSide(m);
        this.fft = new Fft(size);
        this.ranges = ranges;
        kernelHat = new double[size * size];
        workRe = new double[size * size];
        workIm = new double[size * size];
        scratchRe = new double[ranges.threads()][LANES * size];
        scratchIm = new double[ranges.threads()][LANES * size];
    }

    /** The padded side L for an m × m grid: a power of two, at least 2m and at least {@value #LANES}. */
    static int paddedSide(int m) {
        int n = LANES;
        while (n < 2 * m) {
            n <<= 1;
        }
        return n;
    }

    /** Grid points per side. */
    int side() {
        return m;
    }

    /**
     * Sets the kernel: {@code kernel(r2)} at squared distance r2 = (di² + dj²) · spacing², for grid offsets |di|,
     * |dj| < m.
     */
    void setKernel(DoubleUnaryOperator kernel, double spacing) {
        double s2 = spacing * spacing;
        double[] k = new double[size * size];
        for (int di = -(m - 1); di < m; di++) {
            int row = Math.floorMod(di, size) * size;
            for (int dj = -(m - 1); dj < m; dj++) {
                k[row + Math.floorMod(dj, size)] = kernel.applyAsDouble((double) (di * di + dj * dj) * s2);
            }
        }
        rowsForward(k, new double[size * size], size, size);
        ranges.forEachChunk(size / LANES, (chunk, from, to) -> {
            double[] re = scratchRe[chunk];
            double[] im = scratchIm[chunk];
            for (int block = from; block < to; block++) {
                int c0 = block * LANES;
                for (int r = 0; r < size; r++) {
                    System.arraycopy(workRe, r * size + c0, re, r * LANES, LANES);
                    System.arraycopy(workIm, r * size + c0, im, r * LANES, LANES);
                }
                fft.forward(re, im, LANES);
                for (int r = 0; r < size; r++) {
                    System.arraycopy(re, r * LANES, kernelHat, r * size + c0, LANES);
                }
            }
        });
    }

    /** Convolves two m × m row-major grids with the kernel, in place: {@code re} and {@code im}. */
    void convolve(double[] re, double[] im) {
        rowsForward(re, im, m, m);
        ranges.forEachChunk(size / LANES, (chunk, from, to) -> {
            double[] sr = scratchRe[chunk];
            double[] si = scratchIm[chunk];
            for (int block = from; block < to; block++) {
                int c0 = block * LANES;
                for (int r = 0; r < m; r++) {
                    System.arraycopy(workRe, r * size + c0, sr, r * LANES, LANES);
                    System.arraycopy(workIm, r * size + c0, si, r * LANES, LANES);
                }
                Arrays.fill(sr, m * LANES, size * LANES, 0);
                Arrays.fill(si, m * LANES, size * LANES, 0);
                fft.forward(sr, si, LANES);
                for (int r = 0; r < size; r++) {
                    int at = r * size + c0;
                    for (int l = 0; l < LANES; l++) {
                        double h = kernelHat[at + l];
                        sr[r * LANES + l] *= h;
                        si[r * LANES + l] *= h;
                    }
                }
                fft.inverse(sr, si, LANES);
                for (int r = 0; r < m; r++) {
                    System.arraycopy(sr, r * LANES, workRe, r * size + c0, LANES);
                    System.arraycopy(si, r * LANES, workIm, r * size + c0, LANES);
                }
            }
        });
        double scale = 1.0 / ((double) size * size);
        ranges.forEachChunk((m + LANES - 1) / LANES, (chunk, from, to) -> {
            double[] sr = scratchRe[chunk];
            double[] si = scratchIm[chunk];
            for (int block = from; block < to; block++) {
                int r0 = block * LANES;
                int rows = Math.min(LANES, m - r0);
                for (int l = 0; l < rows; l++) {
                    int at = (r0 + l) * size;
                    for (int j = 0; j < size; j++) {
                        sr[j * LANES + l] = workRe[at + j];
                        si[j * LANES + l] = workIm[at + j];
                    }
                }
                fft.inverse(sr, si, LANES);
                for (int l = 0; l < rows; l++) {
                    int at = (r0 + l) * m;
                    for (int j = 0; j < m; j++) {
                        re[at + j] = sr[j * LANES + l] * scale;
                        im[at + j] = si[j * LANES + l] * scale;
                    }
                }
            }
        });
    }

    /**
     * Transforms the first {@code rows} rows of a grid with {@code stride} values per row ({@code stride} ≤ L, the
     * rest zero) into rows of {@code workRe}/{@code workIm} (bit-reversed frequencies); other rows are left as they
     * are, and only rows below {@code rows} are read later, except by {@link #setKernel}, which passes all L.
     */
    private void rowsForward(double[] re, double[] im, int rows, int stride) {
        ranges.forEachChunk((rows + LANES - 1) / LANES, (chunk, from, to) -> {
            double[] sr = scratchRe[chunk];
            double[] si = scratchIm[chunk];
            for (int block = from; block < to; block++) {
                int r0 = block * LANES;
                int count = Math.min(LANES, rows - r0);
                Arrays.fill(sr, 0);
                Arrays.fill(si, 0);
                for (int l = 0; l < count; l++) {
                    int at = (r0 + l) * stride;
                    for (int j = 0; j < stride; j++) {
                        sr[j * LANES + l] = re[at + j];
                        si[j * LANES + l] = im[at + j];
                    }
                }
                fft.forward(sr, si, LANES);
                for (int l = 0; l < count; l++) {
                    int at = (r0 + l) * size;
                    for (int j = 0; j < size; j++) {
                        workRe[at + j] = sr[j * LANES + l];
                        workIm[at + j] = si[j * LANES + l];
                    }
                }
            }
        });
    }
}
