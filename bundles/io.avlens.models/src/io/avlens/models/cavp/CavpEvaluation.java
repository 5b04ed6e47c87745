package io.avlens.models.cavp;

import io.avlens.analysis.similarity.SyncEstimate;
import io.avlens.analysis.similarity.SyncOffsetEstimator;
import io.avlens.analysis.similarity.TimeBase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sync task: estimate each clip's audio lag from the model's features with {@code io.avlens.analysis}'s
 * {@link SyncOffsetEstimator} ({@code lag* = argmax_d mean_t S[t+d, t]}, methods.md §1) and compare with the lag its
 * sidecar states. A clip counts as right when {@code |lag* − lag| ≤ 1/fps} (one video frame) plus a microsecond for
 * rounding. AV-Shapes lags are continuous, so a sub-step estimate is also reported: {@link #refine} fits a parabola
 * through the best band mean and its neighbours.
 */
public final class CavpEvaluation {

    private CavpEvaluation() {
    }

    /** Evaluates {@code model} on the clips of {@code dataDir} with {@code |lag| ≤ maxLagSeconds}. */
    public static SyncMetrics evaluate(CavpModel model, Path dataDir, double maxLagSeconds) throws IOException {
        return evaluate(model, new AvShapesData(model.config()).load(dataDir), maxLagSeconds);
    }

    /** Evaluates on preprocessed clips. */
    public static SyncMetrics evaluate(CavpModel model, List<ClipTensors> clips, double maxLagSeconds) {
        double step = 1 / model.config().profile().video().fps();
        int maxSteps = (int) Math.round(maxLagSeconds / step);
        SyncOffsetEstimator estimator = SyncOffsetEstimator.upTo(maxLagSeconds, TimeBase.ofRate(1 / step));
        List<SyncMetrics.ClipResult> results = new ArrayList<>();
        int hits = 0;
        int refinedHits = 0;
        int exact = 0;
        double err = 0;
        double refinedErr = 0;
        for (ClipTensors clip : clips) {
            if (Math.abs(clip.lagSeconds()) > maxLagSeconds + 1e-9 || clip.steps() <= maxSteps) {
                continue;
            }
            CavpFeatures f = model.features(clip);
            SyncEstimate e = estimator.estimate(f.volume(1 / step));
            double refined = refine(e.bandMeans(), e.lagSteps(), e.maxLagSteps()) * step;
            double d = Math.abs(e.lagSeconds() - clip.lagSeconds());
            double dr = Math.abs(refined - clip.lagSeconds());
            hits += d <= step + 1e-6 ? 1 : 0;
            refinedHits += dr <= step + 1e-6 ? 1 : 0;
            exact += Math.round(e.lagSeconds() / step) == Math.round(clip.lagSeconds() / step) ? 1 : 0;
            err += d;
            refinedErr += dr;
            results.add(new SyncMetrics.ClipResult(clip.id(), clip.lagSeconds(), e.lagSeconds(), refined,
                    e.confidence()));
        }
        int n = results.size();
        return new SyncMetrics(n, hits, n == 0 ? Double.NaN : (double) hits / n, n == 0 ? Double.NaN : err / n,
                n == 0 ? Double.NaN : (double) refinedHits / n, n == 0 ? Double.NaN : refinedErr / n, exact,
                List.copyOf(results));
    }

    /**
     * The lag in (fractional) steps at the vertex of the parabola through the band means at {@code best − 1},
     * {@code best}, {@code best + 1}, limited to ±½ step; {@code best} itself at the edge of the range or when the
     * three points do not curve down.
     *
     * @param bandMeans index {@code d + maxSteps}
     */
    public static double refine(double[] bandMeans, int best, int maxSteps) {
        int i = best + maxSteps;
        if (i <= 0 || i >= bandMeans.length - 1) {
            return best;
        }
        double l = bandMeans[i - 1];
        double m = bandMeans[i];
        double r = bandMeans[i + 1];
        double curvature = l - 2 * m + r;
        if (!(curvature < 0)) {
            return best;
        }
        return best + Math.max(-0.5, Math.min(0.5, 0.5 * (l - r) / curvature));
    }
}
