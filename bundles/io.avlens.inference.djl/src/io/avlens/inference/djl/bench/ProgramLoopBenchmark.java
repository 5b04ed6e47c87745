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
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.Device;
import io.avlens.inference.InferenceException;
import io.avlens.inference.InferenceService;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.TensorSpec;
import io.avlens.inference.program.Handle;
import io.avlens.inference.program.ProgramEngine;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.lib.djl.GradMode;

/**
 * The cost of writing a sampler as an {@link io.avlens.inference.program.EngineProgram}: a 25-step DDIM-like loop
 * ({@code x <- c1 x + c2 model(x)}, {@link #coefficients}) through the program API (handles, {@code iterate} with its step
 * scope per iteration, the loaded model's forward on handles) against the same loop written directly against DJL on the
 * same TorchScript file, in the same process, on the CPU, on the calling thread, both with autograd off. After a
 * warm-up of both, runs alternate between the paths and the medians are compared. Prints nothing, judges nothing.
 */
public final class ProgramLoopBenchmark {

    /** Sampler steps per loop. */
    public static final int STEPS = 25;

    /** Untimed loops per path before measuring (JIT warm-up). */
    static final int WARMUP_LOOPS = 100;

    /**
     * What was measured.
     *
     * @param model             the model file
     * @param shape             shape of the sample
     * @param steps             steps per loop
     * @param runs              timed runs per path
     * @param loopsPerRun       loops per run
     * @param programMillis     median milliseconds per loop through the program API
     * @param directMillis      median milliseconds per loop written directly against DJL
     * @param maxAbsDifference  largest difference between the two paths' final samples (they do the same work)
     */
    public record Result(String model, int[] shape, int steps, int runs, int loopsPerRun, double programMillis,
            double directMillis, double maxAbsDifference) {

        /** Program time over direct time: 1.05 means the program API costs 5 % more. */
        public double ratio() {
            return programMillis / directMillis;
        }
    }

    private ProgramLoopBenchmark() {
    }

    /**
     * The deterministic DDIM update of step {@code i} (0 = noisiest) of {@link #STEPS}:
     * {@code x <- c[0] x + c[1] eps(x)}, with {@code alpha_bar[k] = 0.999 - 0.949 k / 24}, {@code k = 24 - i}, and
     * 1 before {@code k = 0} (as {@code make_program_fixtures.py} of the tests).
     */
    public static double[] coefficients(int i) {
        int k = STEPS - 1 - i;
        double a = 0.999 - 0.949 * k / (STEPS - 1);
        double aPrev = k > 0 ? 0.999 - 0.949 * (k - 1) / (STEPS - 1) : 1.0;
        return new double[] {Math.sqrt(aPrev / a), Math.sqrt(1 - aPrev) - Math.sqrt(aPrev * (1 - a) / a)};
    }

    /** Runs on the bundled tiny model with this bundle's program engine. */
    public static Result runTiny(InferenceService service, int runs, int loopsPerRun)
            throws InferenceException, IOException {
        return runTiny(service, new io.avlens.inference.djl.internal.DjlProgramEngine(), runs, loopsPerRun);
    }

    /** Runs on the bundled tiny model ({@link InferenceOverheadBenchmark#TINY_MODEL}, [16, 256]). */
    public static Result runTiny(InferenceService service, ProgramEngine engine, int runs, int loopsPerRun)
            throws InferenceException, IOException {
        Path file = Files.createTempFile("avlens-bench", ".pt");
        try (InputStream in = ProgramLoopBenchmark.class.getResourceAsStream(InferenceOverheadBenchmark.TINY_MODEL)) {
            if (in == null) {
                throw new IOException(InferenceOverheadBenchmark.TINY_MODEL + " is missing from the inference.djl"
                        + " bundle");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            float[] x = new float[16 * 256];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.sin(i * 0.37);
            }
            return run(service, engine, file, FloatTensor.wrap(new int[] {16, 256}, x), runs, loopsPerRun);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Runs on a TorchScript file that maps a sample to a sample of the same shape. */
    public static Result run(InferenceService service, ProgramEngine engine, Path torchScript, FloatTensor x0,
            int runs, int loopsPerRun) throws InferenceException, IOException {
        ModelSpec spec = ModelSpec.torchScript("bench-program", torchScript, List.of(new TensorSpec("x",
                io.avlens.inference.ShapeSpec.parse(BenchStats.shapeText(x0.shape())))), List.of())
                .withOptions(ModelSpec.Options.DEFAULT.withDevice(Device.CPU));
        DjlSetup.engine();
        try (LoadedModel viaProgram = service.load(spec);
                Model direct = DjlSetup.withBundleLoader(() -> Model.newInstance("bench-direct",
                        ai.djl.Device.cpu(), DjlSetup.ENGINE_NAME));
                GradMode.Scope off = GradMode.off()) {
            direct.load(torchScript, null, Map.of("mapLocation", "true"));
            Block block = direct.getBlock();
            FloatTensor a = program(engine, viaProgram, x0);
            FloatTensor b = direct(direct, block, x0);
            double diff = 0;
            for (int i = 0; i < a.size(); i++) {
                diff = Math.max(diff, Math.abs(a.getFlat(i) - b.getFlat(i)));
            }
            int warmup = Math.max(WARMUP_LOOPS, loopsPerRun);
            timeProgram(engine, viaProgram, x0, warmup);
            timeDirect(direct, block, x0, warmup);
            double[] p = new double[runs];
            double[] d = new double[runs];
            for (int r = 0; r < runs; r++) {
                if (r % 2 == 0) {
                    p[r] = timeProgram(engine, viaProgram, x0, loopsPerRun);
                    d[r] = timeDirect(direct, block, x0, loopsPerRun);
                } else {
                    d[r] = timeDirect(direct, block, x0, loopsPerRun);
                    p[r] = timeProgram(engine, viaProgram, x0, loopsPerRun);
                }
            }
            return new Result(torchScript.getFileName().toString(), x0.shape(), STEPS, runs, loopsPerRun,
                    BenchStats.median(p) / loopsPerRun / 1e6, BenchStats.median(d) / loopsPerRun / 1e6, diff);
        } catch (MalformedModelException e) {
            throw new InferenceException(torchScript + ": " + e.getMessage(), e);
        }
    }

    /** The loop as a family writes it: a program over handles, iterated with a step scope per iteration. */
    static FloatTensor program(ProgramEngine engine, LoadedModel model, FloatTensor x0) throws InferenceException {
        return engine.run(Device.CPU, ctx -> {
            Handle x = ctx.iterate(ctx.fromFloatTensor(x0), STEPS, (i, xi) -> {
                double[] c = coefficients(i);
                return ctx.add(ctx.mul(xi, c[0]), ctx.mul(ctx.forward(model, xi), c[1]));
            });
            return ctx.toFloatTensor(x);
        });
    }

    /** The same loop on DJL: one manager for the loop, closed at its end. */
    static FloatTensor direct(Model model, Block block, FloatTensor x0) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray x = m.create(x0.asReadOnlyBuffer(), new Shape(Arrays.stream(x0.shape()).asLongStream()
                    .toArray()), DataType.FLOAT32);
            for (int i = 0; i < STEPS; i++) {
                double[] c = coefficients(i);
                NDArray eps = block.forward(new ParameterStore(m, false), new NDList(x), false).head();
                x = x.mul((float) c[0]).add(eps.mul((float) c[1]));
            }
            return FloatTensor.wrap(x0.shape(), x.toFloatArray());
        }
    }

    private static long timeProgram(ProgramEngine engine, LoadedModel model, FloatTensor x0, int loops)
            throws InferenceException {
        long t = System.nanoTime();
        float sink = 0;
        for (int i = 0; i < loops; i++) {
            sink += program(engine, model, x0).getFlat(0);
        }
        return System.nanoTime() - t + (sink == Float.MIN_VALUE ? 1 : 0);
    }

    private static long timeDirect(Model model, Block block, FloatTensor x0, int loops) {
        long t = System.nanoTime();
        float sink = 0;
        for (int i = 0; i < loops; i++) {
            sink += direct(model, block, x0).getFlat(0);
        }
        return System.nanoTime() - t + (sink == Float.MIN_VALUE ? 1 : 0);
    }

}
