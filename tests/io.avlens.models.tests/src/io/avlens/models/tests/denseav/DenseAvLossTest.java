package io.avlens.models.tests.denseav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.models.denseav.DenseAvLoss;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * DenseAV's clip score against a naive reference written here loop by loop (max over heads element-wise, max over
 * space, mean over frequency, mean over the non-silent steps), and its symmetric InfoNCE on hand-made scores.
 */
class DenseAvLossTest {

    private static final int K = 2;
    private static final int C = 3;
    private static final int H = 2;
    private static final int W = 3;
    private static final int F = 2;
    private static final int T = 4;

    @Test
    void theScoreIsMaxHeadsMaxSpaceMeanFrequencyMaskedMeanTime() {
        DjlSetup.engine();
        Random r = new Random(7);
        int bv = 2;
        int ba = 3;
        float[] image = random(r, bv * K * C * H * W);
        float[] audio = random(r, ba * K * C * F * T);
        float[] voiced = {1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 0}; // audio 2 has one non-silent step
        voiced[8] = 1;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray s = DenseAvLoss.scores(m.create(image, new Shape(bv, K, C, H, W)),
                    m.create(audio, new Shape(ba, K, C, F, T)), m.create(voiced, new Shape(ba, T)));
            assertThat(s.getShape()).isEqualTo(new Shape(ba, bv));
            float[] got = s.toFloatArray();
            for (int a = 0; a < ba; a++) {
                for (int v = 0; v < bv; v++) {
                    assertThat(got[a * bv + v]).as("audio %d, image %d", a, v)
                            .isCloseTo((float) naive(image, audio, voiced, a, v), within(1e-5f));
                }
            }
        }
    }

    /** The official order, written out: per (t, f) the max over (k, h, w); mean over f; masked mean over t. */
    private static double naive(float[] image, float[] audio, float[] voiced, int a, int v) {
        double sum = 0;
        double count = 0;
        for (int t = 0; t < T; t++) {
            if (voiced[a * T + t] == 0) {
                continue;
            }
            double freqMean = 0;
            for (int f = 0; f < F; f++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < K; k++) {
                    for (int y = 0; y < H; y++) {
                        for (int x = 0; x < W; x++) {
                            double dot = 0;
                            for (int c = 0; c < C; c++) {
                                dot += image[(((v * K + k) * C + c) * H + y) * W + x]
                                        * audio[(((a * K + k) * C + c) * F + f) * T + t];
                            }
                            best = Math.max(best, dot);
                        }
                    }
                }
                freqMean += best / F;
            }
            sum += freqMean;
            count++;
        }
        return sum / count;
    }

    @Test
    void theLossIsTheSymmetricInfoNceOfTheScores() {
        DjlSetup.engine();
        try (NDManager m = NDManager.newBaseManager()) {
            // rows: audio; columns: images; logit scale e^0 = 1
            NDArray scores = m.create(new float[] {1, 0, 2, 0}, new Shape(2, 2));
            double rows = (Math.log(1 + Math.exp(-1)) + Math.log(1 + Math.exp(2))) / 2;
            double cols = (Math.log(1 + Math.exp(1)) + Math.log(2)) / 2;
            float loss = DenseAvLoss.infoNce(scores, m.create(new float[] {0f})).getFloat();
            assertThat((double) loss).isCloseTo((rows + cols) / 2, within(1e-5));
            // the logit scale multiplies the scores: ln 2 doubles them
            NDArray doubled = m.create(new float[] {2, 0, 4, 0}, new Shape(2, 2));
            assertThat(DenseAvLoss.infoNce(scores, m.create(new float[] {(float) Math.log(2)})).getFloat())
                    .isCloseTo(DenseAvLoss.infoNce(doubled, m.create(new float[] {0f})).getFloat(), within(1e-5f));
            // equal scores: ln B
            NDArray flat = m.zeros(new Shape(3, 3));
            assertThat((double) DenseAvLoss.infoNce(flat, m.create(new float[] {0f})).getFloat())
                    .isCloseTo(Math.log(3), within(1e-5));
        }
    }

    private static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
