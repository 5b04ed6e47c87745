package io.avlens.analysis.projection;

import java.util.concurrent.CancellationException;

/**
 * A method that places points in 2-D. Implementations carry their own options (perplexity, neighbours, seed…), set
 * when they are built, and are deterministic for a seed and a thread count.
 */
public interface Projection {

    /** The method's name as users pick it: {@code pca}, {@code tsne}, {@code umap}. */
    String name();

    /**
     * Projects the points.
     *
     * @return 2-D coordinates, {@code xy[2 * i]}, {@code xy[2 * i + 1]} for point i
     * @throws CancellationException when {@code monitor.cancelled()} turned true
     */
    float[] project(Points points, ProjectionMonitor monitor);
}
