package io.avlens.ui.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.edit.command.AddCommand;
import org.eclipse.emf.edit.command.DeleteCommand;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.viewers.DelegatingStyledCellLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.ui.IActionBars;
import org.eclipse.ui.ISaveablePart;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.part.ViewPart;
import org.eclipse.ui.views.properties.IPropertySheetPage;
import org.eclipse.ui.views.properties.PropertySheetPage;

import io.avlens.model.AvLensFactory;
import io.avlens.model.AvLensPackage;
import io.avlens.model.Bookmark;
import io.avlens.model.Clip;
import io.avlens.model.Experiment;
import io.avlens.model.store.Locations;
import io.avlens.model.store.MergeReport;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;
import io.avlens.model.store.ValidationProblem;
import io.avlens.ui.project.editor.ExperimentEditor;

/**
 * The Project Explorer: the open projects with their datasets and clips, models, and experiments with their runs.
 * Double-click opens (a clip in the media views, an experiment in its editor); the selection feeds the Properties
 * view, whose edits, like every change made here, go through the project's command stack, so Edit › Undo/Redo and
 * the dirty marker ("*") cover them. Save writes every changed project (atomically, with a backup).
 */
public final class ProjectExplorerView extends ViewPart implements ISaveablePart {

    /** The view id. */
    public static final String ID = "io.avlens.ui.views.explorer";

    /** The command that opens a media file in the media views (its handler lives in io.avlens.ui.media). */
    public static final String OPEN_MEDIA_COMMAND = "io.avlens.ui.commands.openMedia";

    /** The file parameter of {@link #OPEN_MEDIA_COMMAND}: an absolute path. */
    public static final String OPEN_MEDIA_FILE = "io.avlens.ui.commands.openMedia.file";

    /** The optional time parameter of {@link #OPEN_MEDIA_COMMAND}: where the cursor goes, seconds. */
    public static final String OPEN_MEDIA_TIME = "io.avlens.ui.commands.openMedia.time";

    private ProjectSessions sessions;
    private TreeViewer viewer;
    private LocalResourceManager images;
    private final ProjectSessions.Listener refresher = (all, changed) -> refresh();
    private Action undo;
    private Action redo;
    private Action delete;
    private DiskChangeWatcher watcher;
    private ClipSelectionFollower follower;

    @Override
    public void createPartControl(Composite parent) {
        sessions = getSite().getService(IEclipseContext.class).get(ProjectSessions.class);
        images = new LocalResourceManager(JFaceResources.getResources(), parent);
        viewer = new TreeViewer(parent, SWT.MULTI | SWT.H_SCROLL | SWT.V_SCROLL);
        viewer.setUseHashlookup(true);
        viewer.setContentProvider(new ExplorerContentProvider());
        viewer.setLabelProvider(new DelegatingStyledCellLabelProvider(new ExplorerLabelProvider(images)));
        viewer.setInput(sessions);
        viewer.addDoubleClickListener(event -> open(((IStructuredSelection) event.getSelection()).getFirstElement()));
        viewer.addSelectionChangedListener(event -> updateActions());
        getSite().setSelectionProvider(viewer);
        follower = new ClipSelectionFollower(this, sessions, viewer);
        getSite().getPage().addSelectionListener(follower);
        sessions.addListener(refresher);
        watcher = new DiskChangeWatcher(sessions, getSite().getShell());
        watcher.start();
        createActions();
        createContextMenu();
        if (!sessions.all().isEmpty()) {
            viewer.expandToLevel(sessions.all().get(sessions.all().size() - 1), 2);
        }
    }

    /** The tree, for tests. */
    public TreeViewer viewer() {
        return viewer;
    }

    /** Shows a project: expands it to its folders and selects it. */
    public void reveal(ProjectSession session) {
        viewer.refresh();
        viewer.expandToLevel(session, 2);
        viewer.setSelection(new StructuredSelection(session), true);
    }

    private void refresh() {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        viewer.refresh();
        updateActions();
        firePropertyChange(PROP_DIRTY);
    }

    /** The session of the selection, or the only open project when nothing is selected. */
    ProjectSession selectedSession() {
        Object first = viewer.getStructuredSelection().getFirstElement();
        ProjectSession session = first == null ? null : ExplorerContentProvider.sessionOf(sessions, first);
        if (session == null && sessions.all().size() == 1) {
            session = sessions.all().get(0);
        }
        return session;
    }

    /**
     * Opens what a double-click names: a clip in the media views, a bookmark there with the cursor on it, an
     * experiment in its editor.
     */
    void open(Object element) {
        if (element instanceof Clip clip) {
            ProjectSession session = ExplorerContentProvider.sessionOf(sessions, clip);
            openMedia(Locations.resolve(session.folder(), clip.getMediaLocation()), Double.NaN);
        } else if (element instanceof Bookmark bookmark && bookmark.eContainer() instanceof Clip clip) {
            ProjectSession session = ExplorerContentProvider.sessionOf(sessions, clip);
            openMedia(Locations.resolve(session.folder(), clip.getMediaLocation()), bookmark.getTime());
        } else if (element instanceof Experiment experiment) {
            ExperimentEditor.open(getSite().getPage(), ExplorerContentProvider.sessionOf(sessions, experiment),
                    experiment);
        } else if (element != null && viewer.isExpandable(element)) {
            viewer.setExpandedState(element, !viewer.getExpandedState(element));
        }
    }

    /** Opens {@code file} in the media views, with the cursor at {@code time} unless it is NaN. */
    private void openMedia(Path file, double time) {
        ICommandService commands = getSite().getService(ICommandService.class);
        IHandlerService handlers = getSite().getService(IHandlerService.class);
        try {
            Map<String, String> parameters = Double.isNaN(time) ? Map.of(OPEN_MEDIA_FILE, file.toString())
                    : Map.of(OPEN_MEDIA_FILE, file.toString(), OPEN_MEDIA_TIME, Double.toString(time));
            ParameterizedCommand command = ParameterizedCommand.generateCommand(
                    commands.getCommand(OPEN_MEDIA_COMMAND), parameters);
            handlers.executeCommand(command, null);
        } catch (Exception e) {
            MessageDialog.openError(getSite().getShell(), "Open Clip",
                    file + " could not be opened: " + (e.getMessage() == null ? e : e.getMessage()));
        }
    }

    private void createActions() {
        undo = new Action("Undo") {
            @Override
            public void run() {
                ProjectSession session = selectedSession();
                if (session != null && session.commandStack().canUndo()) {
                    session.commandStack().undo();
                }
            }
        };
        redo = new Action("Redo") {
            @Override
            public void run() {
                ProjectSession session = selectedSession();
                if (session != null && session.commandStack().canRedo()) {
                    session.commandStack().redo();
                }
            }
        };
        delete = new Action("Delete") {
            @Override
            public void run() {
                deleteSelection();
            }
        };
        IActionBars bars = getViewSite().getActionBars();
        bars.setGlobalActionHandler(ActionFactory.UNDO.getId(), undo);
        bars.setGlobalActionHandler(ActionFactory.REDO.getId(), redo);
        bars.setGlobalActionHandler(ActionFactory.DELETE.getId(), delete);
        updateActions();
    }

    private void updateActions() {
        if (undo == null) {
            return;
        }
        ProjectSession session = selectedSession();
        Command toUndo = session == null ? null : session.commandStack().getUndoCommand();
        Command toRedo = session == null ? null : session.commandStack().getRedoCommand();
        undo.setEnabled(toUndo != null);
        undo.setText("&Undo " + (toUndo == null || toUndo.getLabel() == null ? "" : toUndo.getLabel()) + "\tCtrl+Z");
        redo.setEnabled(toRedo != null);
        redo.setText("&Redo " + (toRedo == null || toRedo.getLabel() == null ? "" : toRedo.getLabel()) + "\tCtrl+Y");
        delete.setEnabled(!deletable().isEmpty());
        getViewSite().getActionBars().updateActionBars();
    }

    private List<EObject> deletable() {
        List<EObject> objects = new ArrayList<>();
        for (Object element : viewer.getStructuredSelection()) {
            if (element instanceof EObject object && object.eContainer() != null) {
                objects.add(object);
            }
        }
        return objects;
    }

    /** Deletes the selected objects and every reference to them (an experiment's clip list, a model used). */
    void deleteSelection() {
        List<EObject> objects = deletable();
        ProjectSession session = selectedSession();
        if (objects.isEmpty() || session == null) {
            return;
        }
        session.execute(DeleteCommand.create(session.editingDomain(), objects));
    }

    /** Adds an experiment with a fresh id to the selected project and opens it in the editor. */
    void newExperiment() {
        ProjectSession session = selectedSession();
        if (session == null) {
            return;
        }
        Experiment experiment = AvLensFactory.eINSTANCE.createExperiment();
        int n = session.project().getExperiments().size() + 1;
        while (hasExperiment(session, "experiment-" + n)) {
            n++;
        }
        experiment.setId("experiment-" + n);
        experiment.setKind("similarity");
        experiment.setSelection(AvLensFactory.eINSTANCE.createClipSelection());
        if (session.execute(AddCommand.create(session.editingDomain(), session.project(),
                AvLensPackage.Literals.PROJECT__EXPERIMENTS, experiment))) {
            viewer.setSelection(new StructuredSelection(experiment), true);
            ExperimentEditor.open(getSite().getPage(), session, experiment);
        }
    }

    private static boolean hasExperiment(ProjectSession session, String id) {
        return session.project().getExperiments().stream().anyMatch(e -> id.equals(e.getId()));
    }

    /** Validates the selected project and reports what is wrong, in words that name the object. */
    void validateSelected() {
        ProjectSession session = selectedSession();
        if (session == null) {
            return;
        }
        List<ValidationProblem> problems = session.validate();
        if (problems.isEmpty()) {
            MessageDialog.openInformation(getSite().getShell(), "Validate Project",
                    session.project().getName() + " is valid.");
            return;
        }
        StringBuilder text = new StringBuilder();
        for (ValidationProblem problem : problems) {
            text.append(problem.severity()).append(" at ").append(problem.path()).append(": ")
                    .append(problem.message()).append('\n');
        }
        MessageDialog.openWarning(getSite().getShell(), "Validate Project",
                session.project().getName() + ": " + problems.size() + " problem(s)\n\n" + text);
    }

    void closeSelected() {
        ProjectSession session = selectedSession();
        if (session == null) {
            return;
        }
        if (session.isDirty()) {
            int choice = new MessageDialog(getSite().getShell(), "Close Project", null,
                    session.project().getName() + " has unsaved changes. Save them before closing?",
                    MessageDialog.QUESTION, 0, "Save", "Don't Save", "Cancel").open();
            if (choice == 2 || choice == 0 && !save(session)) {
                return;
            }
        }
        sessions.close(session);
    }

    private void createContextMenu() {
        MenuManager menu = new MenuManager("#ProjectExplorer");
        menu.setRemoveAllWhenShown(true);
        menu.addMenuListener(this::fillContextMenu);
        Menu swtMenu = menu.createContextMenu(viewer.getControl());
        viewer.getControl().setMenu(swtMenu);
        getSite().registerContextMenu(menu, viewer);
    }

    private void fillContextMenu(IMenuManager menu) {
        Object first = viewer.getStructuredSelection().getFirstElement();
        if (first instanceof Clip || first instanceof Experiment) {
            menu.add(new Action("Open") {
                @Override
                public void run() {
                    open(first);
                }
            });
        }
        if (first instanceof Experiment experiment && selectedSession() != null) {
            ProjectSession session = selectedSession();
            menu.add(new Action("Run Experiment") {
                @Override
                public void run() {
                    ExperimentRuns.start(getSite().getWorkbenchWindow(), session, experiment);
                }
            });
        }
        if (selectedSession() != null) {
            menu.add(new Action("New Experiment") {
                @Override
                public void run() {
                    newExperiment();
                }
            });
            menu.add(new Separator());
            menu.add(undo);
            menu.add(redo);
            menu.add(delete);
            menu.add(new Separator());
            menu.add(new Action("Validate Project") {
                @Override
                public void run() {
                    validateSelected();
                }
            });
            menu.add(new Action("Close Project") {
                @Override
                public void run() {
                    closeSelected();
                }
            });
        }
        menu.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == IPropertySheetPage.class) {
            PropertySheetPage page = new PropertySheetPage();
            page.setPropertySourceProvider(this::propertySource);
            return (T) page;
        }
        return super.getAdapter(adapter);
    }

    private EmfPropertySource propertySource(Object element) {
        Object target = element instanceof ProjectSession session ? session.project() : element;
        ProjectSession session = ExplorerContentProvider.sessionOf(sessions, element);
        return target instanceof EObject object && session != null ? new EmfPropertySource(session, object) : null;
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        if (follower != null) {
            getSite().getPage().removeSelectionListener(follower);
        }
        if (sessions != null) {
            sessions.removeListener(refresher);
        }
        if (watcher != null) {
            watcher.stop();
        }
        super.dispose();
    }

    // ISaveablePart: the explorer saves every changed project

    @Override
    public boolean isDirty() {
        return sessions != null && sessions.all().stream().anyMatch(ProjectSession::isDirty);
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        for (ProjectSession session : sessions.all()) {
            if (session.isDirty() && !save(session)) {
                monitor.setCanceled(true);
                return;
            }
        }
    }

    private boolean save(ProjectSession session) {
        try {
            MergeReport merged = session.save();
            if (!merged.conflicts().isEmpty()) {
                MessageDialog.openWarning(getSite().getShell(), "Save Project", "Another program had changed "
                        + ProjectStore.projectFile(session.folder()) + "; its changes were merged into the saved"
                        + " project. Where both changed the same thing, this workbench's version was saved:\n\n"
                        + String.join("\n", merged.conflicts()));
            }
            return true;
        } catch (ProjectStoreException e) {
            ErrorDialog.openError(getSite().getShell(), "Save Project", null,
                    new org.eclipse.core.runtime.Status(org.eclipse.core.runtime.IStatus.ERROR, "io.avlens.ui",
                            e.getMessage(), e));
            return false;
        }
    }

    @Override
    public void doSaveAs() {
        // a project is its folder; "save as" would be a copy of the folder, which the file manager does better
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public boolean isSaveOnCloseNeeded() {
        return isDirty();
    }
}
