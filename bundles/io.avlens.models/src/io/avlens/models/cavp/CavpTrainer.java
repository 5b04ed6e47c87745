package io.avlens.models.cavp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import io.avlens.core.io.AtomicFiles;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.lib.djl.GradMode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Trains CAVP-small on an AV-Shapes folder with the losses of {@link CavpLoss} and the batches of
 * {@link SplitMerge}, on the CPU, with DJL's PyTorch engine.
 * <p>
 * <b>Reproducible and resumable.</b> The engine's seed is set to {@code spec.seed()} before the weights are
 * initialised, and the batch of step {@code s} is drawn from {@code new Random(seed * 1_000_003 + s)}, so the data
 * order is a function of (seed, step) alone. Every {@code checkpointEvery} steps (and at the end or on cancel)
 * {@code OUT/checkpoint.bin} is replaced atomically: step, seed, parameters (BatchNorm statistics included) and the
 * Adam moments. {@link #train} on an {@code OUT} that holds a checkpoint continues from it, and the loss curve is cut
 * back to that step, so an interrupted run ends with the same weights as an uninterrupted one (same thread count).
 * <p>
 * Outputs in {@code OUT}: {@code loss.csv} (step, L_S, L_T, total, temperature, then L_T's two parts), {@code checkpoint.bin},
 * {@code cavp-small.params} (the weights, see {@link CavpModel#save}) and {@code cavp-small.json} (the descriptor).
 * Not thread-safe; one run per instance at a time.
 */
public final class CavpTrainer {

    private static final String CHECKPOINT = "checkpoint.bin";
    private static final int CHECKPOINT_MAGIC = 0x41564350; // "AVCP"
    private static final String CSV_HEADER = "step,L_S,L_T,total,temperature,L_T_steps,L_T_bands";

    /**
     * Trains (or resumes) into {@code outDir}.
     *
     * @param dataDir an AV-Shapes folder; its clips with {@code lagSeconds = 0} are used
     * @throws IOException when the data cannot be read or {@code outDir} not written, or its checkpoint belongs to
     *                     another seed
     */
    public TrainingResult train(TrainSpec spec, Path dataDir, Path outDir, TrainingMonitor monitor)
            throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(outDir);
        CavpConfig config = spec.config();
        int steps = config.clipSteps();
        monitor.progress(new TrainingProgress("loading", 0, spec.steps(), Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN));
        List<ClipTensors> clips = new ArrayList<>();
        for (ClipTensors c : new AvShapesData(config).load(dataDir, monitor::isCancelled)) {
            if (c.lagSeconds() == 0 && c.steps() >= steps) {
                clips.add(c);
            }
        }
        if (clips.size() < spec.batchSize()) {
            throw new IOException(dataDir + ": " + clips.size() + " in-sync clips of at least " + steps
                    + " frames, a batch needs " + spec.batchSize());
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
        Path lossCurve = outDir.resolve("loss.csv");
        SplitMerge batches = new SplitMerge(config, spec.mergeProbability());
        try (CavpModel model = CavpModel.initialised(config, spec.batchSize(), steps)) {
            CavpBlock block = model.block();
            NDManager manager = model.manager();
            requireGradients(model);
            Adam adam = new Adam(block.getParameters(), manager);
            int start = 0;
            Path checkpoint = outDir.resolve(CHECKPOINT);
            if (Files.exists(checkpoint)) {
                start = readCheckpoint(checkpoint, spec, model, adam);
                keepCurveUpTo(lossCurve, start);
            } else {
                Files.writeString(lossCurve, CSV_HEADER + "\n", StandardCharsets.UTF_8);
            }
            int step = start;
            boolean cancelled = false;
            double[] last = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            long reportStart = System.nanoTime();
            int reportSteps = 0;
            StringBuilder rows = new StringBuilder();
            while (step < spec.steps()) {
                if (monitor.isCancelled()) {
                    cancelled = true;
                    break;
                }
                SplitMerge.Batch batch = batches.sample(clips, spec.batchSize(), steps,
                        Math.min(spec.maxLagSteps(), steps / 2), new Random(spec.seed() * 1_000_003L + step));
                last = step(model, adam, batch, spec.learningRate(step), spec.lambda(), spec.maxLagSteps());
                step++;
                reportSteps++;
                if (step % spec.logEvery() == 0 || step == spec.steps()) {
                    double temperature = model.temperature();
                    rows.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f%n", step, last[0],
                            last[1], last[2], temperature, last[3], last[4]));
                    Files.writeString(lossCurve, rows, StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.APPEND);
                    rows.setLength(0);
                    double sps = (System.nanoTime() - reportStart) / 1e9 / reportSteps;
                    monitor.progress(new TrainingProgress("training", step, spec.steps(), last[0], last[1], last[2],
                            temperature, sps));
                    reportStart = System.nanoTime();
                    reportSteps = 0;
                }
                if (step % spec.checkpointEvery() == 0 && step < spec.steps()) {
                    writeCheckpoint(checkpoint, spec, step, model, adam);
                }
            }
            writeCheckpoint(checkpoint, spec, step, model, adam);
            monitor.progress(new TrainingProgress("checkpoint", step, spec.steps(), last[0], last[1], last[2],
                    model.temperature(), Double.NaN));
            Path weights = outDir.resolve("cavp-small.params");
            AtomicFiles.write(weights, model::save);
            Path descriptor = outDir.resolve("cavp-small.json");
            byte[] json = CavpDescriptor.json(model, weights, spec, source, step).getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(descriptor, out -> out.write(json));
            monitor.progress(new TrainingProgress("done", step, spec.steps(), last[0], last[1], last[2],
                    model.temperature(), Double.NaN));
            return new TrainingResult(weights, descriptor, lossCurve, step, cancelled,
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * The step of the checkpoint in {@code outDir} that {@link #train} would resume from, or -1 when there is none.
     *
     * @throws IOException naming the file when it is not a CAVP checkpoint
     */
    public static int checkpointStep(Path outDir) throws IOException {
        Path file = outDir.resolve(CHECKPOINT);
        if (!Files.isRegularFile(file)) {
            return -1;
        }
        try (DataInputStream data = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (data.readInt() != CHECKPOINT_MAGIC) {
                throw new IOException(file + ": not a CAVP checkpoint");
            }
            data.readLong();
            return data.readInt();
        } catch (java.io.EOFException e) {
            throw new IOException(file + ": not a CAVP checkpoint (too short)", e);
        }
    }

    /** Attaches gradients to every trainable parameter (not to BatchNorm's running statistics). */
    static void requireGradients(CavpModel model) {
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
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

    private static void writeCheckpoint(Path file, TrainSpec spec, int step, CavpModel model, Adam adam)
            throws IOException {
        AtomicFiles.write(file, out -> {
            DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
            data.writeInt(CHECKPOINT_MAGIC);
            data.writeLong(spec.seed());
            data.writeInt(step);
            model.save(data);
            adam.save(data);
            data.flush();
        });
    }

    /** Restores parameters and optimizer state; returns the step the checkpoint was taken at. */
    private static int readCheckpoint(Path file, TrainSpec spec, CavpModel model, Adam adam) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            DataInputStream data = new DataInputStream(new BufferedInputStream(in));
            if (data.readInt() != CHECKPOINT_MAGIC) {
                throw new IOException(file + ": not a CAVP checkpoint");
            }
            long seed = data.readLong();
            if (seed != spec.seed()) {
                throw new IOException(file + ": checkpoint of seed " + seed + ", this run has seed " + spec.seed()
                        + "; use another output folder");
            }
            int step = data.readInt();
            model.readParameters(data, file.toString());
            adam.load(data, model.manager(), file.toString());
            requireGradients(model);
            return step;
        }
    }

    private static void keepCurveUpTo(Path csv, int step) throws IOException {
        List<String> kept = new ArrayList<>();
        kept.add(CSV_HEADER);
        if (Files.exists(csv)) {
            for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && Character.isDigit(line.charAt(0))
                        && Integer.parseInt(line.substring(0, line.indexOf(','))) <= step) {
                    kept.add(line);
                }
            }
        }
        Files.write(csv, kept, StandardCharsets.UTF_8);
    }

}
