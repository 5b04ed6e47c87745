package io.avlens.models.difffoley;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.avlens.lib.djl.GradMode;
import io.avlens.models.training.Adam;
import java.util.List;
import java.util.Random;

/**
 * One training step of the denoiser: {@code batch} crops of {@code crop} video steps (and their mel frames), of
 * random clips at random places or where a caller's {@link Crops} says, steps {@code n} uniform in 0 … 999, Gaussian noise,
 * {@code x_n = √ᾱ_n x_0 + √(1−ᾱ_n) ε}, the condition kept with probability {@code 1 − drop}, and the
 * preconditioned loss {@code mean (F_θ(x_n, n, c) − (x₀ − c_skip x_n / α_n) / c_out)²} ({@link Preconditioning}:
 * the error of {@code x̂₀} weighted by {@code 1 / c_out²}, so no noise level dominates). Everything random is drawn
 * from {@code random}, in Java.
 */
final class DenoiserTraining {

    private DenoiserTraining() {
    }

    /**
     * Where each entry of a batch is cut from: its clip, drawn before the entry's noise step, then its first video
     * step, drawn after it (the order the shipped weights' draws follow).
     */
    interface Crops {
        /** The clip of entry {@code b}. */
        TrainingClip clip(int b);

        /** The first video step of entry {@code b}'s crop. */
        int start(int b);
    }

    /** Returns the loss; each entry a random clip of {@code clips} and a random crop of it. */
    static double step(DiffFoleyPart<DenoiserBlock> model, Adam adam, List<TrainingClip> clips, int batch,
            int crop, double drop, float lr, Random random) {
        int starts = model.block().config().steps() - crop + 1;
        return step(model, adam, batch, crop, drop, lr, random, new Crops() {
            @Override
            public TrainingClip clip(int b) {
                return clips.get(random.nextInt(clips.size()));
            }

            @Override
            public int start(int b) {
                return random.nextInt(starts);
            }
        });
    }

    /** Returns the loss; entry {@code b} cut where {@code crops} says, everything else drawn from {@code random}. */
    static double step(DiffFoleyPart<DenoiserBlock> model, Adam adam, int batch, int crop, double drop, float lr,
            Random random, Crops crops) {
        DiffFoleyConfig c = model.block().config();
        NoiseSchedule schedule = NoiseSchedule.diffFoley();
        int k = c.melPerStep();
        int frames = crop * k;
        int bins = c.melBins();
        int size = bins * frames;
        int cond = crop * c.videoChannels();
        float[] x = new float[batch * size];
        float[] x0 = new float[batch * size];
        float[] t = new float[batch];
        float[] video = new float[batch * cond];
        int look = crop * c.appearanceValues();
        float[] appearance = new float[batch * look];
        float[] keep = new float[batch];
        for (int b = 0; b < batch; b++) {
            TrainingClip clip = crops.clip(b);
            int n = random.nextInt(NoiseSchedule.STEPS);
            t[b] = n;
            double a = Math.sqrt(schedule.alphaCumprod(n));
            double s = Math.sqrt(1 - schedule.alphaCumprod(n));
            int start = crops.start(b);
            for (int m = 0; m < bins; m++) {
                int from = m * c.melFrames() + start * k;
                for (int f = 0; f < frames; f++) {
                    float e = (float) random.nextGaussian();
                    int i = b * size + m * frames + f;
                    x0[i] = clip.mel()[from + f];
                    x[i] = (float) (a * clip.mel()[from + f] + s * e);
                }
            }
            System.arraycopy(clip.video(), start * c.videoChannels(), video, b * cond, cond);
            System.arraycopy(clip.appearance(), start * c.appearanceValues(), appearance, b * look, look);
            keep[b] = random.nextDouble() < drop ? 0 : 1;
        }
        NDManager manager = model.manager();
        double loss;
        try (NDManager scope = manager.newSubManager()) {
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                NDArray xa = scope.create(x, new Shape(batch, bins, frames));
                NDArray ta = scope.create(t);
                NDArray seen = model.block().appearance(model.store(), scope.create(appearance,
                        new Shape(batch, crop, Appearance.CHANNELS, c.appearanceSize(), c.appearanceSize())), true);
                NDArray predicted = model.block().network(model.store(), xa, ta,
                        scope.create(video, new Shape(batch, crop, c.videoChannels())), seen, scope.create(keep),
                        true);
                NDArray target = Preconditioning.at(ta).target(scope.create(x0, xa.getShape()), xa);
                NDArray l = predicted.sub(target).square().mean();
                gc.backward(l);
                loss = l.getFloat();
            }
            try (GradMode.Scope off = GradMode.off()) {
                adam.step(lr);
            }
        }
        return loss;
    }
}
