package io.avlens.models.cavp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.avlens.models.training.BlockParameters;
import io.avlens.core.io.AtomicFiles;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.lib.djl.GradMode;
import io.avlens.models.training.Adam;
import io.avlens.models.training.EngineTrainee;
import io.avlens.models.training.Checkpoint;
import io.avlens.models.training.LossColumns;
import io.avlens.models.training.TrainRecipe;
import io.avlens.models.training.TrainingLoop;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingProgress;
import io.avlens.models.training.TrainingResult;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains CAVP-small on an AV-Shapes folder with the losses of {@link CavpLoss} and the batches of
 * {@link SplitMerge}, on the CPU, with DJL's PyTorch engine, driven by the shared {@link TrainingLoop}.
 * <p>
 * <b>Reproducible and resumable.</b> The engine's seed is set to {@code spec.seed()} before the weights are
 * initialised, and the batch of step {@code s} is drawn from {@code new Random(seed * 1_000_003 + s)}, so the data
 * order is a function of (seed, step) alone. The checkpoint holds the parameters (BatchNorm statistics included) and
 * the Adam moments, so an interrupted run ends with the same weights as an uninterrupted one (each step computed
 * with the engine thread count the run started with, kept in the checkpoint).
 * <p>
 * Outputs in {@code OUT}: {@code loss.csv} ({@link #COLUMNS}: step, L_S, L_T, total, temperature, then L_T's two
 * parts; the temperature on a secondary axis), {@code checkpoint.bin}, {@code cavp-small.params} (the weights, see
 * {@link CavpModel#save}) and {@code cavp-small.json} (the descriptor). Not thread-safe; one run per instance at a
 * time.
 */
public final class CavpTrainer {

    /** The family id in checkpoints and descriptors. */
    public static final String FAMILY = CavpBlockFactory.FAMILY;
    /** The columns of CAVP's loss curve. */
    public static final LossColumns COLUMNS = LossColumns.of(
            List.of("L_S", "L_T", "total", "temperature", "L_T_steps", "L_T_bands"), List.of("temperature"), "total");

    /**
     * Trains (or resumes) into {@code outDir}.
     *
     * @param dataDir an AV-Shapes folder; its clips with {@code lagSeconds = 0} are used
     * @throws IOException when the data cannot be read or {@code outDir} not written, or its checkpoint belongs to
     *                     another seed
     */
    public TrainingResult train(TrainSpec spec, Path dataDir, Path outDir, TrainingMonitor monitor)
            throws IOException {
        return train(spec, dataDir, outDir, monitor, null);
    }

    /**
     * Trains (or resumes) on {@code dataDir}'s clips, recording {@code recipe} (when not null) in {@code outDir} once
     * they have loaded ({@link TrainRecipe#record}).
     */
    public TrainingResult train(TrainSpec spec, Path dataDir, Path outDir, TrainingMonitor monitor, TrainRecipe recipe)
            throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(outDir);
        CavpConfig config = spec.config();
        int steps = config.clipSteps();
        monitor.progress(TrainingProgress.phase("loading", 0, 0)); // the clips are counted as they are read
        List<ClipTensors> clips = new ArrayList<>();
        for (ClipTensors c : new AvShapesData(config).load(dataDir,
                TrainingMonitor.loading(monitor, TrainingMonitor.mediaClips(dataDir)))) {
            if (c.lagSeconds() == 0 && c.steps() >= steps) {
                clips.add(c);
            }
        }
        if (monitor.isCancelled()) { // the clips read so far are not the data: not a data problem either
            return TrainingResult.cancelledWhileLoading((System.nanoTime() - t0) / 1e9);
        }
        if (clips.size() < spec.batchSize()) {
            throw new IOException(dataDir + ": " + clips.size() + " in-sync clips of at least " + steps
                    + " frames, a batch needs " + spec.batchSize());
        }
        if (recipe != null) {
            recipe.record(outDir);
        }
        return train(spec, clips, dataDir.toString(), outDir, monitor, t0);
    }

    /**
     * Trains (or resumes) on clips already in memory (all used, whatever their lag).
     *
     * @param source names the data in the descriptor
     */
    public TrainingResult train(TrainSpec spec, List<ClipTensors> clips, String source, Path outDir,
            TrainingMonitor monitor) throws IOException {
        return train(spec, clips, source, outDir, monitor, System.nanoTime());
    }

    private TrainingResult train(TrainSpec spec, List<ClipTensors> clips, String source, Path outDir,
            TrainingMonitor monitor, long t0) throws IOException {
        Files.createDirectories(outDir);
        CavpConfig config = spec.config();
        int steps = config.clipSteps();
        DjlSetup.engine().setRandomSeed((int) spec.seed());
        SplitMerge batches = new SplitMerge(config, spec.mergeProbability());
        try (CavpModel model = CavpModel.initialised(config, spec.batchSize(), steps)) {
            requireGradients(model);
            Adam adam = new Adam(model.block().getParameters(), model.manager());
            TrainingLoop loop = new TrainingLoop(FAMILY, COLUMNS, spec.steps(), spec.seed(), spec.checkpointEvery(),
                    spec.logEvery());
            TrainingLoop.Outcome outcome = loop.run(outDir, new EngineTrainee() {
                @Override
                public double[] step(int step) {
                    SplitMerge.Batch batch = batches.sample(clips, spec.batchSize(), steps,
                            Math.min(spec.maxLagSteps(), steps / 2), new Random(spec.seed() * 1_000_003L + step));
                    double[] v = CavpTrainer.step(model, adam, batch, spec.learningRate(step), spec.lambda(),
                            spec.maxLagSteps());
                    return new double[] {v[0], v[1], v[2], model.temperature(), v[3], v[4]};
                }

                @Override
                public void save(DataOutputStream out) throws IOException {
                    model.save(out);
                    adam.save(out);
                }

                @Override
                public void load(DataInputStream in, String file) throws IOException {
                    model.readParameters(in, file);
                    adam.load(in, model.manager(), file);
                    requireGradients(model);
                }
            }, monitor);
            Path weights = outDir.resolve("cavp-small.params");
            AtomicFiles.write(weights, model::save);
            Path descriptor = outDir.resolve("cavp-small.json");
            byte[] json = CavpDescriptor.json(model, weights, spec, source, outcome.steps())
                    .getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(descriptor, out -> out.write(json));
            monitor.progress(loop.report("done", outcome.steps(), outcome.last(), Double.NaN));
            return new TrainingResult(weights, descriptor, outDir.resolve("loss.csv"), outcome.steps(),
                    outcome.cancelled(), (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * The step of the checkpoint in {@code outDir} that {@link #train} would resume from, or -1 when there is none.
     *
     * @throws IOException naming the file when it is not a training checkpoint
     */
    public static int checkpointStep(Path outDir) throws IOException {
        return Checkpoint.step(outDir);
    }

    /** Attaches gradients to every trainable parameter (not to BatchNorm's running statistics). */
    static void requireGradients(CavpModel model) {
        BlockParameters.requireGradients(model.block());
    }

    /** One optimizer step; returns L_S, L_T, the total, L_T's step part and its band part. */
    static double[] step(CavpModel model, Adam adam, SplitMerge.Batch batch, float lr, float lambda, int maxLag) {
        CavpConfig c = model.config();
        NDManager manager = model.manager();
        double[] values;
        try (NDManager scope = manager.newSubManager()) {
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                NDArray mel = scope.create(batch.mel(),
                        new Shape(batch.size(), c.melBins(), (long) batch.steps() * c.melPerStep()));
                NDArray frames = scope.create(batch.frames(),
                        new Shape(batch.size(), batch.steps(), c.frameHeight(), c.frameWidth(), 3));
                NDList out = model.block().forward(model.store(), new NDList(mel, frames), true);
                NDArray bandAudio = out.get(0);
                if (batch.bandMel() != null) {
                    NDArray shifted = scope.create(batch.bandMel(), new Shape(batch.size(), c.melBins(),
                            (long) (batch.steps() - 1) * c.melPerStep()));
                    bandAudio = model.block().encodeAudio(model.store(), shifted, true);
                }
                CavpLoss.Terms terms = CavpLoss.compute(out.get(0), out.get(1), out.get(2), lambda,
                        Math.min(maxLag, batch.window() - 1), new CavpLoss.BandShifts(batch.window(), batch.lags(),
                                batch.videoStarts(), batch.subSteps(), c.melPerStep()), bandAudio);
                gc.backward(terms.total());
                values = new double[] {terms.semantic().getFloat(), terms.temporal().getFloat(),
                    terms.total().getFloat(), terms.steps().getFloat(), terms.bands().getFloat()};
            }
            // the in-place updates of the parameters need autograd off, whichever thread trains (see GradMode)
            try (GradMode.Scope off = GradMode.off()) {
                adam.step(lr);
                NDArray scale = model.block().logitScale().getArray();
                if (scale.getFloat(0) > CavpBlock.MAX_LOGIT_SCALE) {
                    scale.set(new float[] {CavpBlock.MAX_LOGIT_SCALE});
                }
            }
        }
        return values;
    }
}
