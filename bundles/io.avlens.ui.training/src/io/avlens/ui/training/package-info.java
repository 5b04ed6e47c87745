/**
 * The Training view: a training's loss curve as a JFreeChart chart that follows the training while it runs; and
 * File › Train…, which trains (or resumes) any registered family's network in a background job the view follows.
 */
package io.avlens.ui.training;
