/**
 * DenseAV-small ({@code methods.md} §2): a two-head dense audio-visual model trained by AV Lens on AV-Shapes with
 * spoken colour words, its training (a {@code FamilyTrainer} of family {@code denseav}), its shipped weights, and the
 * {@code heatmap} task that writes a clip's dense features ({@code io.avlens.analysis.dense.DenseFeatureFiles}).
 */
package io.avlens.models.denseav;
