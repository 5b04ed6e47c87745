package io.avlens.ui.similarity;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import io.avlens.ui.context.AnalysisContext;

/** File &gt; Open Similarity Volume...: asks for a .npy file and shows it in the Similarity view. */
public final class OpenSimilarityHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        FileDialog dialog = new FileDialog(window.getShell(), SWT.OPEN);
        dialog.setText("Open Similarity Volume");
        dialog.setFilterExtensions(new String[] {"*.npy", "*"});
        dialog.setFilterNames(new String[] {"NumPy arrays [audio steps, video steps] (*.npy)", "All files"});
        String chosen = dialog.open();
        if (chosen != null) {
            open(Path.of(chosen), window);
        }
        return null;
    }

    /** Shows the Similarity view of {@code window} and opens {@code file} in it, spanning the active clip. */
    public static void open(Path file, IWorkbenchWindow window) throws ExecutionException {
        showView(window);
        window.getService(IEventBroker.class).send(SimilarityView.TOPIC_OPEN, file);
    }

    /**
     * Shows the Similarity view of {@code window} and opens {@code file} in it, linked to {@code clip} (the analysis
     * of the clip it was computed on; null when unknown: the axes are then in steps).
     */
    public static void open(Path file, AnalysisContext clip, IWorkbenchWindow window) throws ExecutionException {
        showView(window);
        window.getService(IEventBroker.class).send(SimilarityView.TOPIC_OPEN_FOR_CLIP,
                new SimilarityView.OpenRequest(file, clip));
    }

    private static void showView(IWorkbenchWindow window) throws ExecutionException {
        try {
            window.getActivePage().showView(SimilarityView.ID);
        } catch (PartInitException e) {
            throw new ExecutionException("The Similarity view cannot be opened", e);
        }
    }
}
