package io.avlens.ui.retrieval.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.analysis.embedding.RetrievalRunMetrics;
import io.avlens.analysis.embedding.Retrieval;
import io.avlens.analysis.embedding.RetrievalConfusion;
import io.avlens.analysis.embedding.RetrievalRelevance;
import io.avlens.analysis.embedding.RetrievalScores;

/**
 * A gallery's retrieval figures, as {@code avlens eval --task retrieval} computes them on the same clips
 * ({@link Retrieval#all} under the same clip and the same material and action), and per direction which
 * material+action classes the top-1 hit confuses ({@link RetrievalConfusion}). Plain Java; any thread.
 *
 * @param gallery    the gallery in words
 * @param n          its clips
 * @param scores     every direction under each relevance
 * @param confusions one per direction
 */
public record GalleryMetrics(String gallery, int n, List<RetrievalScores> scores,
        List<RetrievalConfusion> confusions) {

    /** The relevances of {@code avlens eval --task retrieval}, in its order. */
    public static final List<RetrievalRelevance> RELEVANCES = RetrievalRunMetrics.RELEVANCES;
    /** The labels of the confusion tables. */
    public static final List<String> CLASS_LABELS = List.of("material", "action");

    /** The figures of the items {@code rows} of {@code table} (null: all). */
    public static GalleryMetrics of(EmbeddingTable table, int[] rows, String gallery) {
        return of(table, rows, gallery, new org.eclipse.core.runtime.NullProgressMonitor());
    }

    /**
     * {@link #of(EmbeddingTable, int[], String)} with two units of {@code monitor} per direction (its scores, its
     * confusion), the order of {@link Retrieval#all}.
     *
     * @throws org.eclipse.core.runtime.OperationCanceledException when {@code monitor} is cancelled
     */
    public static GalleryMetrics of(EmbeddingTable table, int[] rows, String gallery,
            org.eclipse.core.runtime.IProgressMonitor monitor) {
        EmbeddingTable t = rows == null ? table : subset(table, rows);
        int m = t.modalities().size();
        monitor.beginTask("Measuring retrieval on " + gallery, 2 * m * (m - 1));
        List<RetrievalScores> scores = new ArrayList<>();
        List<RetrievalConfusion> confusions = new ArrayList<>();
        for (int q = 0; q < m; q++) {
            for (int g = 0; g < m; g++) {
                if (q == g) {
                    continue;
                }
                String from = t.modalities().get(q);
                String to = t.modalities().get(g);
                monitor.subTask(from + "→" + to);
                scores.addAll(Retrieval.direction(t, q, g, RELEVANCES));
                step(monitor);
                confusions.add(RetrievalConfusion.of(t, from, to, CLASS_LABELS));
                step(monitor);
            }
        }
        // Retrieval.all's order is the directions' (query, gallery) order, relevances within: the same list
        return new GalleryMetrics(gallery, t.size(), scores, confusions);
    }

    private static void step(org.eclipse.core.runtime.IProgressMonitor monitor) {
        monitor.worked(1);
        if (monitor.isCanceled()) {
            throw new org.eclipse.core.runtime.OperationCanceledException();
        }
    }

    /** The table of the items {@code rows} only, in that order. */
    static EmbeddingTable subset(EmbeddingTable table, int[] rows) {
        int stride = table.modalities().size() * table.dimension();
        float[] values = new float[rows.length * stride];
        List<EmbeddingItem> items = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(table.values(), table.offset(rows[i], 0), values, i * stride, stride);
            items.add(table.item(rows[i]));
        }
        return new EmbeddingTable(table.model(), table.modalities(), table.dimension(), values, items);
    }

    /** The figures with the field names of {@code avlens eval --task retrieval}'s {@code directions}. */
    public JsonObject json() {
        JsonObject o = new JsonObject();
        o.addProperty("task", "retrieval");
        o.addProperty("gallery", gallery);
        o.addProperty("n", n);
        JsonArray directions = new JsonArray();
        for (RetrievalScores s : scores) {
            JsonObject d = new JsonObject();
            d.addProperty("direction", s.direction());
            d.addProperty("query", s.query());
            d.addProperty("gallery", s.gallery());
            d.addProperty("relevance", s.relevance());
            d.addProperty("n", s.n());
            d.addProperty("galleryN", s.galleryN());
            d.addProperty("recallAt1", s.recallAt1());
            d.addProperty("recallAt5", s.recallAt5());
            d.addProperty("recallAt10", s.recallAt10());
            d.addProperty("medianRank", s.medianRank());
            d.addProperty("mAP", s.meanAP());
            JsonObject chance = new JsonObject();
            chance.addProperty("recallAt1", s.chanceRecallAt1());
            chance.addProperty("recallAt5", s.chanceRecallAt5());
            chance.addProperty("recallAt10", s.chanceRecallAt10());
            chance.addProperty("medianRank", (s.galleryN() + 1) / 2.0);
            chance.addProperty("mAP", s.chanceMeanAP());
            d.add("chance", chance);
            directions.add(d);
        }
        o.add("directions", directions);
        JsonArray conf = new JsonArray();
        for (RetrievalConfusion c : confusions) {
            JsonObject d = new JsonObject();
            d.addProperty("direction", c.direction());
            d.addProperty("label", c.label());
            JsonArray classes = new JsonArray();
            c.classes().forEach(classes::add);
            d.add("classes", classes);
            JsonArray counts = new JsonArray();
            for (int[] row : c.counts()) {
                JsonArray r = new JsonArray();
                for (int v : row) {
                    r.add(v);
                }
                counts.add(r);
            }
            d.add("counts", counts);
            conf.add(d);
        }
        o.add("confusions", conf);
        return o;
    }

    /** One line per direction and relevance. */
    public String csv() {
        StringBuilder b = new StringBuilder("direction,relevance,n,galleryN,recallAt1,recallAt5,recallAt10,"
                + "medianRank,mAP,chanceRecallAt1,chanceRecallAt5,chanceRecallAt10,chanceMAP\n");
        for (RetrievalScores s : scores) {
            b.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.6f,%.6f,%.6f,%.1f,%.6f,%.6f,%.6f,%.6f,%.6f%n",
                    s.direction(), s.relevance(), s.n(), s.galleryN(), s.recallAt1(), s.recallAt5(), s.recallAt10(),
                    s.medianRank(), s.meanAP(), s.chanceRecallAt1(), s.chanceRecallAt5(), s.chanceRecallAt10(),
                    s.chanceMeanAP()));
        }
        return b.toString();
    }
}
