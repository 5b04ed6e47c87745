/**
 * Projections of high-dimensional points to 2-D for the embedding explorer: PCA, t-SNE and UMAP, written here (no
 * permissively licensed Java implementation exists), checked against scikit-learn and umap-learn on the same data.
 * Plain Java: progress, cancellation and intermediate layouts go through {@link ProjectionMonitor}, which a UI
 * adapts to an Eclipse Job and a command line to its progress bar.
 */
package io.avlens.analysis.projection;
