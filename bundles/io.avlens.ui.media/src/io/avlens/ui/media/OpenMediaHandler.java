package io.avlens.ui.media;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * Handles {@code io.avlens.ui.commands.openMedia}: the command the Project Explorer (in io.avlens.ui, which cannot
 * depend on this bundle) executes when a clip or one of its bookmarks is double-clicked. The file comes as the
 * command's parameter, and for a bookmark its time, where the shared cursor goes once the clip is open.
 */
public final class OpenMediaHandler extends AbstractHandler {

    /** The command's file parameter (an absolute path). */
    static final String FILE = "io.avlens.ui.commands.openMedia.file";
    /** The command's optional time parameter, seconds. */
    static final String TIME = "io.avlens.ui.commands.openMedia.time";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        String file = event.getParameter(FILE);
        if (file == null || file.isBlank()) {
            throw new ExecutionException("Open Media File needs the parameter " + FILE);
        }
        String time = event.getParameter(TIME);
        double seconds;
        try {
            seconds = time == null || time.isBlank() ? Double.NaN : Double.parseDouble(time);
        } catch (NumberFormatException e) {
            throw new ExecutionException("Open Media File: '" + time + "' is not a time in seconds", e);
        }
        try {
            OpenClipHandler.open(Path.of(file), HandlerUtil.getActiveWorkbenchWindowChecked(event), seconds);
        } catch (InvalidPathException e) {
            throw new ExecutionException("'" + file + "' is not a file name: " + e.getReason(), e);
        }
        return null;
    }
}
