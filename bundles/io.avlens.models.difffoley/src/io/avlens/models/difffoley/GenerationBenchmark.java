package io.avlens.models.difffoley;

import io.avlens.analysis.generation.GuidanceSettings;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.InferenceException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.eclipse.core.runtime.NullProgressMonitor;

/**
 * Times Diff-Foley-small's generation of one 4 s clip ({@code avlens bench --generate}): one double-guided sample
 * at the defaults (ω 4.5, γ 50, 25 DPM-Solver++ steps) and a batch of {@code batch} cells (seeds 21, 22, …) in one
 * call, each split into its phases: the video features, the sampler (denoiser and classifier gradient, in the
 * engine), Griffin-Lim (32 iterations) and the two metrics (CAVP-small's lag estimate, the classifier score). The
 * clip is random frames: the work does not depend on the pictures. Medians over {@code runs} after one untimed run.
 */
public final class GenerationBenchmark {

    /**
     * Median milliseconds of each phase of one call.
     *
     * @param cells          samples generated in the call
     * @param videoMs        the video features
     * @param samplerMs      the sampler (all cells)
     * @param griffinLimMs   Griffin-Lim (all cells)
     * @param metricsMs      sync estimate and classifier score (all cells)
     * @param totalMs        the whole call
     * @param perSampleMs    {@code totalMs / cells}
     */
    public record Timing(int cells, double videoMs, double samplerMs, double griffinLimMs, double metricsMs,
            double totalMs, double perSampleMs) {
    }

    private GenerationBenchmark() {
    }

    /** The timing of generating {@code cells} samples of one clip in one call. */
    public static Timing run(DiffFoleyGenerator generator, int cells, int runs) throws InferenceException {
        int steps = generator.profile().video().frameCount(generator.profile().clipSeconds());
        float[] frames = new float[steps * generator.profile().video().height() * generator.profile().video().width()
                * 3];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < frames.length; i++) {
            frames[i] = (float) random.nextDouble();
        }
        ClipCondition clip = new ClipCondition(FloatTensor.wrap(new int[] {steps,
            generator.profile().video().height(), generator.profile().video().width(), 3}, frames), 0);
        List<GuidanceSettings> settings = new ArrayList<>();
        for (int k = 0; k < cells; k++) {
            settings.add(GuidanceSettings.DEFAULT.withSeed(GuidanceSettings.DEFAULT.seed() + k));
        }
        double[][] t = new double[5][runs];
        for (int r = -1; r < runs; r++) {
            long t0 = System.nanoTime();
            FloatTensor features = generator.videoFeatures(clip);
            long t1 = System.nanoTime();
            List<FloatTensor> mels = generator.generate(clip, "bench", settings, new NullProgressMonitor());
            long t2 = System.nanoTime();
            for (FloatTensor mel : mels) {
                generator.vocode(mel);
            }
            long t3 = System.nanoTime();
            generator.classifierScores(features, mels);
            for (FloatTensor mel : mels) {
                generator.syncOffset(clip, mel);
            }
            long t4 = System.nanoTime();
            if (r >= 0) {
                t[0][r] = (t1 - t0) / 1e6;
                t[1][r] = (t2 - t1) / 1e6;
                t[2][r] = (t3 - t2) / 1e6;
                t[3][r] = (t4 - t3) / 1e6;
                t[4][r] = (t4 - t0) / 1e6;
            }
        }
        double total = median(t[4]);
        return new Timing(cells, median(t[0]), median(t[1]), median(t[2]), median(t[3]), total, total / cells);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
