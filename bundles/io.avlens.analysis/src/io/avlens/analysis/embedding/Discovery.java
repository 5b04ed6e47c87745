package io.avlens.analysis.embedding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MC3's discovery claim, measured ({@code methods.md} §3): rank the items by consensus and compute the average
 * precision of a binary label (by default {@link AvShapesLabels#SOUNDING_ACTION}), beside the share of positives
 * (a random ranking's AP) and beside ranking by each single pair's cosine similarity. The consensus is anchored on
 * the table's {@link EmbeddingTable#consensusAnchor()}: the modality the model was trained with, else the text.
 * Without an anchor there is no consensus: a two-modality table (CAVP's audio and video) is ranked by its one pair's
 * similarity, and says so in {@link Scores#rankedBy()}. Beside the cosine consensus, the same ranking by
 * {@link Agreement} (each pair's posterior over the table instead of its cosine; the smallest over all pairs, and
 * each pair alone). Stateless.
 */
public final class Discovery {

    private Discovery() {
    }

    /**
     * The figures.
     *
     * @param label         the label that is ranked (e.g. {@code soundingAction})
     * @param n             items scored (those with the label {@code true} or {@code false})
     * @param positives     items with the label {@code true}
     * @param positiveShare {@code positives / n}, the expected AP of a random ranking
     * @param rankedBy      {@code consensus(text)} (the anchor in brackets) or the pair used, e.g. {@code audio-video}
     * @param ap            AP of that ranking (ties pessimistic)
     * @param pairs         AP of ranking by each pair's cosine similarity, by pair name ({@code audio-video}…)
     * @param temperature   the temperature of the agreement ({@link Agreement#TEMPERATURE} unless asked otherwise)
     * @param agreementAp   AP of ranking by the {@link Agreement} (the smallest over all pairs); NaN for a table of
     *                      one item
     * @param agreementPairs AP of ranking by each pair's agreement alone, by pair name
     */
    public record Scores(String label, int n, int positives, double positiveShare, String rankedBy, double ap,
            Map<String, Double> pairs, double temperature, double agreementAp, Map<String, Double> agreementPairs) {
    }

    /** Scores {@code label} on {@code table}, the agreement at {@link Agreement#TEMPERATURE}. */
    public static Scores score(EmbeddingTable table, String label) {
        return score(table, label, Agreement.TEMPERATURE);
    }

    /**
     * Scores {@code label} on {@code table}, the agreement at {@code temperature}.
     *
     * @throws IllegalArgumentException when no item has the label, the table has a single modality, or (for a table
     *                                  of two or more items) the temperature is not one {@link Agreement} takes
     */
    public static Scores score(EmbeddingTable table, String label, double temperature) {
        List<String> modalities = table.modalities();
        if (modalities.size() < 2) {
            throw new IllegalArgumentException("discovery needs at least two modalities; the table has " + modalities);
        }
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            String v = table.item(i).label(label);
            if (v.equals("true") || v.equals("false")) {
                rows.add(i);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no item has the label '" + label + "' (true or false); discovery"
                    + " needs AV-Shapes sidecars (clip.json beside clip.mp4)");
        }
        boolean[] relevant = new boolean[rows.size()];
        for (int r = 0; r < relevant.length; r++) {
            relevant[r] = table.item(rows.get(r)).label(label).equals("true");
        }
        Map<String, Double> pairs = new LinkedHashMap<>();
        Map<String, Double> agreementPairs = new LinkedHashMap<>();
        double[] agreement = null;
        for (int a = 0; a < modalities.size(); a++) {
            for (int b = a + 1; b < modalities.size(); b++) {
                double[] s = new double[rows.size()];
                for (int r = 0; r < s.length; r++) {
                    s[r] = table.similarity(rows.get(r), a, b);
                }
                pairs.put(pairName(modalities.get(a), modalities.get(b)), Ranking.averagePrecision(s, relevant));
                if (table.size() < 2) {
                    continue; // one item: nothing to tell it apart from, no agreement
                }
                double[] p = Agreement.pair(table, a, b, temperature);
                agreementPairs.put(pairName(modalities.get(a), modalities.get(b)),
                        Ranking.averagePrecision(pick(p, rows), relevant));
                if (agreement == null) {
                    agreement = p;
                } else {
                    for (int i = 0; i < p.length; i++) {
                        agreement[i] = Math.min(agreement[i], p[i]);
                    }
                }
            }
        }
        double agreementAp = agreement == null ? Double.NaN
                : Ranking.averagePrecision(pick(agreement, rows), relevant);
        String rankedBy;
        double ap;
        String anchor = table.consensusAnchor();
        if (anchor != null) {
            double[] s = pick(table.consensus(anchor), rows);
            rankedBy = "consensus(" + anchor + ")";
            ap = Ranking.averagePrecision(s, relevant);
        } else if (modalities.size() == 2) {
            rankedBy = pairName(modalities.get(0), modalities.get(1));
            ap = pairs.get(rankedBy);
        } else {
            throw new IllegalArgumentException("no consensus without a '" + EmbeddingTable.DEFAULT_ANCHOR + "' modality; the table has "
                    + modalities);
        }
        int positives = 0;
        for (boolean r : relevant) {
            positives += r ? 1 : 0;
        }
        return new Scores(label, relevant.length, positives, Ranking.positiveShare(relevant), rankedBy, ap, pairs,
                temperature, agreementAp, agreementPairs);
    }

    private static double[] pick(double[] values, List<Integer> rows) {
        double[] s = new double[rows.size()];
        for (int r = 0; r < s.length; r++) {
            s[r] = values[rows.get(r)];
        }
        return s;
    }

    private static double[] pick(float[] values, List<Integer> rows) {
        double[] s = new double[rows.size()];
        for (int r = 0; r < s.length; r++) {
            s[r] = values[rows.get(r)];
        }
        return s;
    }

    /** {@code audio-video}. */
    public static String pairName(String a, String b) {
        return a + "-" + b;
    }
}
