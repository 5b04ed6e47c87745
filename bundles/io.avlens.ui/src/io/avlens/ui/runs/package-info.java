/**
 * The Runs view: every run of the open projects with its status, timing, device, seed and metrics, and the
 * artifacts a selected run wrote, which open in the view that shows them.
 */
package io.avlens.ui.runs;
