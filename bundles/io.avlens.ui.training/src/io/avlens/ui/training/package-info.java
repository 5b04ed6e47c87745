/**
 * The Training view: a training's loss curve as a JFreeChart chart that follows the training while it runs.
 */
package io.avlens.ui.training;
