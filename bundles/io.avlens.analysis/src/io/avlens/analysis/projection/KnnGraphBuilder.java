package io.avlens.analysis.projection;

import java.util.concurrent.CancellationException;

/**
 * Finds the k nearest neighbours of every point (exactly for small sets, approximately — e.g. by NN-descent — for
 * large ones). t-SNE and UMAP take one, so a better builder speeds both.
 */
public interface KnnGraphBuilder {

    /**
     * @param k neighbours per point, fewer than the number of points
     * @throws CancellationException when {@code monitor.cancelled()} turned true
     */
    KnnGraph build(Points points, int k, ProjectionMonitor monitor);
}
