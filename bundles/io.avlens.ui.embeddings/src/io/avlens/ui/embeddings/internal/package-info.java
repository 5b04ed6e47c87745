/**
 * The explorer's parts: the pure scatter logic (viewport maths, spatial grid, lasso, colouring, rendering into an
 * ARGB buffer, exports) and the SWT widgets and jobs around it.
 */
package io.avlens.ui.embeddings.internal;
