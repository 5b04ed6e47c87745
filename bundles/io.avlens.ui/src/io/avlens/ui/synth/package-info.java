/**
 * File › New Synthetic Dataset…: the AV-Shapes generator of {@code io.avlens.synth} behind a wizard, with progress
 * per clip and cancel; the finished dataset opens as a project in the explorer.
 */
package io.avlens.ui.synth;
