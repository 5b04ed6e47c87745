package io.avlens.ui.synth;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

import io.avlens.ui.project.ProjectSessions;

/** File › New Synthetic Dataset…: opens {@link NewSynthDatasetWizard}; its Finish shows the new project. */
public final class NewSynthDatasetHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        ProjectSessions sessions = window.getWorkbench().getService(IEclipseContext.class).get(ProjectSessions.class);
        new WizardDialog(window.getShell(), new NewSynthDatasetWizard(sessions, window,
                Path.of(System.getProperty("user.home"), "AV Lens"))).open();
        return null;
    }
}
