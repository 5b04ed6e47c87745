/** The similarity heatmap widget and export, for the similarity view and its tests. */
package io.avlens.ui.similarity.internal;
