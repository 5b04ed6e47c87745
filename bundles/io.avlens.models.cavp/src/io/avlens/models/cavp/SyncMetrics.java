package io.avlens.models.cavp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sync accuracy of a model on clips with known lags, as {@link SyncScore} defines it; every figure carries its
 * {@code n}.
 *
 * @param clips          every clip given, failed ones included
 * @param knownLag       clips that ran and whose sidecar states a lag
 * @param all            the scored clips: known lag within the searched range, plus every failed clip (a miss)
 * @param visibleSounding the scored clips that show a sounding event (hit or scratch on screen)
 * @param lagOutOfRange  clips whose true lag is outside the searched range (not scored: no estimate can be right)
 * @param failed         clips that failed, with the reason
 */
public record SyncMetrics(int clips, int knownLag, Subset all, Subset visibleSounding, List<String> lagOutOfRange,
        List<Failure> failed) {

    /**
     * The figures over one set of clips.
     *
     * @param n              clips (the denominator of the accuracy)
     * @param withinOneFrame clips whose estimate is within one video frame of the truth
     * @param accuracy       {@code withinOneFrame / n}, NaN when {@code n = 0}
     * @param maeN           clips with an error (the {@code n} that did not fail)
     * @param maeSeconds     mean {@code |lag* − lag|} over those, NaN when none
     */
    public record Subset(int n, int withinOneFrame, double accuracy, int maeN, double maeSeconds) {
    }

    /** A clip that failed: its id and why. */
    public record Failure(String clip, String reason) {
    }

    /** Copies the lists. */
    public SyncMetrics {
        lagOutOfRange = List.copyOf(lagOutOfRange);
        failed = List.copyOf(failed);
    }

    /**
     * The figures as a run's metrics: {@code clipsWithKnownLag}, {@code n}, {@code withinOneFrame},
     * {@code accuracyWithinOneFrame}, {@code maeN}, {@code maeSeconds}, {@code lagOutOfRangeClips},
     * {@code failedClips}, and the same over the clips showing a sounding event with the prefix
     * {@code visibleSounding.} (NaN where undefined).
     */
    public Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("clipsWithKnownLag", (double) knownLag);
        put(m, "", all);
        put(m, "visibleSounding.", visibleSounding);
        m.put("lagOutOfRangeClips", (double) lagOutOfRange.size());
        m.put("failedClips", (double) failed.size());
        return m;
    }

    private static void put(Map<String, Double> m, String prefix, Subset s) {
        m.put(prefix + "n", (double) s.n());
        m.put(prefix + "withinOneFrame", (double) s.withinOneFrame());
        m.put(prefix + "accuracyWithinOneFrame", s.accuracy());
        m.put(prefix + "maeN", (double) s.maeN());
        m.put(prefix + "maeSeconds", s.maeSeconds());
    }
}
