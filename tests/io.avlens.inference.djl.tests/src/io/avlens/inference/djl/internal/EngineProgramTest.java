package io.avlens.inference.djl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.pytorch.jni.JniUtils;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.LongTensor;
import io.avlens.inference.Device;
import io.avlens.inference.InferenceException;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.TensorSpec;
import io.avlens.inference.djl.bench.ProgramLoopBenchmark;
import io.avlens.inference.program.Handle;

/**
 * Programs run inside the engine: a 25-step DDIM loop reproduces PyTorch, gradients match their closed forms,
 * autograd is on only inside {@code gradient}, and no tensor outlives its step or program.
 */
class EngineProgramTest {

    @TempDir
    Path dir;

    private final CpuInferenceService service = new CpuInferenceService();
    private final DjlProgramEngine engine = new DjlProgramEngine();

    private LoadedModel load(String file, String input, String shape) throws Exception {
        return service.load(ModelSpec.torchScript(file, Fixtures.file(file, dir),
                List.of(TensorSpec.of(input, shape)), List.of()));
    }

    @Test
    void ddimLoopOfTwentyFiveStepsMatchesPyTorch() throws Exception {
        FloatTensor x0 = Fixtures.npy("ddim_x.npy");
        try (LoadedModel eps = load("eps_traced.pt", "x", "B,8")) {
            FloatTensor y = engine.run(Device.CPU, ctx -> {
                Handle x = ctx.iterate(ctx.fromFloatTensor(x0), 25, (i, xi) -> {
                    double[] c = ProgramLoopBenchmark.coefficients(i);
                    return ctx.add(ctx.mul(xi, c[0]), ctx.mul(ctx.forward(eps, xi), c[1]));
                });
                return ctx.toFloatTensor(x);
            });
            assertThat(Fixtures.maxAbsDiff(y, Fixtures.npy("ddim_y.npy"))).isLessThan(1e-4);
            assertThat(Fixtures.maxAbsDiff(y, x0)).isGreaterThan(1); // the loop really moved the sample
        }
    }

    @Test
    void gradientOfAClassifiersLogProbabilityIsTheClosedForm() throws Exception {
        FloatTensor w = Fixtures.npy("clf_w.npy"); // [6, 3]
        FloatTensor b = Fixtures.npy("clf_b.npy");
        FloatTensor onehot = FloatTensor.of(new int[] {2, 3}, 0, 0, 1, 1, 0, 0); // classes 2 and 0
        FloatTensor[] xAndGrad = new FloatTensor[2];
        try (LoadedModel clf = load("clf_traced.pt", "x", "B,6")) {
            engine.run(Device.CPU, ctx -> {
                Handle x = ctx.randn(7, 2, 6);
                Handle target = ctx.fromFloatTensor(onehot);
                Handle g = ctx.gradient(v -> ctx.sum(ctx.mul(ctx.forward(clf, v), target)), x);
                xAndGrad[0] = ctx.toFloatTensor(x);
                xAndGrad[1] = ctx.toFloatTensor(g);
                return null;
            });
        }
        // d/dx log softmax(xW + b)[k] = W[:, k] - W p
        FloatTensor x = xAndGrad[0];
        for (int r = 0; r < 2; r++) {
            int k = r == 0 ? 2 : 0;
            double[] logits = new double[3];
            double z = 0;
            for (int c = 0; c < 3; c++) {
                logits[c] = b.getFlat(c);
                for (int j = 0; j < 6; j++) {
                    logits[c] += x.get(r, j) * w.get(j, c);
                }
                z += Math.exp(logits[c]);
            }
            for (int j = 0; j < 6; j++) {
                double expected = w.get(j, k);
                for (int c = 0; c < 3; c++) {
                    expected -= w.get(j, c) * Math.exp(logits[c]) / z;
                }
                assertThat((double) xAndGrad[1].get(r, j)).isCloseTo(expected,
                        org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void aModelRunUnderAGradientKeepsItsEvalModeBatchNormAndMatchesFiniteDifferences() throws Exception {
        // conv_traced.pt has an eval-mode BatchNorm with running statistics: a train-mode forward would differ
        FloatTensor frames = Fixtures.npy("conv_frames.npy");
        FloatTensor weights = FloatTensor.of(new int[] {2, 4}, 1, -2, 3, 0.5f, -1, 0, 2, 4);
        FloatTensor[] seen = new FloatTensor[2];
        try (LoadedModel conv = load("conv_traced.pt", "frames", "B,3,16,16")) {
            engine.run(Device.CPU, ctx -> {
                Handle c = ctx.fromFloatTensor(weights);
                Handle g = ctx.gradient(v -> {
                    Handle y = ctx.forward(conv, v);
                    seen[0] = ctx.toFloatTensor(y);
                    return ctx.sum(ctx.mul(y, c));
                }, ctx.fromFloatTensor(frames));
                seen[1] = ctx.toFloatTensor(g);
                return null;
            });
            FloatTensor expected = Fixtures.npy("conv_embedding.npy");
            assertThat(Fixtures.maxAbsDiff(seen[0], expected)).isLessThan(1e-5);
            // and the shared model was not left in train mode
            assertThat(Fixtures.maxAbsDiff(conv.forward(java.util.Map.of("frames", frames)).get("output0"),
                    expected)).isLessThan(1e-5);
            assertThat(seen[1].shape()).containsExactly(2, 3, 16, 16);
            float[] x = frames.toArray();
            for (int at : new int[] {5, 300, 777, 1500}) {
                float h = 1e-2f;
                x[at] += h;
                double up = weighted(conv.forward(java.util.Map.of("frames", FloatTensor.of(frames.shape(), x)))
                        .get("output0"), weights);
                x[at] -= 2 * h;
                double down = weighted(conv.forward(java.util.Map.of("frames", FloatTensor.of(frames.shape(), x)))
                        .get("output0"), weights);
                x[at] += h;
                assertThat((double) seen[1].getFlat(at)).as("d/dx[%d]", at)
                        .isCloseTo((up - down) / (2 * h), org.assertj.core.data.Offset.offset(2e-3));
            }
        }
    }

    private static double weighted(FloatTensor y, FloatTensor w) {
        double s = 0;
        for (int i = 0; i < y.size(); i++) {
            s += (double) y.getFlat(i) * w.getFlat(i);
        }
        return s;
    }

    @Test
    void gradientOfALinearFunctionIsItsWeightsAndAutogradIsOnOnlyInside() throws Exception {
        FloatTensor w = FloatTensor.of(new int[] {4, 2}, 1, 2, -3, 0.5f, 0, 4, 2, 2);
        List<Boolean> gradMode = new ArrayList<>();
        JniUtils.setGradMode(true); // a fresh thread's setting, which the program must not leak into
        FloatTensor g = engine.run(Device.CPU, ctx -> {
            gradMode.add(JniUtils.isGradMode());
            Handle wh = ctx.fromFloatTensor(w);
            // f(v) = sum((3v - v) W): df/dv[i, j] = 2 * sum_k W[j, k]
            Handle grad = ctx.gradient(v -> {
                gradMode.add(JniUtils.isGradMode());
                return ctx.sum(ctx.matmul(ctx.sub(ctx.mul(v, 3), v), wh));
            }, ctx.randn(1, 3, 4));
            gradMode.add(JniUtils.isGradMode());
            return ctx.toFloatTensor(grad);
        });
        assertThat(JniUtils.isGradMode()).isTrue();
        JniUtils.setGradMode(false);
        assertThat(gradMode).containsExactly(false, true, false);
        assertThat(g.shape()).containsExactly(3, 4);
        float[] rowSums = {6, -5, 8, 8};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(g.get(i, j)).isEqualTo(rowSums[j]);
            }
        }
    }

    @Test
    void stepsKeepMemoryFlatAndNothingOutlivesTheProgram() throws Exception {
        AtomicReference<DjlProgramContext> seen = new AtomicReference<>();
        AtomicReference<Handle> escaped = new AtomicReference<>();
        List<Integer> live = new ArrayList<>();
        try (LoadedModel eps = load("eps_traced.pt", "x", "B,8")) {
            engine.run(Device.CPU, ctx -> {
                seen.set((DjlProgramContext) ctx);
                Handle start = ctx.randn(3, 2, 8);
                List<Handle> inner = new ArrayList<>();
                Handle x = ctx.iterate(start, 25, (i, xi) -> {
                    live.add(seen.get().liveArrays()); // what earlier iterations left
                    inner.add(ctx.forward(eps, xi));
                    return ctx.add(xi, ctx.mul(inner.get(i), 0.1));
                });
                // intermediates of a step and the inputs of later iterations are gone; start and the result live
                assertThatThrownBy(() -> ctx.toFloatTensor(inner.get(3))).isInstanceOf(IllegalStateException.class);
                assertThat(ctx.toFloatTensor(start).shape()).containsExactly(2, 8);
                Handle s = ctx.step(() -> ctx.mul(ctx.add(x, x), 2));
                assertThat(seen.get().liveArrays()).isEqualTo(3);
                escaped.set(s);
                return null;
            });
        }
        assertThat(live).hasSize(25);
        assertThat(live.subList(1, 25)).containsOnly(live.get(1)); // flat, however many steps run
        assertThat(seen.get().isClosed()).isTrue();
        assertThatThrownBy(() -> seen.get().toFloatTensor(escaped.get())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("released");
        Handle foreign = engine.run(Device.CPU, ctx -> ctx.randn(1, 1));
        assertThatThrownBy(() -> engine.run(Device.CPU, ctx -> ctx.toFloatTensor(foreign)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from another program");
    }

    @Test
    void integerHandlesFeedAModelAndInputsAreChecked() throws Exception {
        LongTensor ids = Fixtures.longNpy("embed_ids.npy");
        try (LoadedModel embed = service.load(ModelSpec.torchScript("embed", Fixtures.file("embed_traced.pt", dir),
                List.of(TensorSpec.of("ids", "B,5")), List.of()))) {
            FloatTensor y = engine.run(Device.CPU, ctx -> {
                Handle h = ctx.fromTensor(ids);
                assertThat(ctx.toLongTensor(h)).isEqualTo(ids);
                return ctx.toFloatTensor(ctx.forward(embed, h));
            });
            assertThat(Fixtures.maxAbsDiff(y, Fixtures.npy("embed_y.npy"))).isLessThan(1e-6);
            assertThatThrownBy(() -> engine.run(Device.CPU, ctx -> ctx.forward(embed, ctx.fromTensor(
                    LongTensor.of(new int[] {1, 3}, 1, 2, 3))))).isInstanceOf(InferenceException.class)
                    .hasMessageContaining("embed").hasMessageContaining("'ids'");
        }
    }

    @Test
    void randnIsReproducibleAndStandardNormal() throws Exception {
        FloatTensor a = engine.run(Device.CPU, ctx -> ctx.toFloatTensor(ctx.randn(5, 100, 100)));
        FloatTensor b = engine.run(Device.CPU, ctx -> ctx.toFloatTensor(ctx.randn(5, 100, 100)));
        FloatTensor c = engine.run(Device.CPU, ctx -> ctx.toFloatTensor(ctx.randn(6, 100, 100)));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        double mean = 0;
        double sq = 0;
        for (int i = 0; i < a.size(); i++) {
            mean += a.getFlat(i) / a.size();
            sq += a.getFlat(i) * a.getFlat(i) / a.size();
        }
        assertThat(mean).isBetween(-0.05, 0.05);
        assertThat(Math.sqrt(sq - mean * mean)).isBetween(0.95, 1.05);
    }
}
