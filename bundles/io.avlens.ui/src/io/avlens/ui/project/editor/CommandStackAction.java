package io.avlens.ui.project.editor;

import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.common.command.CommandStack;
import org.eclipse.jface.action.Action;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.IWorkbenchCommandConstants;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.ActionFactory;

/**
 * Undo or Redo on a project's command stack, named after the command it would undo or redo ("Undo Set Experiment
 * Id"), for the workbench's global Undo and Redo handlers. {@link #update()} follows the stack.
 */
final class CommandStackAction extends Action {

    private final CommandStack stack;
    private final boolean undo;

    private CommandStackAction(CommandStack stack, boolean undo) {
        this.stack = stack;
        this.undo = undo;
        ActionFactory factory = undo ? ActionFactory.UNDO : ActionFactory.REDO;
        setId(factory.getId());
        setActionDefinitionId(undo ? IWorkbenchCommandConstants.EDIT_UNDO : IWorkbenchCommandConstants.EDIT_REDO);
        ISharedImages images = PlatformUI.getWorkbench().getSharedImages();
        setImageDescriptor(images.getImageDescriptor(undo ? ISharedImages.IMG_TOOL_UNDO : ISharedImages.IMG_TOOL_REDO));
        setDisabledImageDescriptor(images.getImageDescriptor(
                undo ? ISharedImages.IMG_TOOL_UNDO_DISABLED : ISharedImages.IMG_TOOL_REDO_DISABLED));
        update();
    }

    static CommandStackAction undo(CommandStack stack) {
        return new CommandStackAction(stack, true);
    }

    static CommandStackAction redo(CommandStack stack) {
        return new CommandStackAction(stack, false);
    }

    /** Follows the stack: enabled when there is something to undo (redo), labelled with it. */
    void update() {
        Command next = undo ? stack.getUndoCommand() : stack.getRedoCommand();
        String verb = undo ? "Undo" : "Redo";
        setEnabled(undo ? stack.canUndo() : stack.canRedo());
        String label = next == null ? null : next.getLabel();
        setText(label == null || label.isBlank() ? verb : verb + " " + label);
    }

    @Override
    public void run() {
        if (undo && stack.canUndo()) {
            stack.undo();
        } else if (!undo && stack.canRedo()) {
            stack.redo();
        }
    }
}
