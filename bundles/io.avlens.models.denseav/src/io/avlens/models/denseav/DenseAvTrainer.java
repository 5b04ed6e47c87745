package io.avlens.models.denseav;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.DoubleStream;

/**
 * Trains DenseAV-small with {@link DenseAvLoss} on the pairs of {@link PairSampler}, on the CPU, driven by the shared
 * {@link TrainingLoop}. The engine's seed is set to the spec's before the weights are initialised and the batch of
 * step {@code s} is drawn from {@code new Random(seed · 1_000_003 + s)}, so a resumed run ends with the weights of an
 * uninterrupted one (each step computed with the engine thread count the run started with, kept in the
 * checkpoint). Writes {@code loss.csv} ({@link #columns}), {@code checkpoint.bin}, {@code denseav-small.params} and
 * its descriptor {@code denseav-small.json}. Not thread-safe.
 */
public final class DenseAvTrainer {

    /** The columns of the loss curve: the InfoNCE, the temperature and the batch's audio→image top-1 accuracy. */
    public static final LossColumns COLUMNS = LossColumns.of(List.of("loss", "temperature", "accuracy"),
            List.of("temperature", "accuracy"), "loss");

    /**
     * The columns of a run with the disentanglement term: {@code loss} is then the InfoNCE plus the weighted term, and
     * {@code disentangle} the term before weighting ({@link DenseAvLoss#disentangle}).
     */
    public static final LossColumns COLUMNS_DISENTANGLE = LossColumns.of(
            List.of("loss", "temperature", "accuracy", "disentangle"), List.of("temperature", "accuracy"), "loss");

    /**
     * The columns of a run's loss curve: {@link #COLUMNS}, then {@code disentangle} with the disentanglement term
     * ({@link #COLUMNS_DISENTANGLE}) and {@code centring} with the centring term ({@link DenseAvLoss#centring}, before
     * weighting); {@code loss} is the InfoNCE plus the weighted terms.
     */
    public static LossColumns columns(boolean disentangle, boolean centring) {
        if (!centring) {
            return disentangle ? COLUMNS_DISENTANGLE : COLUMNS;
        }
        List<String> names = new ArrayList<>(List.of("loss", "temperature", "accuracy"));
        if (disentangle) {
            names.add("disentangle");
        }
        names.add("centring");
        return LossColumns.of(names, List.of("temperature", "accuracy"), "loss");
    }

    /**
     * Trains (or resumes) into {@code outDir} on clips in memory.
     *
     * @param data what the clips are, for the descriptor (folder, split, dataset description, command)
     */
    public TrainingResult train(DenseAvTrainSpec spec, List<DenseClip> clips, DenseAvDescriptor.Provenance data,
            Path outDir, TrainingMonitor monitor) throws IOException {
        return train(spec, clips, null, data, outDir, monitor);
    }

    /**
     * Trains (or resumes) into {@code outDir} on clips in memory, each with its source for the disentanglement term.
     *
     * @param sources the source of each clip, parallel to {@code clips}; {@code null} when the spec's disentangle
     *                weight is 0 (then they are not used and training is that of {@link #train(DenseAvTrainSpec,
     *                List, DenseAvDescriptor.Provenance, Path, TrainingMonitor) the sourceless call})
     * @param data    what the clips are, for the descriptor (folder, split, dataset description, command)
     */
    public TrainingResult train(DenseAvTrainSpec spec, List<DenseClip> clips, List<ClipSource> sources,
            DenseAvDescriptor.Provenance data, Path outDir, TrainingMonitor monitor) throws IOException {
        return train(spec, clips, sources, null, data, outDir, monitor);
    }

    /**
     * Trains (or resumes) into {@code outDir} on clips in memory, each with its source for the disentanglement term and
     * its instance masks for the background swap.
     *
     * @param masks each clip's object ids ({@link BackgroundSwap#of}), parallel to {@code clips}; needed when the
     *              spec's background swap is on, else not used ({@code null} allowed)
     */
    public TrainingResult train(DenseAvTrainSpec spec, List<DenseClip> clips, List<ClipSource> sources,
            List<byte[]> masks, DenseAvDescriptor.Provenance data, Path outDir, TrainingMonitor monitor)
            throws IOException {
        long t0 = System.nanoTime();
        if (spec.backgroundSwap() && (masks == null || masks.size() != clips.size())) {
            throw new IllegalArgumentException("the background swap needs the masks of each of the " + clips.size()
                    + " clips");
        }
        boolean disentangle = spec.disentangleWeight() > 0;
        if (disentangle && (sources == null || sources.size() != clips.size())) {
            throw new IllegalArgumentException("the disentanglement term needs the source of each of the "
                    + clips.size() + " clips");
        }
        Files.createDirectories(outDir);
        int needed = spec.batchSize() / spec.pairsPerClip();
        if (clips.size() < needed) {
            throw new IOException(data.data() + ": " + clips.size() + " clips, a batch needs " + needed);
        }
        DjlSetup.engine().setRandomSeed((int) spec.seed());
        PairSampler sampler = sampler(spec, clips, masks);
        try (DenseAvModel model = DenseAvModel.initialised(spec.config())) {
            model.requireGradients();
            Adam adam = new Adam(model.block().getParameters(), model.manager());
            boolean centring = spec.centreWeight() > 0;
            TrainingLoop loop = new TrainingLoop(DenseAvBlockFactory.FAMILY, columns(disentangle, centring),
                    spec.steps(), spec.seed(), spec.checkpointEvery(), spec.logEvery());
            TrainingLoop.Outcome outcome = loop.run(outDir, new EngineTrainee() {
                @Override
                public double[] step(int step) {
                    PairSampler.Batch batch = sampler.sample(clips, disentangle ? sources : null,
                            spec.batchSize(), batchRandom(spec, step));
                    double[] v = DenseAvTrainer.step(model, adam, batch, spec.learningRate(step),
                            spec.disentangleWeight(), spec.spaceContrast(), spec.borderCells(), spec.headsApart(),
                            spec.centreWeight());
                    DoubleStream.Builder row = DoubleStream.builder().add(v[0])
                            .add(model.temperature()).add(v[1]); // the columns of columns(disentangle, centring)
                    if (disentangle) {
                        row.add(v[2]);
                    }
                    if (centring) {
                        row.add(v[3]);
                    }
                    return row.build().toArray();
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
            Path weights = outDir.resolve(DenseAvDescriptor.MODEL_ID + ".params");
            AtomicFiles.write(weights, model::save);
            Path descriptor = outDir.resolve(DenseAvDescriptor.MODEL_ID + ".json");
            byte[] json = DenseAvDescriptor.json(spec.config(), weights, model.parameterCount(),
                    DenseAvDescriptor.training(spec, data, outcome.steps(), model.temperature(), clips.size()))
                    .getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(descriptor, out -> out.write(json));
            TrainingProgress done = loop.report("done", outcome.steps(), outcome.last(), Double.NaN);
            monitor.progress(done);
            return new TrainingResult(weights, descriptor, outDir.resolve("loss.csv"), outcome.steps(),
                    outcome.cancelled(), (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * The image input of the batch that {@link #train} draws at (0-based) {@code step}, {@code [B, H, W, I]} flat
     * ({@link PairSampler}, with the spec's background swap built from {@code masks}), for checks of what training
     * sees; nothing is trained.
     *
     * @param masks each clip's object ids, parallel to {@code clips}; needed when the spec's background swap is on
     */
    public static float[] batchFrames(DenseAvTrainSpec spec, List<DenseClip> clips, List<byte[]> masks, int step) {
        return sampler(spec, clips, masks).sample(clips, null, spec.batchSize(), batchRandom(spec, step)).frames();
    }

    private static PairSampler sampler(DenseAvTrainSpec spec, List<DenseClip> clips, List<byte[]> masks) {
        return new PairSampler(spec.config(), spec.ambientFactor(), spec.pairsPerClip(),
                spec.backgroundSwap() ? BackgroundSwap.of(clips, masks) : null, spec.sharedBackground());
    }

    /** The draws of step {@code step}'s batch. */
    private static Random batchRandom(DenseAvTrainSpec spec, int step) {
        return new Random(spec.seed() * 1_000_003L + step);
    }

    /**
     * One optimizer step; returns the loss (InfoNCE plus {@code disentangleWeight} times the disentanglement term
     * plus {@code centreWeight} times the centring term), the batch's audio→image top-1 accuracy and the two terms
     * unweighted (each 0 when its weight is 0: then not computed).
     * The heads are scored together (DenseAV's element-wise maximum) or, {@code apart}, each on its own: the InfoNCE
     * is then the mean of each head's, and the accuracy is taken from the mean over heads of their scores.
     */
    static double[] step(DenseAvModel model, Adam adam, PairSampler.Batch batch, float lr, double disentangleWeight,
            double spaceContrast, int borderCells, boolean apart, double centreWeight) {
        DenseAvConfig c = model.block().config();
        NDManager manager = model.manager();
        double loss;
        double accuracy;
        double term = 0;
        double centring = 0;
        try (NDManager scope = manager.newSubManager()) {
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                int b = batch.size();
                NDArray frames = scope.create(batch.frames(), new Shape(b, c.frameHeight(), c.frameWidth(),
                        c.imageChannels()));
                NDArray mel = scope.create(batch.mel(), new Shape(b, c.melBins(),
                        (long) batch.steps() * DenseAvConfig.AUDIO_STRIDE));
                NDArray voiced = scope.create(batch.voiced(), new Shape(b, batch.steps()));
                NDList out = model.block().forward(model.store(), new NDList(frames, mel), true);
                NDArray scores;
                NDArray value;
                if (apart) {
                    NDArray heads = DenseAvLoss.headScores(DenseAvLoss.interior(out.get(0), borderCells), out.get(1),
                            voiced, spaceContrast);
                    value = DenseAvLoss.infoNceApart(heads, out.get(2));
                    scores = heads.mean(new int[] {0});
                } else {
                    scores = DenseAvLoss.scores(DenseAvLoss.interior(out.get(0), borderCells), out.get(1), voiced,
                            spaceContrast);
                    value = DenseAvLoss.infoNce(scores, out.get(2));
                }
                if (centreWeight > 0) {
                    NDArray centre = DenseAvLoss.centring(out.get(0), out.get(1));
                    centring = centre.getFloat();
                    value = value.add(centre.mul((float) centreWeight));
                }
                if (disentangleWeight > 0) {
                    NDArray other = scope.create(ClipSource.otherHeads(batch.sources(), c.heads()),
                            new Shape(b, c.heads()));
                    NDArray d = DenseAvLoss.disentangle(out.get(0), out.get(1), other);
                    term = d.getFloat();
                    value = value.add(d.mul((float) disentangleWeight));
                }
                gc.backward(value);
                loss = value.getFloat();
                long[] best = scores.argMax(1).toLongArray();
                int hits = 0;
                for (int i = 0; i < b; i++) {
                    hits += best[i] == i ? 1 : 0;
                }
                accuracy = (double) hits / b;
            }
            try (GradMode.Scope off = GradMode.off()) {
                adam.step(lr);
                NDArray scale = model.block().logitScale().getArray();
                if (scale.getFloat(0) > DenseAvBlock.MAX_LOGIT_SCALE) {
                    scale.set(new float[] {DenseAvBlock.MAX_LOGIT_SCALE});
                }
            }
        }
        return new double[] {loss, accuracy, term, centring};
    }
}
