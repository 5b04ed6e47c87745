package io.avlens.analysis.search;

/**
 * One result of a search.
 *
 * @param row   the gallery row (0-based)
 * @param score inner product or cosine similarity with the query; higher is nearer
 */
public record SearchHit(int row, float score) {
}
