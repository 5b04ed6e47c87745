package io.avlens.models.cavp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.avlens.models.training.Adam;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The network, the losses and one optimizer step, on random tensors (no media). */
class CavpNetworkTest {

    private static final CavpConfig CONFIG = CavpConfig.small();

    static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextFloat();
        }
        return a;
    }

    static SplitMerge.Batch randomBatch(int batch, int steps, long seed) {
        int mel = batch * CONFIG.melBins() * steps * CONFIG.melPerStep();
        int frames = batch * steps * CONFIG.frameHeight() * CONFIG.frameWidth() * 3;
        return new SplitMerge.Batch(batch, steps, random(mel, seed), random(frames, seed + 1));
    }

    @Test
    void featuresHaveTheSameStepsAsFramesAndUnitLength() {
        try (CavpModel model = CavpModel.initialised(CONFIG, 2, 32)) {
            for (int steps : new int[] {32, 80, 5}) {
                SplitMerge.Batch b = randomBatch(2, steps, steps);
                CavpFeatures[] f = model.features(b.mel(), b.frames(), 2, steps);
                assertThat(f).hasSize(2);
                assertThat(f[0].steps()).isEqualTo(steps);
                assertThat(f[0].audio()).hasSize(steps * CONFIG.channels());
                assertThat(f[0].video()).hasSize(steps * CONFIG.channels());
                for (float[] x : new float[][] {f[1].audio(), f[1].video()}) {
                    for (int t = 0; t < steps; t++) {
                        double norm = 0;
                        for (int c = 0; c < CONFIG.channels(); c++) {
                            norm += x[t * CONFIG.channels() + c] * x[t * CONFIG.channels() + c];
                        }
                        assertThat(Math.sqrt(norm)).isCloseTo(1, within(1e-5));
                    }
                }
            }
            assertThat(model.temperature()).isCloseTo(0.07, within(1e-6));
        }
    }

    @Test
    void identicalFeaturesGiveLnBatchAndLnSteps() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray same = CavpBlock.normalise(m.ones(new Shape(4, 32, 8)));
            NDArray scale = m.create(new float[] {CavpBlock.INITIAL_LOGIT_SCALE});
            CavpLoss.Terms t = CavpLoss.compute(same, same, scale, 1f, 8);
            assertThat(t.semantic().getFloat()).isCloseTo((float) Math.log(4), within(1e-5f));
            assertThat(t.steps().getFloat()).isCloseTo((float) Math.log(32), within(1e-5f));
            assertThat(t.bands().getFloat()).isCloseTo((float) Math.log(17), within(1e-5f));
            assertThat(t.total().getFloat()).isCloseTo((float) (Math.log(4) + Math.log(32) + Math.log(17)),
                    within(1e-5f));
        }
    }

    @Test
    void lossesMatchAPlainJavaInfoNce() {
        int b = 3;
        int steps = 5;
        int c = 4;
        float[] a = random(b * steps * c, 7);
        float[] v = random(b * steps * c, 8);
        for (int i = 0; i < a.length; i++) {
            a[i] -= 0.5f;
            v[i] -= 0.5f;
        }
        normaliseRows(a, c);
        normaliseRows(v, c);
        double s = 3.0;
        // semantic: max-pool over time, renormalise, symmetric CE on the clip logits
        float[] pa = pool(a, b, steps, c);
        float[] pv = pool(v, b, steps, c);
        double expectedS = symmetricCe(pa, pv, b, c, Math.exp(s));
        double expectedT = 0;
        double expectedBands = 0;
        int maxLag = 2;
        for (int k = 0; k < b; k++) {
            float[] ak = java.util.Arrays.copyOfRange(a, k * steps * c, (k + 1) * steps * c);
            float[] vk = java.util.Arrays.copyOfRange(v, k * steps * c, (k + 1) * steps * c);
            expectedT += symmetricCe(ak, vk, steps, c, Math.exp(s)) / b;
            // bands: mean_t cos(a[t+d], v[t]) for |d| ≤ 2, CE with target d = 0
            double[] band = new double[2 * maxLag + 1];
            for (int d = -maxLag; d <= maxLag; d++) {
                int n = 0;
                for (int tv = 0; tv < steps; tv++) {
                    int ta = tv + d;
                    if (ta >= 0 && ta < steps) {
                        for (int i = 0; i < c; i++) {
                            band[d + maxLag] += ak[ta * c + i] * vk[tv * c + i];
                        }
                        n++;
                    }
                }
                band[d + maxLag] *= Math.exp(s) / n;
            }
            double z = 0;
            for (double x : band) {
                z += Math.exp(x);
            }
            expectedBands += (Math.log(z) - band[maxLag]) / b;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            CavpLoss.Terms t = CavpLoss.compute(m.create(a, new Shape(b, steps, c)), m.create(v, new Shape(b, steps, c)),
                    m.create(new float[] {(float) s}), 0.5f, 2);
            assertThat((double) t.semantic().getFloat()).isCloseTo(expectedS, within(1e-4));
            assertThat((double) t.steps().getFloat()).isCloseTo(expectedT, within(1e-4));
            assertThat((double) t.bands().getFloat()).isCloseTo(expectedBands, within(1e-4));
            assertThat((double) t.total().getFloat()).isCloseTo(expectedS + 0.5 * (expectedT + expectedBands),
                    within(1e-4));
        }
    }

    @Test
    void shiftedBandLossTargetsTheShift() {
        int b = 3;
        int steps = 6;
        int c = 4;
        int window = 4;
        int maxLag = 2;
        int[] lags = {2, -1, 0};
        int[] starts = {0, 2, 1};
        float[] a = random(b * steps * c, 17);
        float[] v = random(b * steps * c, 18);
        normaliseRows(a, c);
        normaliseRows(v, c);
        double scale = Math.exp(2.0);
        double expected = 0;
        for (int k = 0; k < b; k++) {
            double[] band = new double[2 * maxLag + 1];
            for (int d = -maxLag; d <= maxLag; d++) {
                int n = 0;
                for (int tv = 0; tv < window; tv++) {
                    int ta = tv + d;
                    if (ta >= 0 && ta < window) {
                        int rowA = k * steps + starts[k] + lags[k] + ta;
                        int rowV = k * steps + starts[k] + tv;
                        for (int i = 0; i < c; i++) {
                            band[d + maxLag] += a[rowA * c + i] * v[rowV * c + i];
                        }
                        n++;
                    }
                }
                band[d + maxLag] *= scale / n;
            }
            double z = 0;
            for (double x : band) {
                z += Math.exp(x);
            }
            expected += (Math.log(z) - band[maxLag - lags[k]]) / b;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            CavpLoss.Terms t = CavpLoss.compute(m.create(a, new Shape(b, steps, c)), m.create(v, new Shape(b, steps, c)),
                    m.create(new float[] {2f}), 1f, maxLag, new CavpLoss.BandShifts(window, lags, starts, new int[b], 1),
                    m.create(a, new Shape(b, steps, c)));
            assertThat((double) t.bands().getFloat()).isCloseTo(expected, within(1e-4));
        }
    }

    private static void normaliseRows(float[] x, int c) {
        for (int r = 0; r < x.length / c; r++) {
            double n = 0;
            for (int i = 0; i < c; i++) {
                n += x[r * c + i] * x[r * c + i];
            }
            for (int i = 0; i < c; i++) {
                x[r * c + i] /= (float) Math.sqrt(n);
            }
        }
    }

    private static float[] pool(float[] x, int b, int steps, int c) {
        float[] p = new float[b * c];
        java.util.Arrays.fill(p, Float.NEGATIVE_INFINITY);
        for (int k = 0; k < b; k++) {
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < c; i++) {
                    p[k * c + i] = Math.max(p[k * c + i], x[(k * steps + t) * c + i]);
                }
            }
        }
        normaliseRows(p, c);
        return p;
    }

    /** ½ (row CE + column CE) with the diagonal as target, mean over rows. */
    private static double symmetricCe(float[] a, float[] v, int n, int c, double scale) {
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = 0;
                for (int k = 0; k < c; k++) {
                    d += a[i * c + k] * v[j * c + k];
                }
                l[i][j] = scale * d;
            }
        }
        double rows = 0;
        double cols = 0;
        for (int i = 0; i < n; i++) {
            double zr = 0;
            double zc = 0;
            for (int j = 0; j < n; j++) {
                zr += Math.exp(l[i][j]);
                zc += Math.exp(l[j][i]);
            }
            rows += Math.log(zr) - l[i][i];
            cols += Math.log(zc) - l[i][i];
        }
        return (rows + cols) / (2 * n);
    }

    @Test
    void optimizerStepsReduceTheLossOnAFixedBatch() {
        try (CavpModel model = CavpModel.initialised(CONFIG, 4, 8)) {
            CavpTrainer.requireGradients(model);
            Adam adam = new Adam(model.block().getParameters(), model.manager());
            SplitMerge.Batch batch = randomBatch(4, 8, 11);
            double first = CavpTrainer.step(model, adam, batch, 2e-3f, 1f, 4)[2];
            double last = first;
            for (int i = 0; i < 25; i++) {
                last = CavpTrainer.step(model, adam, batch, 2e-3f, 1f, 4)[2];
            }
            assertThat(last).isLessThan(0.5 * first);
            assertThat(adam.updates()).isEqualTo(26);
        }
    }

    @Test
    void savedWeightsReloadBitIdentical() throws Exception {
        SplitMerge.Batch batch = randomBatch(2, 32, 21);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CavpFeatures[] before;
        try (CavpModel model = CavpModel.initialised(CONFIG, 4, 8)) {
            CavpTrainer.requireGradients(model);
            Adam adam = new Adam(model.block().getParameters(), model.manager());
            CavpTrainer.step(model, adam, randomBatch(4, 8, 3), 2e-3f, 1f, 4); // moves BatchNorm statistics too
            before = model.features(batch.mel(), batch.frames(), 2, 32);
            model.save(bytes);
        }
        try (CavpModel reloaded = CavpModel.load(new ByteArrayInputStream(bytes.toByteArray()), CONFIG, "test")) {
            CavpFeatures[] after = reloaded.features(batch.mel(), batch.frames(), 2, 32);
            for (int i = 0; i < 2; i++) {
                assertThat(after[i].audio()).containsExactly(before[i].audio());
                assertThat(after[i].video()).containsExactly(before[i].video());
            }
        }
    }
}
