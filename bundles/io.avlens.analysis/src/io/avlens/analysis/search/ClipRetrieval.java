package io.avlens.analysis.search;

import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.analysis.embedding.EmbeddingTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Query by clip: one item's vector of modality {@code from} against every item's vector of modality {@code to} of an
 * embedding table (cosine), exactly or through the approximate index saved beside the table
 * ({@code index-<to>.*}, built first when missing or out of date). What the command line's {@code retrieve} prints
 * and the retrieval inspector shows.
 */
public final class ClipRetrieval {

    /** The label names compared to mark a hit's relevance. */
    public static final String MATERIAL = "material";
    public static final String ACTION = "action";

    private final EmbeddingTable table;
    private final Path folder;

    /**
     * @param table  the embedding table
     * @param folder its folder, where approximate indexes are kept
     */
    public ClipRetrieval(EmbeddingTable table, Path folder) {
        this.table = table;
        this.folder = folder;
    }

    /** The row of clip {@code id}. @throws IllegalArgumentException when the table has no such clip */
    public int row(String id) {
        List<EmbeddingItem> items = table.items();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the table has no clip '" + id + "' (" + items.size() + " clips, e.g. '"
                + items.get(0).id() + "')");
    }

    /** The k nearest items of modality {@code to} to clip {@code id}'s vector of modality {@code from}, exactly. */
    public List<RetrievalHit> exact(String id, String from, String to, int k) {
        int query = row(id);
        float[] q = table.vector(query, table.modality(from));
        try (ExactSearch search = new ExactSearch(VectorTable.ofModality(table, to), Metric.COSINE)) {
            return hits(query, search.search(q, k));
        }
    }

    /**
     * The k nearest items of modality {@code to} to a vector from outside the table (typed text, a file from disk,
     * encoded by the table's model), exactly; no hit is the query and relevance is unknown.
     */
    public List<RetrievalHit> exact(float[] query, String to, int k) {
        try (ExactSearch search = new ExactSearch(VectorTable.ofModality(table, to), Metric.COSINE)) {
            return hits(-1, search.search(query, k));
        }
    }

    /**
     * The same through the approximate index of modality {@code to}, built (with its recall@10) when there is none
     * or it belongs to other vectors.
     *
     * @return the hits, and whether the index was built now
     */
    public Approximate approximate(String id, String from, String to, int k, int threads, BuildMonitor monitor)
            throws IOException {
        int query = row(id);
        return approximate(query, table.vector(query, table.modality(from)), to, k, threads, monitor);
    }

    /** {@link #exact(float[], String, int)} through the approximate index of modality {@code to}. */
    public Approximate approximate(float[] query, String to, int k, int threads, BuildMonitor monitor)
            throws IOException {
        return approximate(-1, query, to, k, threads, monitor);
    }

    private Approximate approximate(int query, float[] q, String to, int k, int threads, BuildMonitor monitor)
            throws IOException {
        VectorTable gallery = VectorTable.ofModality(table, to);
        ApproximateIndex index = null;
        boolean built = false;
        if (IndexFiles.exists(folder, to)) {
            try {
                index = IndexFiles.open(folder, to, gallery);
            } catch (IOException stale) {
                index = null;
            }
        }
        if (index == null) {
            IndexFiles.build(folder, to, gallery, Metric.COSINE, ApproximateIndex.Settings.DEFAULT, threads, monitor);
            index = IndexFiles.open(folder, to, gallery);
            built = true;
        }
        return new Approximate(hits(query, index.search(q, k)), built);
    }

    /**
     * Hits found through an approximate index.
     *
     * @param hits  best first
     * @param built whether the index was built for this query
     */
    public record Approximate(List<RetrievalHit> hits, boolean built) {
    }

    private List<RetrievalHit> hits(int query, SearchHit[] found) {
        EmbeddingItem q = query < 0 ? null : table.item(query);
        List<RetrievalHit> hits = new ArrayList<>();
        for (int i = 0; i < found.length; i++) {
            EmbeddingItem item = table.item(found[i].row());
            hits.add(new RetrievalHit(i + 1, found[i].row(), item.id(), found[i].score(), item.media(),
                    found[i].row() == query, same(q, item, MATERIAL), same(q, item, ACTION)));
        }
        return hits;
    }

    private static Boolean same(EmbeddingItem a, EmbeddingItem b, String label) {
        if (a == null) {
            return null;
        }
        String x = a.label(label);
        String y = b.label(label);
        return x.isEmpty() || y.isEmpty() ? null : x.equals(y);
    }
}
