package io.avlens.ui.generation.internal;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.HandlerUtil;

import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.generation.GeneratedSoundOpener;

/**
 * File › Open Generated Sound…: asks for a generated sample (its {@code .json} record or its {@code .wav}) and opens
 * its clip in the Video and Timeline views with that sample as the soundtrack that plays.
 */
public final class OpenGeneratedSoundHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        FileDialog dialog = new FileDialog(window.getShell(), SWT.OPEN);
        dialog.setText("Open Generated Sound");
        dialog.setFilterExtensions(new String[] {"*.json;*.wav", "*"});
        dialog.setFilterNames(new String[] {"Generated samples (record or waveform)", "All files"});
        String chosen = dialog.open();
        if (chosen != null) {
            open(List.of(Path.of(chosen)), window);
        }
        return null;
    }

    /** Opens the samples {@code files} with their clip in {@code window}; problems in an error dialog. */
    static void open(List<Path> files, IWorkbenchWindow window) {
        open(files, null, window);
    }

    /** Opens a run's samples on its clip {@code media} (null: the clip their records name). */
    static void open(List<Path> files, Path media, IWorkbenchWindow window) {
        AnalysisContexts contexts = PlatformUI.getWorkbench().getService(IEclipseContext.class)
                .get(AnalysisContexts.class);
        GeneratedSoundOpener.open(files, media, contexts, window.getShell().getDisplay(), opened -> MediaViews.show(window),
                message -> MessageDialog.openError(window.getShell(), "Cannot open the generated sound", message));
    }
}
