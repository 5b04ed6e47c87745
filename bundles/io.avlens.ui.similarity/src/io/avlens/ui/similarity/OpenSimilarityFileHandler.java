package io.avlens.ui.similarity;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.media.ClipOpener;

/**
 * Handles {@code io.avlens.ui.commands.openSimilarity}: the command the Runs view (in io.avlens.ui, which cannot
 * depend on this bundle) executes to open a run's similarity volume. The {@code .npy} file comes as the command's
 * parameter, and the media file of the clip it was computed on as an optional second one: that clip is opened (or
 * activated) and the volume linked to it; without one the volume's axes are in steps.
 */
public final class OpenSimilarityFileHandler extends AbstractHandler {

    /** The command's file parameter (an absolute path). */
    static final String FILE = "io.avlens.ui.commands.openSimilarity.file";
    /** The command's optional clip parameter (the absolute path of the clip's media file). */
    static final String CLIP = "io.avlens.ui.commands.openSimilarity.clip";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        String file = event.getParameter(FILE);
        if (file == null || file.isBlank()) {
            throw new ExecutionException("Open Similarity Volume File needs the parameter " + FILE);
        }
        String clip = event.getParameter(CLIP);
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        try {
            Path volume = Path.of(file);
            if (clip == null || clip.isBlank()) {
                OpenSimilarityHandler.open(volume, null, window);
            } else {
                openForClip(volume, Path.of(clip), window);
            }
        } catch (InvalidPathException e) {
            throw new ExecutionException("'" + e.getInput() + "' is not a file name: " + e.getReason(), e);
        }
        return null;
    }

    /** Opens (or activates) {@code clip}, then shows {@code volume} linked to it. */
    private static void openForClip(Path volume, Path clip, IWorkbenchWindow window) {
        AnalysisContexts contexts = window.getService(IEclipseContext.class).get(AnalysisContexts.class);
        Shell shell = window.getShell();
        ClipOpener.open(clip, contexts, shell.getDisplay(), opened -> {
            try {
                OpenSimilarityHandler.open(volume, opened, window);
            } catch (ExecutionException e) {
                MessageDialog.openError(shell, "Open Similarity Volume", e.getMessage());
            }
        }, problem -> {
            MessageDialog.openError(shell, "Open Similarity Volume", "The clip of " + volume + " cannot be opened: "
                    + problem + ". The volume opens with its axes in steps.");
            try {
                OpenSimilarityHandler.open(volume, null, window);
            } catch (ExecutionException e) {
                MessageDialog.openError(shell, "Open Similarity Volume", e.getMessage());
            }
        });
    }
}
