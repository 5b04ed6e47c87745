package io.avlens.analysis.search;

/**
 * One ranked hit of a clip query, with what the project knows about its relevance.
 *
 * @param rank         1-based
 * @param row          the item's row in its embedding table
 * @param id           the item's clip id
 * @param score        cosine similarity with the query
 * @param media        the item's media file as the table records it
 * @param isQuery      whether the hit is the query clip itself
 * @param sameMaterial whether its {@code material} label equals the query's; null when either has none
 * @param sameAction   whether its {@code action} label equals the query's; null when either has none
 */
public record RetrievalHit(int rank, int row, String id, float score, String media, boolean isQuery,
        Boolean sameMaterial, Boolean sameAction) {
}
