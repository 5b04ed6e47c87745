package io.avlens.analysis.generation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * CondFoleyGen's onset metrics ({@code methods.md} §5, its {@code predict_onset.py}): a generated sound's detected
 * onsets (each with a confidence) against the clip's target onsets, tolerance {@value #TOLERANCE} s.
 * <ul>
 * <li><b>Matching</b>, greedy: detections in falling confidence (earlier first on ties) each take the nearest
 * target not yet taken within the tolerance (the earlier target on ties).</li>
 * <li><b>Onset accuracy</b>: the share of clips whose number of detections equals their number of targets.</li>
 * <li><b>Detection accuracy</b>: matched targets / targets, per clip, averaged over the clips that have targets.</li>
 * <li><b>AP</b>, pooled over all clips: every target is a positive, scored by the confidence of the detection it
 * matched or 0 when missed; every unmatched detection is a negative scored by its confidence; average precision
 * as scikit-learn's {@code average_precision_score} ({@code Σ (R_k − R_{k−1}) P_k} over distinct scores, ties
 * taken together). NaN without targets.</li>
 * </ul>
 * Stateless.
 */
public final class OnsetMetrics {

    /** CondFoleyGen's matching tolerance Δ, seconds. */
    public static final double TOLERANCE = 0.1;

    /**
     * A detected onset.
     *
     * @param time       seconds
     * @param confidence in [0, 1]
     */
    public record Detection(double time, double confidence) {
    }

    /**
     * One clip's matching.
     *
     * @param targets     its number of targets
     * @param detections  its number of detections
     * @param matched     the confidence of each target's matched detection, 0 for a missed target (by target)
     * @param hit         whether each target was matched (by target)
     * @param unmatched   the confidences of the detections that matched no target
     */
    public record ClipScore(int targets, int detections, double[] matched, boolean[] hit, double[] unmatched) {

        /** Whether the clip has as many detections as targets. */
        public boolean countCorrect() {
            return targets == detections;
        }

        /** Matched targets. */
        public int hits() {
            int n = 0;
            for (boolean h : hit) {
                n += h ? 1 : 0;
            }
            return n;
        }

        /** Matched targets / targets; NaN without targets. */
        public double detectionAccuracy() {
            return targets == 0 ? Double.NaN : (double) hits() / targets;
        }
    }

    /**
     * The figures over a set of clips.
     *
     * @param n                 clips
     * @param onsetAccuracy     share of clips with as many detections as targets
     * @param detectionAccuracy mean over clips with targets of matched / targets
     * @param ap                pooled average precision
     * @param targets           targets over all clips
     * @param detections        detections over all clips
     * @param matched           matched targets over all clips
     */
    public record Summary(int n, double onsetAccuracy, double detectionAccuracy, double ap, int targets,
            int detections, int matched) {
    }

    private OnsetMetrics() {
    }

    /** {@link #score(double[], List, double)} at {@link #TOLERANCE}. */
    public static ClipScore score(double[] targets, List<Detection> detections) {
        return score(targets, detections, TOLERANCE);
    }

    /**
     * Matches one clip's detections to its targets.
     *
     * @param targets    target onset times, seconds
     * @param detections detected onsets
     * @param tolerance  largest |detection − target| that matches, seconds
     */
    public static ClipScore score(double[] targets, List<Detection> detections, double tolerance) {
        Integer[] order = new Integer[detections.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -detections.get(i).confidence())
                .thenComparingDouble(i -> detections.get(i).time()));
        boolean[] hit = new boolean[targets.length];
        double[] matched = new double[targets.length];
        List<Double> unmatched = new ArrayList<>();
        for (int i : order) {
            Detection d = detections.get(i);
            int best = -1;
            for (int t = 0; t < targets.length; t++) {
                double gap = Math.abs(d.time() - targets[t]);
                if (!hit[t] && gap <= tolerance + 1e-9
                        && (best < 0 || gap < Math.abs(d.time() - targets[best]))) {
                    best = t;
                }
            }
            if (best >= 0) {
                hit[best] = true;
                matched[best] = d.confidence();
            } else {
                unmatched.add(d.confidence());
            }
        }
        return new ClipScore(targets.length, detections.size(), matched, hit,
                unmatched.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The figures over {@code clips}. */
    public static Summary summarize(List<ClipScore> clips) {
        int countRight = 0;
        double accSum = 0;
        int withTargets = 0;
        int targets = 0;
        int detections = 0;
        int matchedCount = 0;
        List<double[]> scored = new ArrayList<>(); // {score, label}
        for (ClipScore c : clips) {
            countRight += c.countCorrect() ? 1 : 0;
            if (c.targets() > 0) {
                withTargets++;
                accSum += c.detectionAccuracy();
            }
            targets += c.targets();
            detections += c.detections();
            matchedCount += c.hits();
            for (double m : c.matched()) {
                scored.add(new double[] {m, 1});
            }
            for (double u : c.unmatched()) {
                scored.add(new double[] {u, 0});
            }
        }
        int n = clips.size();
        return new Summary(n, n == 0 ? Double.NaN : (double) countRight / n,
                withTargets == 0 ? Double.NaN : accSum / withTargets, averagePrecision(scored), targets, detections,
                matchedCount);
    }

    /** scikit-learn's average precision of {@code {score, label}} pairs; NaN without positives. */
    static double averagePrecision(List<double[]> scored) {
        double[][] s = scored.toArray(new double[0][]);
        Arrays.sort(s, (x, y) -> Double.compare(y[0], x[0]));
        int positives = 0;
        for (double[] x : s) {
            positives += x[1] > 0 ? 1 : 0;
        }
        if (positives == 0) {
            return Double.NaN;
        }
        double ap = 0;
        double lastRecall = 0;
        int tp = 0;
        int seen = 0;
        for (int i = 0; i < s.length; i++) {
            tp += s[i][1] > 0 ? 1 : 0;
            seen++;
            if (i + 1 < s.length && s[i + 1][0] == s[i][0]) {
                continue; // ties form one threshold
            }
            double recall = (double) tp / positives;
            ap += (recall - lastRecall) * tp / seen;
            lastRecall = recall;
        }
        return ap;
    }
}
