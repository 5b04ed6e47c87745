package io.avlens.models.cavp;

import io.avlens.analysis.similarity.SyncEstimate;
import io.avlens.analysis.similarity.SyncOffsetEstimator;
import io.avlens.analysis.similarity.TimeBase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The sync task in process, on preprocessed clips (training-time checks): estimate each clip's audio lag from the
 * model's features with {@code io.avlens.analysis}'s {@link SyncOffsetEstimator} ({@code lag* = argmax_d mean_t
 * S[t+d, t]}, methods.md §1) and score it with {@link SyncScore}, the definition {@code avlens eval} and the runner
 * use. A clip too short for the searched range counts as a failed clip (a miss). Preprocessed clips carry no events,
 * so the visible-sounding-event subset is empty here; {@code avlens eval} reports it.
 */
public final class CavpEvaluation {

    private CavpEvaluation() {
    }

    /** Evaluates {@code model} on the clips of {@code dataDir}, searching lags within {@code ±maxLagSeconds}. */
    public static SyncMetrics evaluate(CavpModel model, Path dataDir, double maxLagSeconds) throws IOException {
        return evaluate(model, new AvShapesData(model.config()).load(dataDir), maxLagSeconds);
    }

    /** Evaluates on preprocessed clips. */
    public static SyncMetrics evaluate(CavpModel model, List<ClipTensors> clips, double maxLagSeconds) {
        double fps = model.config().profile().video().fps();
        SyncOffsetEstimator estimator = SyncOffsetEstimator.upTo(maxLagSeconds, TimeBase.ofRate(fps));
        List<SyncScore.Clip> scored = new ArrayList<>();
        for (ClipTensors clip : clips) {
            OptionalDouble truth = OptionalDouble.of(clip.lagSeconds());
            try {
                SyncEstimate e = estimator.estimate(model.features(clip).volume(fps));
                scored.add(SyncScore.estimated(clip.id(), truth, e.lagSeconds(), fps, maxLagSeconds, false));
            } catch (IllegalArgumentException e) {
                scored.add(SyncScore.failed(clip.id(), truth, false, clip.id() + ": " + e.getMessage()));
            }
        }
        return SyncScore.score(scored);
    }
}
