package io.avlens.analysis.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class FftTest {

    @Test
    void forwardMatchesTheDirectDftOfEveryLaneInBitReversedOrder() {
        Random random = new Random(3);
        int lanes = 3;
        for (int length : new int[] {1, 2, 4, 8, 32, 64}) {
            double[] re = new double[length * lanes];
            double[] im = new double[length * lanes];
            for (int i = 0; i < re.length; i++) {
                re[i] = random.nextGaussian();
                im[i] = random.nextGaussian();
            }
            double[] re0 = re.clone();
            double[] im0 = im.clone();
            Fft fft = new Fft(length);
            fft.forward(re, im, lanes);
            for (int l = 0; l < lanes; l++) {
                for (int k = 0; k < length; k++) {
                    double sr = 0;
                    double si = 0;
                    for (int j = 0; j < length; j++) {
                        double a = -2 * Math.PI * j * k / length;
                        sr += re0[j * lanes + l] * Math.cos(a) - im0[j * lanes + l] * Math.sin(a);
                        si += re0[j * lanes + l] * Math.sin(a) + im0[j * lanes + l] * Math.cos(a);
                    }
                    int at = fft.bitReversed(k) * lanes + l;
                    assertThat(re[at]).as("length %d lane %d re X[%d]", length, l, k).isCloseTo(sr, within(1e-9));
                    assertThat(im[at]).as("length %d lane %d im X[%d]", length, l, k).isCloseTo(si, within(1e-9));
                }
            }
            fft.inverse(re, im, lanes);
            for (int i = 0; i < re.length; i++) {
                assertThat(re[i] / length).isCloseTo(re0[i], within(1e-12));
                assertThat(im[i] / length).isCloseTo(im0[i], within(1e-12));
            }
        }
    }

    @Test
    void gridConvolutionMatchesTheDirectConvolutionOfBothGrids() {
        Random random = new Random(5);
        for (int m : new int[] {1, 5, 13, 40}) {
            for (int threads : new int[] {1, 3}) {
                double[] a = new double[m * m];
                double[] b = new double[m * m];
                for (int i = 0; i < a.length; i++) {
                    a[i] = random.nextGaussian();
                    b[i] = random.nextDouble();
                }
                double spacing = 0.37;
                double[] expectedA = direct(a, m, spacing);
                double[] expectedB = direct(b, m, spacing);
                try (ForkedRanges ranges = new ForkedRanges(threads)) {
                    GridConvolution convolution = new GridConvolution(m, ranges);
                    convolution.setKernel(FftTest::cauchySquared, spacing);
                    convolution.convolve(a, b);
                }
                for (int i = 0; i < a.length; i++) {
                    assertThat(a[i]).as("m %d, threads %d, first grid at %d", m, threads, i)
                            .isCloseTo(expectedA[i], within(1e-9));
                    assertThat(b[i]).as("m %d, threads %d, second grid at %d", m, threads, i)
                            .isCloseTo(expectedB[i], within(1e-9));
                }
            }
        }
    }

    private static double[] direct(double[] w, int m, double spacing) {
        double[] out = new double[m * m];
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                double s = 0;
                for (int r2 = 0; r2 < m; r2++) {
                    for (int c2 = 0; c2 < m; c2++) {
                        double d2 = ((r - r2) * (r - r2) + (c - c2) * (c - c2)) * spacing * spacing;
                        s += cauchySquared(d2) * w[r2 * m + c2];
                    }
                }
                out[r * m + c] = s;
            }
        }
        return out;
    }

    private static double cauchySquared(double d2) {
        double q = 1 / (1 + d2);
        return q * q;
    }
}
