/**
 * DenseAV-style multi-head heatmaps: an overlay of the Video view (the heatmap of the current frame at the current
 * audio time) and the Heads view (one panel per head and their maximum, each head's activation over audio time,
 * regions, exports), both on the shared time of the active clip.
 */
package io.avlens.ui.heatmaps;
