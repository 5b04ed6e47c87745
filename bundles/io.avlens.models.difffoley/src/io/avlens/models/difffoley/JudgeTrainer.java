package io.avlens.models.difffoley;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.avlens.core.io.AtomicFiles;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.lib.djl.GradMode;
import io.avlens.models.training.Adam;
import io.avlens.models.training.LossColumns;
import io.avlens.models.training.TrainingLoop;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingProgress;
import io.avlens.models.training.TrainingResult;
import io.avlens.models.training.WarmupCosineSchedule;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Trains the AV-Shapes judges ({@link JudgeBlock}) on real clips, both in each step on the shared
 * {@link TrainingLoop} and Adam. Alignment pairs (methods.md §4): half of a batch its clips' own sound (label 1), a
 * quarter the same clip's sound rolled by 2 to 12 video frames either way (0.25 to 1.5 s; 0), a quarter another
 * clip's sound (0); binary cross-entropy. Materials: each clip's own sound against the five binary labels of its
 * sounding materials (binary cross-entropy; clips without an on-screen sound add nothing). The batch of step
 * {@code s} is drawn from {@code new Random(seed · 1_000_003 + s)}, so a resumed run ends as an uninterrupted one.
 * Writes {@code loss.csv}, {@code checkpoint.bin} and {@code avshapes-judges.params}. Not thread-safe.
 */
public final class JudgeTrainer {

    /** The family id of {@code avlens train --family}. */
    public static final String FAMILY = "avshapes-judges";

    /** Loss curve columns: total, the two losses and the two batch accuracies. */
    public static final LossColumns COLUMNS = LossColumns.of(
            List.of("loss", "align", "material", "alignAccuracy", "materialAccuracy"),
            List.of("alignAccuracy", "materialAccuracy"), "loss");

    /** The largest roll of a shifted negative, video frames. */
    static final int MAX_SHIFT_STEPS = 12;
    /** The smallest roll of a shifted negative, video frames. */
    static final int MIN_SHIFT_STEPS = 2;

    /**
     * Trains (or resumes) into {@code outDir}.
     *
     * @param clips real in-sync clips, at least {@code batch}
     */
    public TrainingResult train(List<JudgeClip> clips, int steps, int batch, float learningRate, long seed,
            int checkpointEvery, Path outDir, TrainingMonitor monitor) throws IOException {
        long t0 = System.nanoTime();
        if (clips.size() < Math.max(batch, 2)) {
            throw new IOException(outDir + ": " + clips.size() + " in-sync clips to train the judges on, a batch"
                    + " needs " + batch);
        }
        Files.createDirectories(outDir);
        DjlSetup.engine().setRandomSeed((int) seed);
        WarmupCosineSchedule schedule = new WarmupCosineSchedule(learningRate, Math.min(50, steps / 10), steps);
        try (JudgeModel model = JudgeModel.initialised(JudgeClip.VIDEO_CHANNELS)) {
            model.requireGradients();
            Adam adam = new Adam(model.block().getParameters(), model.manager());
            TrainingLoop loop = new TrainingLoop(FAMILY, COLUMNS, steps, seed, checkpointEvery,
                    Math.min(25, checkpointEvery));
            TrainingLoop.Outcome outcome = loop.run(outDir, new TrainingLoop.Trainee() {
                @Override
                public double[] step(int step) {
                    Random random = new Random(seed * 1_000_003L + step);
                    return JudgeTrainer.step(model, adam, clips, batch, random, schedule.at(step));
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
            Path weights = outDir.resolve(JudgeModel.NAME + ".params");
            AtomicFiles.write(weights, model::save);
            TrainingProgress done = loop.report("done", outcome.steps(), outcome.last(), Double.NaN);
            monitor.progress(done);
            return new TrainingResult(weights, weights, outDir.resolve("loss.csv"), outcome.steps(),
                    outcome.cancelled(), (System.nanoTime() - t0) / 1e9);
        }
    }

    /** One optimiser step; returns the loss row. */
    static double[] step(JudgeModel model, Adam adam, List<JudgeClip> clips, int b, Random random, float lr) {
        int melSize = JudgeBlock.BINS * JudgeBlock.FRAMES;
        int videoSize = JudgeBlock.STEPS * JudgeClip.VIDEO_CHANNELS;
        int k = JudgeMaterials.ALL.size();
        float[] alignMel = new float[b * melSize];
        float[] ownMel = new float[b * melSize];
        float[] video = new float[b * videoSize];
        float[] alignLabel = new float[b];
        float[] materialLabel = new float[b * k];
        float[] materialMask = new float[b];
        for (int i = 0; i < b; i++) {
            JudgeClip c = clips.get(random.nextInt(clips.size()));
            float[] sound = pair(c, i, b, clips, random);
            alignLabel[i] = sound == c.mel() ? 1 : 0;
            System.arraycopy(sound, 0, alignMel, i * melSize, melSize);
            System.arraycopy(c.mel(), 0, ownMel, i * melSize, melSize);
            System.arraycopy(c.video(), 0, video, i * videoSize, videoSize);
            float[] y = JudgeMaterials.multiHot(c.events().soundingMaterials());
            System.arraycopy(y, 0, materialLabel, i * k, k);
            materialMask[i] = c.events().soundingMaterials().isEmpty() ? 0 : 1;
        }
        NDManager manager = model.manager();
        double[] row = new double[5];
        try (NDManager scope = manager.newSubManager()) {
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                NDArray am = scope.create(alignMel, new Shape(b, JudgeBlock.BINS, JudgeBlock.FRAMES));
                NDArray om = scope.create(ownMel, new Shape(b, JudgeBlock.BINS, JudgeBlock.FRAMES));
                NDArray v = scope.create(video, new Shape(b, JudgeBlock.STEPS, JudgeClip.VIDEO_CHANNELS));
                NDList out = model.block().forward(model.store(), new NDList(am, v, om), true);
                NDArray ya = scope.create(alignLabel);
                NDArray align = bce(out.get(0), ya).mean();
                NDArray ym = scope.create(materialLabel, new Shape(b, k));
                NDArray mask = scope.create(materialMask);
                float masked = Math.max(1, sum(materialMask));
                NDArray material = bce(out.get(1), ym).mean(new int[] {1}).mul(mask).sum().div(masked);
                NDArray loss = align.add(material);
                gc.backward(loss);
                row[0] = loss.getFloat();
                row[1] = align.getFloat();
                row[2] = material.getFloat();
                float[] logits = out.get(0).toFloatArray();
                int right = 0;
                for (int i = 0; i < b; i++) {
                    right += (logits[i] > 0) == (alignLabel[i] > 0) ? 1 : 0;
                }
                row[3] = (double) right / b;
                float[] scores = out.get(1).toFloatArray();
                int mRight = 0;
                for (int i = 0; i < b; i++) {
                    float[] s = java.util.Arrays.copyOfRange(scores, i * k, (i + 1) * k);
                    float[] y = java.util.Arrays.copyOfRange(materialLabel, i * k, (i + 1) * k);
                    mRight += materialMask[i] > 0 && y[JudgeMaterials.ALL.indexOf(JudgeMaterials.top(s))] > 0
                            ? 1 : 0;
                }
                row[4] = (double) mRight / masked;
            }
            try (GradMode.Scope off = GradMode.off()) {
                adam.step(lr);
            }
        }
        return row;
    }

    /** The sound paired with {@code c} for slot {@code i} of {@code b}: its own, rolled, or another clip's. */
    static float[] pair(JudgeClip c, int i, int b, List<JudgeClip> clips, Random random) {
        if (i < b / 2) {
            return c.mel();
        }
        if (i < b / 2 + b / 4) {
            int steps = MIN_SHIFT_STEPS + random.nextInt(MAX_SHIFT_STEPS - MIN_SHIFT_STEPS + 1);
            int frames = steps * JudgeBlock.FRAMES / JudgeBlock.STEPS;
            return JudgeClip.roll(c.mel(), random.nextBoolean() ? frames : -frames);
        }
        JudgeClip other;
        do {
            other = clips.get(random.nextInt(clips.size()));
        } while (other == c);
        return other.mel();
    }

    /** Binary cross-entropy with logits, element-wise: {@code max(x, 0) − x y + log(1 + e^{−|x|})}. */
    static NDArray bce(NDArray logits, NDArray labels) {
        return logits.maximum(0f).sub(logits.mul(labels)).add(logits.abs().neg().exp().add(1f).log());
    }

    private static float sum(float[] x) {
        float s = 0;
        for (float v : x) {
            s += v;
        }
        return s;
    }
}
