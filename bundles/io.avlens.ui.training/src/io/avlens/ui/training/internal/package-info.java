/**
 * The loss CSV reader, smoothing, chart and export behind the Training view. Internal; the tests are friends.
 */
package io.avlens.ui.training.internal;
