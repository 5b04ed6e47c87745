package io.avlens.analysis.embedding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.avlens.analysis.search.ExactSearch;
import io.avlens.analysis.search.Metric;
import io.avlens.analysis.search.SearchHit;
import io.avlens.analysis.search.VectorTable;

/**
 * Which classes cross-modal retrieval confuses: for every item with a class (its values of the named labels, e.g.
 * {@code material+action}), the class of its nearest gallery item (cosine, ties to the lower row, as
 * {@link ExactSearch} ranks), counted as query class × top-1 class. The diagonal is the label-level Recall@1 of
 * {@link Retrieval}'s ranking without pessimistic ties. Items missing a label are left out.
 *
 * @param direction {@code audio→video}
 * @param label     the labels joined by {@code +}
 * @param classes   the classes in order of first appearance in the table
 * @param counts    {@code counts[query class][top-1 class]}
 */
public record RetrievalConfusion(String direction, String label, List<String> classes, int[][] counts) {

    /**
     * A pair of classes retrieval mistook for each other.
     *
     * @param query the query's class
     * @param hit   the class of its top-1 hit
     * @param count how many queries
     */
    public record Confused(String query, String hit, int count) {
    }

    /** The confusion of direction {@code from → to} over the classes of {@code labels}. */
    public static RetrievalConfusion of(EmbeddingTable table, String from, String to, List<String> labels) {
        int q = table.modality(from);
        int g = table.modality(to);
        Map<String, Integer> ids = new LinkedHashMap<>();
        int[] cls = new int[table.size()];
        for (int i = 0; i < cls.length; i++) {
            EmbeddingItem item = table.item(i);
            List<String> key = labels.stream().map(item::label).toList();
            cls[i] = key.contains("") ? -1 : ids.computeIfAbsent(String.join(" ", key), k -> ids.size());
        }
        int c = ids.size();
        int[][] counts = new int[c][c];
        float[][] queries = new float[table.size()][];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = table.vector(i, q);
        }
        try (ExactSearch search = new ExactSearch(VectorTable.ofModality(table, to), Metric.COSINE)) {
            SearchHit[][] hits = search.search(queries, 1);
            for (int i = 0; i < cls.length; i++) {
                int hit = hits[i].length == 0 ? -1 : cls[hits[i][0].row()];
                if (cls[i] >= 0 && hit >= 0) {
                    counts[cls[i]][hit]++;
                }
            }
        }
        return new RetrievalConfusion(table.modalities().get(q) + "→" + table.modalities().get(g),
                String.join("+", labels), List.copyOf(ids.keySet()), counts);
    }

    /** The share of counted queries whose top-1 hit has their class. */
    public double accuracy() {
        long all = 0;
        long right = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts.length; j++) {
                all += counts[i][j];
                right += i == j ? counts[i][j] : 0;
            }
        }
        return all == 0 ? Double.NaN : (double) right / all;
    }

    /** The off-diagonal cells, most frequent first (ties in class order). */
    public List<Confused> confused() {
        List<Confused> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts.length; j++) {
                if (i != j && counts[i][j] > 0) {
                    out.add(new Confused(classes.get(i), classes.get(j), counts[i][j]));
                }
            }
        }
        out.sort(Comparator.comparingInt(Confused::count).reversed());
        return out;
    }
}
