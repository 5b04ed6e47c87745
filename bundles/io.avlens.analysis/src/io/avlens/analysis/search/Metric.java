package io.avlens.analysis.search;

/** How a query is compared with a gallery row; higher scores are nearer in both. */
public enum Metric {
    /** The plain dot product. */
    INNER_PRODUCT,
    /** The dot product of the unit-length vectors (a zero vector scores 0 against everything). */
    COSINE
}
