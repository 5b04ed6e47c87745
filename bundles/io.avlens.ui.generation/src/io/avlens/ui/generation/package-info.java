/**
 * The workbench's views of generated sound: opening a generated sample (File › Open Generated Sound…, a generation
 * run's clip in the Runs view) plays it with its clip's frames and compares it with the original in the Timeline.
 */
package io.avlens.ui.generation;
