/**
 * The experiment editor: a form over one {@link io.avlens.model.Experiment} of an open project. Every edit is an
 * EMF command executed on the project's {@link io.avlens.ui.project.ProjectSession}, so Undo and Redo, the dirty
 * state and saving are the project's, shared with the explorer and the Properties view; the form redraws itself
 * from the model whenever the project changes, whoever changed it.
 * <p>
 * UI thread only, like the EMF model it edits.
 */
package io.avlens.ui.project.editor;
