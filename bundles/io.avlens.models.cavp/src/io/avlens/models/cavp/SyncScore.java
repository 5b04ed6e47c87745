package io.avlens.models.cavp;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The one definition of the sync metrics, used by {@code avlens eval}, the runner's summary of a similarity run
 * ({@link CavpSimilarityTask#summarize}) and {@link CavpEvaluation}:
 * <ul>
 * <li>a clip is <em>within one frame</em> when {@code |lag* − lag| ≤ 1/fps} plus a microsecond (lags are stored
 * with microsecond rounding);</li>
 * <li>only clips whose sidecar states a lag are scored; those whose true lag is outside the searched range
 * {@code ±maxLag} cannot be found and are counted apart ({@link SyncMetrics#lagOutOfRange()}), never silently;</li>
 * <li>every clip that failed counts as a miss: it is in the denominator {@code n} of the accuracy and listed with
 * its reason; it has no error, so the mean error has its own {@code n};</li>
 * <li>the same numbers over the clips that show a sounding event (a hit or a scratch of an object on screen).</li>
 * </ul>
 * Stateless.
 */
public final class SyncScore {

    /** Slack for "within one frame": lags are stored with microsecond rounding. */
    public static final double ROUNDING = 1e-6;

    /**
     * One clip as the metrics see it.
     *
     * @param id               the clip
     * @param trueLagSeconds   what its sidecar states; empty without one
     * @param lagInRange       whether the true lag is within the searched range
     * @param visibleSounding  whether the clip shows a sounding event
     * @param absErrorSeconds  {@code |lag* − lag|}; NaN when it failed or has no known lag
     * @param withinOneFrame   whether the estimate is within one frame of the truth
     * @param failure          why it failed, null when it did not
     */
    public record Clip(String id, OptionalDouble trueLagSeconds, boolean lagInRange, boolean visibleSounding,
            double absErrorSeconds, boolean withinOneFrame, String failure) {

        /** Whether it failed. */
        public boolean failed() {
            return failure != null;
        }
    }

    private SyncScore() {
    }

    /** Whether {@code estimate} is within one video frame of {@code truth}. */
    public static boolean withinOneFrame(double estimateSeconds, double truthSeconds, double fps) {
        return Math.abs(estimateSeconds - truthSeconds) <= 1 / fps + ROUNDING;
    }

    /** Whether a true lag can be found by a search over {@code ±maxLagSeconds}. */
    public static boolean inRange(double truthSeconds, double maxLagSeconds) {
        return Math.abs(truthSeconds) <= maxLagSeconds + ROUNDING;
    }

    /** A clip whose lag was estimated. */
    public static Clip estimated(String id, OptionalDouble truth, double estimateSeconds, double fps,
            double maxLagSeconds, boolean visibleSounding) {
        if (truth.isEmpty()) {
            return new Clip(id, truth, false, visibleSounding, Double.NaN, false, null);
        }
        double t = truth.getAsDouble();
        return new Clip(id, truth, inRange(t, maxLagSeconds), visibleSounding, Math.abs(estimateSeconds - t),
                withinOneFrame(estimateSeconds, t, fps), null);
    }

    /**
     * A clip that failed.
     *
     * @param truth the lag its sidecar states, empty when it has none or could not be read (it counts as a miss
     *              either way)
     */
    public static Clip failed(String id, OptionalDouble truth, boolean visibleSounding, String reason) {
        return new Clip(id, truth, true, visibleSounding, Double.NaN, false, reason);
    }

    /** The metrics over {@code clips}. */
    public static SyncMetrics score(List<Clip> clips) {
        List<Clip> all = new ArrayList<>();
        List<Clip> visible = new ArrayList<>();
        List<String> outOfRange = new ArrayList<>();
        List<SyncMetrics.Failure> failures = new ArrayList<>();
        int known = 0;
        for (Clip c : clips) {
            if (c.failed()) {
                failures.add(new SyncMetrics.Failure(c.id(), c.failure()));
            }
            if (c.trueLagSeconds().isPresent() && !c.failed()) {
                known++;
            }
            if (c.failed() || c.trueLagSeconds().isPresent() && c.lagInRange()) {
                all.add(c);
                if (c.visibleSounding()) {
                    visible.add(c);
                }
            } else if (c.trueLagSeconds().isPresent()) {
                outOfRange.add(c.id());
            }
        }
        return new SyncMetrics(clips.size(), known, subset(all), subset(visible), List.copyOf(outOfRange),
                List.copyOf(failures));
    }

    private static SyncMetrics.Subset subset(List<Clip> clips) {
        int hits = 0;
        int measured = 0;
        double error = 0;
        for (Clip c : clips) {
            hits += c.withinOneFrame() ? 1 : 0;
            if (!c.failed()) {
                measured++;
                error += c.absErrorSeconds();
            }
        }
        int n = clips.size();
        return new SyncMetrics.Subset(n, hits, n == 0 ? Double.NaN : (double) hits / n, measured,
                measured == 0 ? Double.NaN : error / measured);
    }
}
