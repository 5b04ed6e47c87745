/** The Tensor view: NumPy tensors from disk as heatmaps, plane by plane. */
package io.avlens.ui.tensor;
