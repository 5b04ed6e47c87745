/**
 * The CAVP similarity-volume viewer: the Similarity view (audio time × video time heatmaps, sync estimate, side by
 * side comparison, linked to the shared cursor) and File &gt; Open Similarity Volume.
 */
package io.avlens.ui.similarity;
