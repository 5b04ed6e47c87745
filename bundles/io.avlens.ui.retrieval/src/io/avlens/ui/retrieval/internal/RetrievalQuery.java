package io.avlens.ui.retrieval.internal;

import java.nio.file.Path;

/**
 * What the user asked: a clip's vector of one modality (or typed text, or a time span of a clip) against the
 * gallery's vectors of another.
 *
 * @param item        the query clip's row in the table, -1 for a text or span query
 * @param text        the typed text of a text query, else empty
 * @param from        the query's modality ({@code audio}, {@code video}, {@code text})
 * @param to          the target modality searched
 * @param k           how many hits
 * @param approximate through the approximate index (whole table only)
 * @param span        the time span of a clip whose {@code from} vector is the query, else null
 */
public record RetrievalQuery(int item, String text, String from, String to, int k, boolean approximate,
        Span span) {

    /**
     * A time span of a clip (the timeline's selection on the Video view's clip), embedded alone by the table's model.
     *
     * @param file    the clip's media file
     * @param start   seconds
     * @param end     seconds, after {@code start}
     * @param row     the clip's row in the table, -1 when it is not one of its clips
     */
    public record Span(Path file, double start, double end, int row) {

        public Span {
            if (!(start >= 0) || !(end > start)) {
                throw new IllegalArgumentException("a span needs 0 <= start < end, not " + start + " to " + end);
            }
        }

        /** {@code 1.00–2.50 s of clip-00003}. */
        public String label() {
            return String.format(java.util.Locale.ROOT, "%.2f–%.2f s of %s", start, end, file.getFileName());
        }
    }

    public RetrievalQuery {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, not " + k);
        }
        text = text == null ? "" : text;
    }

    /** A clip or text query (no span). */
    public RetrievalQuery(int item, String text, String from, String to, int k, boolean approximate) {
        this(item, text, from, to, k, approximate, null);
    }
}
