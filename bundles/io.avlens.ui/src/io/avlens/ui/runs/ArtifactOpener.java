package io.avlens.ui.runs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.program.Program;
import org.eclipse.ui.IViewSite;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;

import io.avlens.model.store.Locations;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.tensor.TensorView;

/**
 * Opens a run's files for the Runs view where each is best seen ({@link ArtifactRoute}): a similarity volume in the
 * Similarity view (linked to its own clip), other tensors in the Tensor view, text in a window, the rest with the
 * desktop's program. Problems are told to the user in a dialog. UI thread.
 */
final class ArtifactOpener {

    private final IViewSite site;

    ArtifactOpener(IViewSite site) {
        this.site = site;
    }

    /**
     * The file at {@code location} of the project of {@code session}, or null after telling the user why there is
     * none.
     */
    Path resolve(ProjectSession session, String location, String what) {
        String problem;
        try {
            if (session == null) {
                problem = "its project is not open";
            } else {
                Path file = Locations.resolve(session.folder(), location);
                if (Files.isRegularFile(file)) {
                    return file;
                }
                problem = file + " does not exist";
            }
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        MessageDialog.openError(site.getShell(), "Open", "Cannot open " + what + ": " + problem);
        return null;
    }

    /**
     * Opens {@code file} by {@code route}; a similarity volume linked to the clip whose media is {@code clip}.
     *
     * @return the text window when the file was shown as text, else null
     */
    TextFileDialog open(ArtifactRoute route, Path file, Path clip) {
        try {
            switch (route) {
            case SIMILARITY -> {
                Map<String, String> parameters = new HashMap<>(Map.of(RunsView.OPEN_SIMILARITY_FILE,
                        file.toString()));
                if (clip != null) {
                    parameters.put(RunsView.OPEN_SIMILARITY_CLIP, clip.toString());
                }
                execute(RunsView.OPEN_SIMILARITY_COMMAND, parameters);
            }
            case TENSOR -> {
                site.getPage().showView(TensorView.ID);
                site.getService(IEventBroker.class).send(TensorView.TOPIC_OPEN, file);
            }
            case TEXT -> {
                TextFileDialog dialog = new TextFileDialog(site.getShell(), file);
                dialog.open();
                return dialog;
            }
            case SYSTEM -> {
                if (!Program.launch(file.toString())) {
                    MessageDialog.openInformation(site.getShell(), "Open", "No program on this system opens "
                            + file.getFileName() + " (" + file + ").");
                }
            }
            }
        } catch (Exception e) {
            MessageDialog.openError(site.getShell(), "Open",
                    file + " could not be opened: " + (e.getMessage() == null ? e : e.getMessage()));
        }
        return null;
    }

    /** Runs the workbench command {@code commandId} with {@code parameters}. */
    void execute(String commandId, Map<String, String> parameters) throws Exception {
        ICommandService commands = site.getService(ICommandService.class);
        IHandlerService handlers = site.getService(IHandlerService.class);
        handlers.executeCommand(ParameterizedCommand.generateCommand(commands.getCommand(commandId), parameters), null);
    }
}
