/**
 * Dense audio-visual features (DenseAV, {@code methods.md} §2) of one clip and the slices of their multi-head
 * similarity volume {@code S_k[frame, h, w, f, t]}, computed on demand: the 5-D volume is never held in memory. Plain
 * Java, shared by the model family that computes the features, the command line, the metrics and the views.
 */
package io.avlens.analysis.dense;
