package io.avlens.analysis.projection;

/**
 * The k nearest neighbours of each of n points (not counting the point itself), nearest first:
 * {@code neighbours[i * k + r]} is the r-th neighbour of point i and {@code distances[i * k + r]} its Euclidean
 * distance. Shared by t-SNE (perplexity-calibrated affinities) and UMAP (fuzzy simplicial set).
 */
public record KnnGraph(int n, int k, int[] neighbours, float[] distances) {

    public KnnGraph {
        if (n < 0 || k < 0 || neighbours.length != (long) n * k || distances.length != (long) n * k) {
            throw new IllegalArgumentException("a graph of " + n + " points with " + k
                    + " neighbours each needs " + (long) n * k + " neighbours and distances");
        }
    }
}
