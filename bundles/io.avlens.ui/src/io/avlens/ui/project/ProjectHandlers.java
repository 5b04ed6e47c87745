package io.avlens.ui.project;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import io.avlens.model.store.ProjectStoreException;
import io.avlens.runner.data.MediaImport;

/**
 * File › New Project…, Open Project… and Import Dataset…: each ends with the project shown in the Project Explorer.
 */
public final class ProjectHandlers {

    private ProjectHandlers() {
    }

    static ProjectSessions sessions(IWorkbenchWindow window) {
        return window.getWorkbench().getService(IEclipseContext.class).get(ProjectSessions.class);
    }

    /** Shows the explorer with {@code session} expanded and selected. */
    public static ProjectExplorerView reveal(IWorkbenchWindow window, ProjectSession session) {
        try {
            ProjectExplorerView explorer = (ProjectExplorerView) window.getActivePage().showView(ProjectExplorerView.ID);
            explorer.reveal(session);
            return explorer;
        } catch (PartInitException e) {
            MessageDialog.openError(window.getShell(), "Project Explorer", e.getMessage());
            return null;
        }
    }

    /** Opens the project in {@code folder} and shows it; a file that cannot be opened is named in a dialog. */
    public static ProjectSession open(IWorkbenchWindow window, Path folder) {
        try {
            ProjectSession session = sessions(window).open(folder);
            reveal(window, session);
            return session;
        } catch (ProjectStoreException e) {
            MessageDialog.openError(window.getShell(), "Open Project", e.getMessage());
            return null;
        }
    }

    /** File › New Project…. */
    public static final class NewProject extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) throws ExecutionException {
            IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
            NewProjectWizard wizard = new NewProjectWizard(sessions(window),
                    Path.of(System.getProperty("user.home"), "AV Lens"));
            if (new WizardDialog(window.getShell(), wizard).open() == Window.OK && wizard.created() != null) {
                reveal(window, wizard.created());
            }
            return null;
        }
    }

    /** File › Open Project…: a folder that holds project.avlens. */
    public static final class OpenProject extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) throws ExecutionException {
            IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
            DirectoryDialog dialog = new DirectoryDialog(window.getShell());
            dialog.setText("Open Project");
            dialog.setMessage("Choose the folder that holds project.avlens");
            String chosen = dialog.open();
            if (chosen != null) {
                open(window, Path.of(chosen));
            }
            return null;
        }
    }

    /** File › Import Dataset…. */
    public static final class ImportDataset extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) throws ExecutionException {
            IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
            ProjectSessions sessions = sessions(window);
            ProjectSession selected = null;
            if (window.getActivePage().findView(ProjectExplorerView.ID) instanceof ProjectExplorerView explorer) {
                selected = explorer.selectedSession();
            }
            ImportDatasetWizard wizard = new ImportDatasetWizard(sessions, selected);
            if (new WizardDialog(window.getShell(), wizard).open() == Window.OK && wizard.result() != null) {
                reveal(window, wizard.target());
                report(window.getShell(), wizard.result());
            }
            return null;
        }
    }

    private static void report(Shell shell, MediaImport.Result result) {
        StringBuilder text = new StringBuilder(result.added().size() + " clip(s) added, " + result.skipped().size()
                + " already in the dataset, " + result.rejected().size() + " file(s) rejected.");
        int shown = 0;
        for (MediaImport.Rejected rejected : result.rejected()) {
            if (shown++ == 20) {
                text.append("\n…");
                break;
            }
            text.append("\n").append(rejected.path()).append(": ").append(rejected.reason());
        }
        if (result.rejected().isEmpty()) {
            MessageDialog.openInformation(shell, "Import Dataset", text.toString());
        } else {
            MessageDialog.openWarning(shell, "Import Dataset", text.toString());
        }
    }
}
