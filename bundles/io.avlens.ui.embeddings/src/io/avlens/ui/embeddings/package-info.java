/**
 * The consensus-embedding explorer: every (clip, modality) of an embedding table as a point in 2-D (PCA, t-SNE or
 * UMAP), coloured by consensus, a pair's similarity or any label, with hover, click-to-open, lasso selection shared
 * with the workbench, and exports.
 */
package io.avlens.ui.embeddings;
