/**
 * The Training view: a training's loss curve as a JFreeChart chart that follows the training while it runs; and
 * File › Train CAVP-small…, which trains (or resumes) CAVP-small in a background job the view follows.
 */
package io.avlens.ui.training;
