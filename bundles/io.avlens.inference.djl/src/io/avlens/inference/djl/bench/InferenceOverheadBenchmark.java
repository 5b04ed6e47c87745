package io.avlens.inference.djl.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.Device;
import io.avlens.inference.InferenceException;
import io.avlens.inference.InferenceService;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.TensorSpec;
import io.avlens.inference.djl.internal.TorchScriptLoading;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.lib.djl.GradMode;

/**
 * The cost of the inference service's layers (input checks, batching, memory budget, conversion of named
 * {@link FloatTensor}s) on one forward call, against calling DJL directly on the same TorchScript model in the
 * same process (after a warm-up of both), loaded the same way: a sub-manager per call, the input copied in,
 * {@code block.forward}, the output copied out to a {@code float[]}, the manager closed — the least any caller
 * needs. Both paths run under the same conditions
 * ({@link Conditions}): autograd off (the service turns it off for every call, so the direct path runs inside
 * {@link GradMode#off()} too; on a thread where it is on, a direct call would otherwise record a graph the service
 * never records) and the same libtorch thread counts (the service's model is loaded with the engine's current
 * intra-op thread count). Runs alternate between the two paths so both see the same machine load; the medians are
 * compared. Prints nothing and judges nothing.
 *
 * <p>The default model is {@code bench/tiny_linear.pt} of this bundle: {@code tanh(x W + b)} on [16, 256] (made
 * by the fixture script of the tests), small enough that per-call overhead shows.
 */
public final class InferenceOverheadBenchmark {

    /** The bundled model's resource path. */
    public static final String TINY_MODEL = "/bench/tiny_linear.pt";

    /** Untimed calls per path before measuring; with fewer, the service path measured 28 % slower (JIT warm-up). */
    static final int WARMUP_CALLS = 3_000;

    /**
     * What was measured.
     *
     * @param model          the model file
     * @param inputShape     shape of the single input
     * @param runs           timed runs per path
     * @param callsPerRun    forward calls per run
     * @param serviceMicros  median microseconds per call through the service
     * @param directMicros   median microseconds per call through DJL directly
     * @param service        the conditions the service path's timed calls ran under
     * @param direct         the conditions the direct path's timed calls ran under
     */
    public record Result(String model, int[] inputShape, int runs, int callsPerRun, double serviceMicros,
            double directMicros, Conditions service, Conditions direct) {

        /** Service time over direct time minus one: 0.05 means the service costs 5 % more per call. */
        public double overhead() {
            return serviceMicros / directMicros - 1;
        }
    }

    /**
     * What a timed path runs under, read on the calling thread just before its calls.
     *
     * @param gradMode        whether libtorch's autograd is on
     * @param threads         libtorch's intra-op threads
     * @param interopThreads  libtorch's inter-op threads
     */
    public record Conditions(boolean gradMode, int threads, int interopThreads) {

        /** The calling thread's. */
        public static Conditions current() {
            return new Conditions(JniUtils.isGradMode(), JniUtils.getNumThreads(), JniUtils.getNumInteropThreads());
        }
    }

    private InferenceOverheadBenchmark() {
    }

    /** Runs on the bundled tiny model (copied to a temporary file, removed afterwards). */
    public static Result runTiny(InferenceService service, int runs, int callsPerRun)
            throws InferenceException, IOException {
        Path file = Files.createTempFile("avlens-bench", ".pt");
        try (InputStream in = InferenceOverheadBenchmark.class.getResourceAsStream(TINY_MODEL)) {
            if (in == null) {
                throw new IOException(TINY_MODEL + " is missing from the inference.djl bundle");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            float[] x = new float[16 * 256];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.sin(i * 0.37);
            }
            return run(service, file, FloatTensor.wrap(new int[] {16, 256}, x), runs, callsPerRun);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Runs on a TorchScript file with one input and one output. */
    public static Result run(InferenceService service, Path torchScript, FloatTensor input, int runs,
            int callsPerRun) throws InferenceException, IOException {
        DjlSetup.engine();
        ModelSpec spec = ModelSpec.torchScript("bench", torchScript, List.of(new TensorSpec("x",
                io.avlens.inference.ShapeSpec.parse(BenchStats.shapeText(input.shape())))), List.of())
                // the direct path runs on the CPU; so does the service's, even when the best service is a GPU one;
                // and with the threads the direct path has
                .withOptions(ModelSpec.Options.DEFAULT.withDevice(Device.CPU).withThreads(JniUtils.getNumThreads()));
        Map<String, FloatTensor> inputs = Map.of("x", input);
        try (GradMode.Scope off = GradMode.off();
                LoadedModel viaService = service.load(spec);
                Model direct = DjlSetup.withBundleLoader(() -> Model.newInstance("bench-direct",
                        ai.djl.Device.cpu(), DjlSetup.ENGINE_NAME))) {
            TorchScriptLoading.load(direct, torchScript); // loaded as the service loads it, so only overhead differs
            Block block = direct.getBlock();
            Shape shape = new Shape(Arrays.stream(input.shape()).asLongStream().toArray());
            double[] s = new double[runs];
            double[] d = new double[runs];
            // the service path runs more Java code, so it needs more calls before the JIT has compiled it all
            int warmup = Math.max(WARMUP_CALLS, callsPerRun);
            timeService(viaService, inputs, warmup);
            Conditions serviceConditions = Conditions.current();
            timeDirect(direct, block, input, shape, warmup);
            Conditions directConditions = Conditions.current();
            for (int r = 0; r < runs; r++) {
                if (r % 2 == 0) {
                    s[r] = timeService(viaService, inputs, callsPerRun);
                    d[r] = timeDirect(direct, block, input, shape, callsPerRun);
                } else {
                    d[r] = timeDirect(direct, block, input, shape, callsPerRun);
                    s[r] = timeService(viaService, inputs, callsPerRun);
                }
            }
            return new Result(torchScript.getFileName().toString(), input.shape(), runs, callsPerRun,
                    BenchStats.median(s) / callsPerRun / 1e3, BenchStats.median(d) / callsPerRun / 1e3,
                    serviceConditions, directConditions);
        } catch (MalformedModelException e) {
            throw new InferenceException(torchScript + ": " + e.getMessage(), e);
        }
    }

    private static long timeService(LoadedModel model, Map<String, FloatTensor> inputs, int calls)
            throws InferenceException {
        long t = System.nanoTime();
        float sink = 0;
        for (int i = 0; i < calls; i++) {
            sink += model.forward(inputs).values().iterator().next().getFlat(0);
        }
        return System.nanoTime() - t + (sink == Float.MIN_VALUE ? 1 : 0);
    }

    private static long timeDirect(Model model, Block block, FloatTensor input, Shape shape, int calls) {
        long t = System.nanoTime();
        float sink = 0;
        for (int i = 0; i < calls; i++) {
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDList out = block.forward(new ParameterStore(m, false),
                        new NDList(m.create(input.asReadOnlyBuffer(), shape, DataType.FLOAT32)), false);
                sink += out.head().toFloatArray()[0];
            }
        }
        return System.nanoTime() - t + (sink == Float.MIN_VALUE ? 1 : 0);
    }

}
