package io.avlens.ui.retrieval.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.analysis.search.ClipRetrieval;
import io.avlens.analysis.search.RetrievalHit;

/**
 * A clip query over some items of a table only (a split, the shared selection), through {@link ClipRetrieval} (the
 * search of {@code avlens retrieve}) on the table of those items: the query clip joins them when it is not one of
 * them, and is then left out of the hits. Rows and ranks are the whole table's again; ties keep table order.
 */
public final class GalleryRows {

    private GalleryRows() {
    }

    /**
     * The k of {@code rows} nearest to item {@code query}.
     *
     * @param rows the gallery's rows, ascending
     */
    public static List<RetrievalHit> exact(EmbeddingTable table, int query, String from, String to, int k, int[] rows) {
        boolean inGallery = Arrays.binarySearch(rows, query) >= 0;
        int[] sub = inGallery ? rows : Arrays.copyOf(rows, rows.length + 1);
        if (!inGallery) {
            sub[rows.length] = query;
        }
        EmbeddingTable t = GalleryMetrics.subset(table, sub);
        List<RetrievalHit> found = new ClipRetrieval(t, null).exact(table.item(query).id(), from, to,
                inGallery ? k : k + 1);
        List<RetrievalHit> out = new ArrayList<>();
        for (RetrievalHit h : found) {
            if (out.size() < k && (inGallery || sub[h.row()] != query)) {
                out.add(new RetrievalHit(out.size() + 1, sub[h.row()], h.id(), h.score(), h.media(), h.isQuery(),
                        h.sameMaterial(), h.sameAction()));
            }
        }
        return out;
    }
}
