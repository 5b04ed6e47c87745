package io.avlens.models.cavp;

import java.util.List;

/**
 * Sync accuracy of a model on clips with known lags.
 *
 * @param clips               clips evaluated (those with {@code |lag| ≤ D · step})
 * @param withinOneFrame      clips whose {@code lag*} is within one video frame of the truth
 * @param accuracy            {@code withinOneFrame / clips}
 * @param meanAbsErrorSeconds mean {@code |lag* − lag|}
 * @param refinedAccuracy     the same with the parabola-refined estimate
 * @param refinedMaeSeconds   mean error of the refined estimate
 * @param exactSteps          clips whose {@code lag*} is the true lag rounded to whole steps
 * @param results             per clip
 */
public record SyncMetrics(int clips, int withinOneFrame, double accuracy, double meanAbsErrorSeconds,
        double refinedAccuracy, double refinedMaeSeconds, int exactSteps, List<ClipResult> results) {

    /** One clip's estimate. */
    public record ClipResult(String id, double trueLagSeconds, double lagSeconds, double refinedSeconds,
            double confidence) {
    }
}
