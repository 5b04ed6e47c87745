package io.avlens.models.difffoley;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import io.avlens.lib.djl.GradMode;
import io.avlens.models.training.Adam;
import java.util.List;
import java.util.Random;

/**
 * One training step of the alignment classifier (methods.md §4): each of the batch's clips' video features with the
 * sound {@link AlignmentPairs} chooses (its own; its own shifted by 0.5 s to 3.5 s, or by a near miss of 0.1 s to
 * 0.5 s either way; or another clip's), cut to a random crop of {@code crop} video steps. The sound is noised to a
 * step {@code n} uniform in 0 … 999, as the sampler will show it; the loss is binary cross-entropy on the logit.
 */
final class ClassifierTraining {

    /** The smallest shift of a shifted negative, seconds. */
    static final double MIN_SHIFT_SECONDS = 0.5;
    /** The smallest shift of a near miss, seconds (CondFoleyGen's onset tolerance). */
    static final double NEAR_SHIFT_SECONDS = 0.1;

    private ClassifierTraining() {
    }

    /**
     * The training pairs of {@code clips} at {@code config}'s mel rate, made once per training, {@code nearShare} of
     * the shifted ones near misses.
     */
    static AlignmentPairs pairs(DiffFoleyConfig config, List<TrainingClip> clips, double nearShare) {
        double rate = config.profile().melFramesPerSecond();
        return new AlignmentPairs(clips, (int) Math.round(MIN_SHIFT_SECONDS * rate), config.melFrames(),
                (int) Math.round(NEAR_SHIFT_SECONDS * rate), nearShare);
    }

    /** Returns the loss and the batch's accuracy. */
    static double[] step(DiffFoleyPart<AlignmentClassifierBlock> model, Adam adam, AlignmentPairs pairs,
            int batch, int crop, float lr, Random random) {
        List<TrainingClip> clips = pairs.clips();
        DiffFoleyConfig c = model.block().config();
        NoiseSchedule schedule = NoiseSchedule.diffFoley();
        int bins = c.melBins();
        int frames = c.melFrames();
        int k = c.melPerStep();
        int cropFrames = crop * k;
        int size = bins * cropFrames;
        int cond = crop * c.videoChannels();
        float[] x = new float[batch * size];
        float[] t = new float[batch];
        float[] video = new float[batch * cond];
        float[] label = new float[batch];
        for (int b = 0; b < batch; b++) {
            int j = random.nextInt(clips.size());
            TrainingClip clip = clips.get(j);
            AlignmentPairs.Pair pair = pairs.draw(j, random);
            float[] mel = clips.get(pair.sound()).mel();
            int shift = pair.shift();
            label[b] = pair.aligned() ? 1 : 0;
            int n = random.nextInt(NoiseSchedule.STEPS);
            t[b] = n;
            double a = Math.sqrt(schedule.alphaCumprod(n));
            double s = Math.sqrt(1 - schedule.alphaCumprod(n));
            int start = random.nextInt(c.steps() - crop + 1);
            for (int m = 0; m < bins; m++) {
                for (int f = 0; f < cropFrames; f++) {
                    float v = mel[m * frames + (start * k + f + shift) % frames];
                    x[b * size + m * cropFrames + f] = (float) (a * v + s * random.nextGaussian());
                }
            }
            System.arraycopy(clip.video(), start * c.videoChannels(), video, b * cond, cond);
        }
        NDManager manager = model.manager();
        double[] out = new double[2];
        try (NDManager scope = manager.newSubManager()) {
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                NDArray logit = model.block().logit(model.store(),
                        scope.create(x, new Shape(batch, bins, cropFrames)), scope.create(t),
                        scope.create(video, new Shape(batch, crop, c.videoChannels())), true);
                NDArray y = scope.create(label);
                // BCE with logits: softplus(z) − y·z
                NDArray l = Activation.softPlus(logit).sub(logit.mul(y)).mean();
                gc.backward(l);
                out[0] = l.getFloat();
                float[] z = logit.toFloatArray();
                int hits = 0;
                for (int b = 0; b < batch; b++) {
                    hits += (z[b] > 0) == (label[b] > 0.5f) ? 1 : 0;
                }
                out[1] = (double) hits / batch;
            }
            try (GradMode.Scope off = GradMode.off()) {
                adam.step(lr);
            }
        }
        return out;
    }
}
