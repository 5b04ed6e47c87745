package io.avlens.ui.generation.sweep;

import java.nio.file.Path;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

import io.avlens.ui.media.TimelineView;
import io.avlens.ui.media.VideoView;

/** Shows a sweep in the Sweep view of a window, with the Video and Timeline views beside it. UI thread. */
public final class SweepViews {

    private SweepViews() {
    }

    /** Opens the sweep in {@code folder}; a failure shows in an error dialog. */
    public static void open(Path folder, IWorkbenchWindow window) {
        open(folder, null, window);
    }

    /**
     * Opens the sweep in {@code folder} on {@code media}, the clip of the run it belongs to (null: the clip the
     * sweep's record names); a failure shows in an error dialog.
     */
    public static void open(Path folder, Path media, IWorkbenchWindow window) {
        IWorkbenchPage page = window.getActivePage();
        try {
            page.showView(TimelineView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
            page.showView(VideoView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
            page.showView(SweepView.ID);
            MPart part = window.getService(EPartService.class).findPart(SweepView.ID);
            if (part == null || !(part.getObject() instanceof SweepView view)) {
                throw new PartInitException("the Sweep view did not start");
            }
            view.open(folder, media, failure -> {
                if (failure != null && !window.getShell().isDisposed()) {
                    MessageDialog.openError(window.getShell(), "Cannot open the sweep", failure);
                }
            });
        } catch (PartInitException e) {
            MessageDialog.openError(window.getShell(), "Cannot show the Sweep view", e.getMessage());
        }
    }
}
