package io.avlens.models.mc3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.avlens.core.io.AtomicFiles;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.lib.djl.GradMode;
import io.avlens.models.training.Adam;
import io.avlens.models.training.EngineTrainee;
import io.avlens.models.training.LossColumns;
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
import java.util.List;

/**
 * Trains MC3-small with {@link Mc3Loss} on whole clips ({@link Mc3Batch}), on the CPU, driven by the shared
 * {@link TrainingLoop}. The engine's seed is set to the spec's before the weights are initialised and the batch of
 * step {@code s} is drawn from {@code new Random(seed · 1_000_003 + s)}, so a resumed run ends with the weights of an
 * uninterrupted one (each step computed with the engine thread count the run started with, kept in the
 * checkpoint); {@link Mc3BatchSampler} picks the clips ({@link Mc3Mining}: hard-negative batches, off by default).
 * Writes {@code loss.csv} ({@link #COLUMNS}), {@code checkpoint.bin}, {@code mc3-small.params} and its descriptor
 * {@code mc3-small.json}. Not thread-safe.
 */
public final class Mc3Trainer {

    /**
     * The columns of the loss curve: the total, the pairwise InfoNCE, the consensus term (logged even at weight 0),
     * the temperature and the batch's video→audio top-1 accuracy.
     */
    public static final LossColumns COLUMNS = LossColumns.of(
            List.of("loss", "pairwise", "consensus", "temperature", "accuracy"), List.of("temperature", "accuracy"),
            "loss");

    /**
     * Trains (or resumes) into {@code outDir} on clips in memory.
     *
     * @param data what the clips are, for the descriptor
     */
    public TrainingResult train(Mc3TrainSpec spec, List<Mc3Clip> clips, Mc3Descriptor.Provenance data, Path outDir,
            TrainingMonitor monitor) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(outDir);
        if (clips.size() < spec.batchSize()) {
            throw new IOException(data.data() + ": " + clips.size() + " clips, a batch needs " + spec.batchSize());
        }
        TextFeatures hasher = new TextFeatures(spec.config().buckets());
        List<float[]> text = clips.stream().map(c -> hasher.of(c.narration())).toList();
        DjlSetup.engine().setRandomSeed((int) spec.seed());
        try (Mc3Model model = Mc3Model.initialised(spec.config())) {
            model.requireGradients();
            Adam adam = new Adam(model.block().getParameters(), model.manager());
            Mc3BatchSampler sampler = new Mc3BatchSampler(spec, clips);
            TrainingLoop loop = new TrainingLoop(Mc3BlockFactory.FAMILY, COLUMNS, spec.steps(), spec.seed(),
                    spec.checkpointEvery(), spec.logEvery());
            TrainingLoop.Outcome outcome = loop.run(outDir, new EngineTrainee() {
                @Override
                public double[] step(int step) {
                    Mc3Batch batch = Mc3Batch.of(clips, text, spec.config(), sampler.order(step, model));
                    double[] v = Mc3Trainer.step(model, adam, batch, spec.consensus(), spec.learningRate(step));
                    return new double[] {v[0], v[1], v[2], model.temperature(), v[3]};
                }

                @Override
                public void save(DataOutputStream out) throws IOException {
                    model.saveCheckpoint(out, adam);
                }

                @Override
                public void load(DataInputStream in, String file) throws IOException {
                    model.loadCheckpoint(in, file, adam);
                }
            }, monitor);
            Path weights = outDir.resolve(Mc3Descriptor.MODEL_ID + ".params");
            AtomicFiles.write(weights, model::save);
            Path descriptor = outDir.resolve(Mc3Descriptor.MODEL_ID + ".json");
            byte[] json = Mc3Descriptor.json(spec.config(), weights, model.parameterCount(),
                    Mc3Descriptor.training(spec, data, outcome.steps(), model.temperature(), clips.size(),
                            spec.mining().minedIn(outcome.steps())))
                    .getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(descriptor, out -> out.write(json));
            TrainingProgress done = loop.report("done", outcome.steps(), outcome.last(), Double.NaN);
            monitor.progress(done);
            return new TrainingResult(weights, descriptor, outDir.resolve("loss.csv"), outcome.steps(),
                    outcome.cancelled(), (System.nanoTime() - t0) / 1e9);
        }
    }

    /** One optimizer step; returns the total loss, its two parts and the batch's video→audio top-1 accuracy. */
    static double[] step(Mc3Model model, Adam adam, Mc3Batch batch, Mc3Loss.Consensus consensus, float lr) {
        Mc3Config c = model.block().config();
        NDManager manager = model.manager();
        double[] out = new double[4];
        try (NDManager scope = manager.newSubManager()) {
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                int b = batch.size();
                NDArray frames = scope.create(batch.frames(), new Shape(b, c.steps(), c.frameHeight(),
                        c.frameWidth(), 3));
                NDArray mel = scope.create(batch.mel(), new Shape(b, c.melBins(), c.melFrames()));
                NDArray text = scope.create(batch.text(), new Shape(b, c.buckets()));
                NDList z = model.block().forward(model.store(), new NDList(frames, mel, text), true);
                NDArray[] loss = Mc3Loss.total(z.get(0), z.get(1), z.get(2), z.get(3), consensus);
                gc.backward(loss[0]);
                out[0] = loss[0].getFloat();
                out[1] = loss[1].getFloat();
                out[2] = loss[2].getFloat();
                long[] best = z.get(1).matMul(z.get(0).transpose()).argMax(1).toLongArray();
                int hits = 0;
                for (int i = 0; i < b; i++) {
                    hits += best[i] == i ? 1 : 0;
                }
                out[3] = (double) hits / b;
            }
            try (GradMode.Scope off = GradMode.off()) {
                adam.step(lr);
                NDArray scale = model.block().logitScale().getArray();
                if (scale.getFloat(0) > Mc3Block.MAX_LOGIT_SCALE) {
                    scale.set(new float[] {Mc3Block.MAX_LOGIT_SCALE});
                }
            }
        }
        return out;
    }
}
