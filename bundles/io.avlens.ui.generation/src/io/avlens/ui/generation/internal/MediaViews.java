package io.avlens.ui.generation.internal;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;

import io.avlens.ui.media.TimelineView;
import io.avlens.ui.media.VideoView;

/** Brings the Timeline and Video views up once a generated sound's clip is open. UI thread. */
final class MediaViews {

    private MediaViews() {
    }

    static void show(IWorkbenchWindow window) {
        IWorkbenchPage page = window.getActivePage();
        if (page == null) {
            return;
        }
        try {
            page.showView(TimelineView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
            page.showView(VideoView.ID, null, IWorkbenchPage.VIEW_ACTIVATE);
        } catch (PartInitException e) {
            MessageDialog.openError(window.getShell(), "Cannot show the media views", e.getMessage());
        }
    }
}
