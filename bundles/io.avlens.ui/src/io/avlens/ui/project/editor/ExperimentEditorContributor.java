package io.avlens.ui.project.editor;

import org.eclipse.ui.IActionBars;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.part.EditorActionBarContributor;

/**
 * Points the workbench's global Undo and Redo at the active experiment editor's project. Editors of one type share
 * their action bars, so the handlers are set here, when an editor becomes active, not by each editor once.
 */
public final class ExperimentEditorContributor extends EditorActionBarContributor {

    @Override
    public void setActiveEditor(IEditorPart part) {
        IActionBars bars = getActionBars();
        if (bars == null) {
            return;
        }
        ExperimentEditor editor = part instanceof ExperimentEditor e ? e : null;
        bars.setGlobalActionHandler(ActionFactory.UNDO.getId(), editor == null ? null : editor.undoAction());
        bars.setGlobalActionHandler(ActionFactory.REDO.getId(), editor == null ? null : editor.redoAction());
        bars.updateActionBars();
    }
}
