package io.avlens.ui.similarity;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * Handles {@code io.avlens.ui.commands.openSimilarity}: the command the Runs view (in io.avlens.ui, which cannot
 * depend on this bundle) executes to open a run's similarity volume. The {@code .npy} file comes as the command's
 * parameter.
 */
public final class OpenSimilarityFileHandler extends AbstractHandler {

    /** The command's file parameter (an absolute path). */
    static final String FILE = "io.avlens.ui.commands.openSimilarity.file";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        String file = event.getParameter(FILE);
        if (file == null || file.isBlank()) {
            throw new ExecutionException("Open Similarity Volume File needs the parameter " + FILE);
        }
        try {
            OpenSimilarityHandler.open(Path.of(file), HandlerUtil.getActiveWorkbenchWindowChecked(event));
        } catch (InvalidPathException e) {
            throw new ExecutionException("'" + file + "' is not a file name: " + e.getReason(), e);
        }
        return null;
    }
}
