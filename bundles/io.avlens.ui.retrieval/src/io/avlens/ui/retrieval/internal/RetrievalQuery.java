package io.avlens.ui.retrieval.internal;

/**
 * What the user asked: a clip's vector of one modality (or typed text) against the gallery's vectors of another.
 *
 * @param item        the query clip's row in the table, -1 for a text query
 * @param text        the typed text of a text query, else empty
 * @param from        the query's modality ({@code audio}, {@code video}, {@code text})
 * @param to          the target modality searched
 * @param k           how many hits
 * @param approximate through the approximate index (whole table only)
 */
public record RetrievalQuery(int item, String text, String from, String to, int k, boolean approximate) {

    public RetrievalQuery {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, not " + k);
        }
        text = text == null ? "" : text;
    }
}
