package io.avlens.analysis.embedding;

import java.util.Arrays;
import java.util.Comparator;

/** Ranking metrics shared by retrieval and discovery. */
public final class Ranking {

    private Ranking() {
    }

    /**
     * Average precision of ranking items by descending score against binary relevance: the mean, over the relevant
     * items, of the precision at each one's rank. Ties are broken pessimistically (irrelevant items first), so a
     * constant score earns no more than the share of relevant items. NaN when no item is relevant.
     */
    public static double averagePrecision(double[] scores, boolean[] relevant) {
        if (scores.length != relevant.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + relevant.length + " labels");
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -scores[i])
                .thenComparing(i -> relevant[i] ? 1 : 0));
        int hits = 0;
        double sum = 0;
        for (int r = 0; r < order.length; r++) {
            if (relevant[order[r]]) {
                hits++;
                sum += (double) hits / (r + 1);
            }
        }
        return hits == 0 ? Double.NaN : sum / hits;
    }

    /** The share of relevant items: the expected average precision of a random ranking, the baseline to report. */
    public static double positiveShare(boolean[] relevant) {
        int n = 0;
        for (boolean r : relevant) {
            n += r ? 1 : 0;
        }
        return relevant.length == 0 ? Double.NaN : (double) n / relevant.length;
    }
}
