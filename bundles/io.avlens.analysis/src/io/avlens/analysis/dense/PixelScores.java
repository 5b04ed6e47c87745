package io.avlens.analysis.dense;

import java.util.Arrays;

/**
 * The two localisation scores of DenseAV's {@code eval_utils.py} over pooled pixels: average precision of the scores
 * against binary labels (the area under the precision-recall step curve, {@code Σ (R_i − R_{i−1}) P_i} over the
 * distinct scores from the highest down, as {@code sklearn.metrics.average_precision_score} and torchmetrics'
 * {@code binary_average_precision} compute it), and the best intersection over union over 20 thresholds
 * {@code linspace(min, max, 20)} of the scores (a pixel is predicted positive when its score is ≥ the threshold).
 * Stateless.
 */
public final class PixelScores {

    /** Thresholds tried for the best IoU, as the official evaluation. */
    public static final int IOU_THRESHOLDS = 20;

    private PixelScores() {
    }

    /**
     * Average precision of the first {@code n} scores against their labels; NaN when no label is positive.
     * Tied scores form one step of the curve (no interpolation).
     */
    public static double averagePrecision(float[] scores, boolean[] labels, int n) {
        int positives = 0;
        for (int i = 0; i < n; i++) {
            positives += labels[i] ? 1 : 0;
        }
        if (positives == 0) {
            return Double.NaN;
        }
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            // sort by score descending: the score's order-preserving int key, inverted, above the index
            int bits = Float.floatToIntBits(scores[i]);
            int key = bits ^ ((bits >> 31) & 0x7fffffff);
            order[i] = ((long) ~key << 32) | i;
        }
        Arrays.sort(order);
        double ap = 0;
        int tp = 0;
        int seen = 0;
        double recallBefore = 0;
        for (int j = 0; j < n; ) {
            int first = (int) order[j];
            float s = scores[first];
            while (j < n && scores[(int) order[j]] == s) {
                tp += labels[(int) order[j]] ? 1 : 0;
                seen++;
                j++;
            }
            double recall = tp / (double) positives;
            ap += (recall - recallBefore) * (tp / (double) seen);
            recallBefore = recall;
        }
        return ap;
    }

    /**
     * The best IoU of {@code score ≥ threshold} with the labels over {@link #IOU_THRESHOLDS} thresholds evenly spaced
     * from the smallest to the largest of the first {@code n} scores; NaN when no label is positive.
     */
    public static double bestIou(float[] scores, boolean[] labels, int n) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        int positives = 0;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, scores[i]);
            max = Math.max(max, scores[i]);
            positives += labels[i] ? 1 : 0;
        }
        if (positives == 0) {
            return Double.NaN;
        }
        double best = 0;
        for (int k = 0; k < IOU_THRESHOLDS; k++) {
            double t = min + (max - min) * k / (double) (IOU_THRESHOLDS - 1);
            long intersection = 0;
            long union = 0;
            for (int i = 0; i < n; i++) {
                boolean predicted = scores[i] >= t;
                intersection += predicted && labels[i] ? 1 : 0;
                union += predicted || labels[i] ? 1 : 0;
            }
            best = Math.max(best, intersection / (double) union);
        }
        return best;
    }
}
