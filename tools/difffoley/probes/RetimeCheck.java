package io.avlens.models.difffoley;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Experiment: does a guidance classifier tell a clip's own sound from the same sound with one event moved by one or
 * two video frames, or shifted by 0.5-3.5 s? AUC of the logit (own vs edited) at several noise steps, on DATA's clips.
 * java ... RetimeCheck DATA N CLASSIFIER.params...
 */
public final class RetimeCheck {
    public static void main(String[] a) throws Exception {
        System.setProperty("df.data", a[0]);
        DiffFoleyConfig c = DiffFoleyConfig.small();
        List<TrainingClip> clips = Retime.clips(a[0], a[1]);
        int bins = c.melBins(), frames = c.melFrames();
        NoiseSchedule schedule = NoiseSchedule.diffFoley();
        for (int p = 2; p < a.length; p++) {
            try (DiffFoleyPart<AlignmentClassifierBlock> model = Retime.classifier(a[p])) {
                for (int n : new int[] {0, 100, 300, 500, 700}) {
                    Random r = new Random(7);
                    double[] own = new double[clips.size()], moved = new double[clips.size()], shifted = new double[clips.size()];
                    int m = 0;
                    for (TrainingClip clip : clips) {
                        float[] mv = Retime.moveOneEvent(clip.mel(), bins, frames, Retime.events(clip.id(), frames), r);
                        if (mv == null || !clip.sounding()) {
                            continue;
                        }
                        int sh = 32 + r.nextInt(frames - 64 + 1);
                        float[] sm = new float[clip.mel().length];
                        for (int b = 0; b < bins; b++) {
                            for (int f = 0; f < frames; f++) {
                                sm[b * frames + f] = clip.mel()[b * frames + (f + sh) % frames];
                            }
                        }
                        long seed = r.nextLong();
                        own[m] = logit(model, c, clip, clip.mel(), n, seed, schedule);
                        moved[m] = logit(model, c, clip, mv, n, seed, schedule);
                        shifted[m] = logit(model, c, clip, sm, n, seed, schedule);
                        m++;
                    }
                    System.out.printf("%s n=%d clips=%d  AUC own>moved %.3f  own>shifted %.3f  mean logit own %.2f moved %.2f shifted %.2f%n",
                            Path.of(a[p]).getParent().getFileName(), n, m, auc(own, moved, m), auc(own, shifted, m),
                            mean(own, m), mean(moved, m), mean(shifted, m));
                }
            }
        }
    }

    static double logit(DiffFoleyPart<AlignmentClassifierBlock> model, DiffFoleyConfig c, TrainingClip clip, float[] mel,
            int n, long seed, NoiseSchedule s) {
        Random r = new Random(seed);
        double a = Math.sqrt(s.alphaCumprod(n)), sd = Math.sqrt(1 - s.alphaCumprod(n));
        float[] x = new float[mel.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (a * mel[i] + sd * r.nextGaussian());
        }
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray z = model.block().logit(model.store(), scope.create(x, new Shape(1, c.melBins(), c.melFrames())),
                    scope.create(new float[] {n}), scope.create(clip.video(), new Shape(1, c.steps(), c.videoChannels())), false);
            return z.toFloatArray()[0];
        }
    }

    static double mean(double[] v, int m) {
        double s = 0;
        for (int i = 0; i < m; i++) s += v[i];
        return s / m;
    }

    /** Paired AUC: the share of clips where own > edited (ties half). */
    static double auc(double[] own, double[] other, int m) {
        double w = 0;
        for (int i = 0; i < m; i++) w += own[i] > other[i] ? 1 : own[i] == other[i] ? 0.5 : 0;
        return w / m;
    }
}
