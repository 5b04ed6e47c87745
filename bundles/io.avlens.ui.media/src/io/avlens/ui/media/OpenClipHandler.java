package io.avlens.ui.media;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.HandlerUtil;

import io.avlens.ui.context.AnalysisContexts;

/** File > Open Clip...: asks for a video or audio file and shows it in the Video and Timeline views. */
public final class OpenClipHandler extends AbstractHandler {

    /** Extensions offered first in the file dialog; any file may still be chosen. */
    static final String MEDIA_FILTER = "*.mp4;*.mkv;*.mov;*.webm;*.avi;*.m4v;*.wav;*.mp3;*.flac;*.ogg;*.m4a";

    @Override
    public Object execute(ExecutionEvent event) {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        Shell shell = window.getShell();
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText("Open Clip");
        dialog.setFilterExtensions(new String[] {MEDIA_FILTER, "*"});
        dialog.setFilterNames(new String[] {"Video and audio", "All files"});
        String chosen = dialog.open();
        if (chosen != null) {
            open(Path.of(chosen), window);
        }
        return null;
    }

    /** Opens {@code file} and shows the media views of {@code window}. */
    public static void open(Path file, IWorkbenchWindow window) {
        open(file, window, Double.NaN);
    }

    /** Opens {@code file}, moves its cursor to {@code seconds} (unless NaN) and shows the media views. */
    public static void open(Path file, IWorkbenchWindow window, double seconds) {
        IEclipseContext context = PlatformUI.getWorkbench().getService(IEclipseContext.class);
        AnalysisContexts contexts = context.get(AnalysisContexts.class);
        ClipOpener.open(file, contexts, window.getShell().getDisplay(), opened -> {
            if (!Double.isNaN(seconds)) {
                opened.moveCursor(OpenClipHandler.class, seconds);
            }
            showViews(window);
        }, message -> MessageDialog.openError(window.getShell(), "Cannot open the clip", message));
    }

    private static void showViews(IWorkbenchWindow window) {
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
