package io.avlens.ui.project.editor;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;

import io.avlens.model.Experiment;
import io.avlens.model.store.ExperimentParameterCatalog;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;
import io.avlens.ui.project.ExperimentRuns;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.project.ProjectSessions;

/**
 * The form an experiment is set up in: general settings, models, clips and parameters, with the problems found on
 * every change shown beside the control they concern. The editor owns no state of its own: every edit is a command
 * on the project's {@link ProjectSession}, so Undo, Redo, the dirty state and Save are the project's, and the form is
 * redrawn from the model whenever the project changes (an edit here, in the Properties view, an undo). It closes when
 * its experiment is deleted or its project closed.
 */
public final class ExperimentEditor extends EditorPart {

    /** The editor's id in plugin.xml. */
    public static final String ID = "io.avlens.ui.editors.experiment";

    /** The key under which the form's controls carry their names (SWTBot's), for tests and UI robots. */
    public static final String WIDGET_KEY = FormContext.WIDGET_KEY;

    private ProjectSession session;
    private Experiment experiment;
    private ProjectSessions sessions;
    private CommandStackAction undo;
    private CommandStackAction redo;
    private ExperimentForm form;
    private boolean closing;
    private final ProjectSession.Listener sessionListener = s -> projectChanged();
    private final ProjectSessions.Listener sessionsListener = (all, changed) -> {
        if (changed == session && !all.all().contains(session)) {
            close();
        }
    };

    /**
     * Opens {@code experiment} in an editor, or activates the editor it is open in. Shows the editor area when the
     * perspective hides it. A failure is shown to the user.
     *
     * @return the editor, or null when it could not be opened
     */
    public static ExperimentEditor open(IWorkbenchPage page, ProjectSession session, Experiment experiment) {
        try {
            if (!page.isEditorAreaVisible()) {
                page.setEditorAreaVisible(true);
            }
            // a part that failed to initialise comes back as the workbench's error editor, which shows why
            return page.openEditor(new ExperimentEditorInput(session, experiment), ID) instanceof ExperimentEditor editor
                    ? editor : null;
        } catch (PartInitException e) {
            ErrorDialog.openError(page.getWorkbenchWindow().getShell(), "Open Experiment",
                    "Experiment '" + experiment.getId() + "' cannot be opened.", e.getStatus());
            return null;
        }
    }

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof ExperimentEditorInput experimentInput)) {
            throw new PartInitException("The experiment editor opens experiments of open projects, not " + input);
        }
        setSite(site);
        setInput(input);
        session = experimentInput.session();
        experiment = experimentInput.experiment();
        setPartName(input.getName());
        setTitleToolTip(input.getToolTipText());
        undo = CommandStackAction.undo(session.commandStack());
        redo = CommandStackAction.redo(session.commandStack());
        session.addListener(sessionListener);
        IEclipseContext eclipseContext = site.getService(IEclipseContext.class);
        sessions = eclipseContext == null ? null : eclipseContext.get(ProjectSessions.class);
        if (sessions != null) {
            sessions.addListener(sessionsListener);
        }
    }

    @Override
    public void createPartControl(Composite parent) {
        IEclipseContext eclipseContext = getSite().getService(IEclipseContext.class);
        ExperimentParameterCatalog catalog = eclipseContext == null ? null
                : eclipseContext.get(ExperimentParameterCatalog.class);
        form = new ExperimentForm(parent, session, experiment, catalog, getTitleImage(),
                () -> ExperimentRuns.start(getSite().getWorkbenchWindow(), session, experiment));
    }

    /** Redraws the form from the model and follows the part's name, the dirty state and the undo history. */
    private void projectChanged() {
        if (closing) {
            return;
        }
        if (experiment.eContainer() != session.project()) {
            close();
            return;
        }
        if (form != null) {
            form.refresh();
        }
        setPartName(getEditorInput().getName());
        setTitleToolTip(getEditorInput().getToolTipText());
        undo.update();
        redo.update();
        firePropertyChange(PROP_DIRTY);
    }

    /** Closes the editor without asking: its experiment or its project is gone. */
    private void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (form != null) {
            form.stop();
        }
        getSite().getShell().getDisplay().asyncExec(() -> getSite().getPage().closeEditor(this, false));
    }

    CommandStackAction undoAction() {
        return undo;
    }

    CommandStackAction redoAction() {
        return redo;
    }

    /** The project's dirty state: the editor edits the project, and saving saves all of it. */
    @Override
    public boolean isDirty() {
        return session.isDirty();
    }

    /** Saves the whole project; a failure is shown with the file and the project stays dirty. */
    @Override
    public void doSave(IProgressMonitor monitor) {
        if (form != null) {
            form.commitPending();
        }
        try {
            session.save();
        } catch (ProjectStoreException e) {
            MessageDialog.openError(getSite().getShell(), "Save Project", "The project could not be saved to "
                    + ProjectStore.projectFile(session.folder()) + "; its changes are kept.\n\n" + e.getMessage());
            if (monitor != null) {
                monitor.setCanceled(true);
            }
        }
    }

    @Override
    public void doSaveAs() {
        throw new UnsupportedOperationException("an experiment is saved with its project");
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public void setFocus() {
        if (form != null) {
            form.setFocus();
        }
    }

    @Override
    public void dispose() {
        closing = true;
        session.removeListener(sessionListener);
        if (sessions != null) {
            sessions.removeListener(sessionsListener);
        }
        if (form != null) {
            form.dispose();
        }
        super.dispose();
    }
}
