/** Heatmap slices, colours, settings and the per-clip features behind the heatmap overlay and the Heads view. */
package io.avlens.ui.heatmaps.internal;
