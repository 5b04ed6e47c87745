package io.avlens.ui.generation.internal;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

import io.avlens.analysis.generation.SweepManifest;
import io.avlens.ui.generation.sweep.SweepViews;

/**
 * File › Open Sweep…: asks for a sweep folder ({@value SweepManifest#FILE} with its cells, or a dataset sweep's
 * folder of such folders, as {@code avlens sweep} writes them) and shows it in the Sweep view.
 */
public final class OpenSweepHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        DirectoryDialog dialog = new DirectoryDialog(window.getShell());
        dialog.setText("Open Sweep");
        dialog.setMessage("A folder with " + SweepManifest.FILE + " (avlens sweep --out, or a sweep run's clip folder)");
        String chosen = dialog.open();
        if (chosen != null) {
            SweepViews.open(Path.of(chosen), window);
        }
        return null;
    }
}
