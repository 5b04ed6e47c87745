package io.avlens.ui.retrieval.internal;

import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.analysis.search.RetrievalHit;

/** Whether a hit is relevant to the query, as far as the table's labels say (the eval's two relevances). */
public enum Relevance {
    /** The query's own clip. */
    SAME_CLIP("✔ same clip"),
    /** Another clip of the same material and action. */
    SAME_CLASS("✔ same material+action"),
    /** Both clips are labelled and differ. */
    NOT_RELEVANT("✘"),
    /** The labels do not say (a text query, or a clip without material or action). */
    UNKNOWN("");

    private final String mark;

    Relevance(String mark) {
        this.mark = mark;
    }

    /** What the results table shows. */
    public String mark() {
        return mark;
    }

    /** In words, for text: "same clip", "same material and action", "not relevant", "unknown". */
    public String words() {
        return switch (this) {
            case SAME_CLIP -> "same clip";
            case SAME_CLASS -> "same material and action";
            case NOT_RELEVANT -> "not relevant (another material or action)";
            case UNKNOWN -> "unknown (the labels do not say)";
        };
    }

    /** Whether the labels call it relevant. */
    public boolean relevant() {
        return this == SAME_CLIP || this == SAME_CLASS;
    }

    /** The relevance of a hit of {@code avlens retrieve}'s search, from the labels it compared. */
    public static Relevance of(RetrievalHit hit) {
        if (hit.isQuery()) {
            return SAME_CLIP;
        }
        if (Boolean.FALSE.equals(hit.sameMaterial()) || Boolean.FALSE.equals(hit.sameAction())) {
            return NOT_RELEVANT;
        }
        return Boolean.TRUE.equals(hit.sameMaterial()) && Boolean.TRUE.equals(hit.sameAction()) ? SAME_CLASS
                : UNKNOWN;
    }

    /** The relevance of clip {@code hit} to clip {@code query} (null for a query that is not a clip). */
    public static Relevance of(EmbeddingItem query, EmbeddingItem hit) {
        if (query == null) {
            return UNKNOWN;
        }
        if (query.id().equals(hit.id())) {
            return SAME_CLIP;
        }
        String m = query.label("material");
        String a = query.label("action");
        if (m.isEmpty() || a.isEmpty() || hit.label("material").isEmpty() || hit.label("action").isEmpty()) {
            return UNKNOWN;
        }
        return m.equals(hit.label("material")) && a.equals(hit.label("action")) ? SAME_CLASS : NOT_RELEVANT;
    }
}
