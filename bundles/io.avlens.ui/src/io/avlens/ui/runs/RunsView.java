package io.avlens.ui.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.eclipse.ui.views.properties.IPropertySheetPage;
import org.eclipse.ui.views.properties.PropertySheetPage;

import io.avlens.model.Artifact;
import io.avlens.model.ClipResult;
import io.avlens.model.Project;
import io.avlens.model.Run;
import io.avlens.model.RunStatus;
import io.avlens.model.store.Locations;
import io.avlens.ui.project.EmfPropertySource;
import io.avlens.ui.project.ProjectExplorerView;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.project.ProjectSessions;

/**
 * Every run of the open projects in one sortable table: experiment, run id, status (with its icon), start, duration,
 * device, seed and one column per metric any run has; a failed run's error message is its tooltip. The table follows
 * the projects through EMF adapters ({@link ProjectChanges}), so runs a runner adds or finishes appear as they
 * happen. The selected run feeds the Properties view and lists below its per-clip results (clip, model, status, one
 * sortable column per metric; double-click opens the clip) and its artifacts, which open on double-click where they
 * are best seen ({@link ArtifactRoute}); "Show in Explorer" reveals the run in the Project Explorer, and "Compare
 * Runs" on two selected runs shows their metrics side by side with the difference ({@link CompareRunsDialog}).
 * Other bundles add actions on a clip's result through the context menu {@link #CLIP_RESULTS_MENU} (the selection
 * holds {@link ClipResult}s; the result's run is its container).
 */
public final class RunsView extends ViewPart {

    /** The view id. */
    public static final String ID = "io.avlens.ui.views.runs";
    /** The command that opens a similarity volume (its handler lives in io.avlens.ui.similarity). */
    public static final String OPEN_SIMILARITY_COMMAND = "io.avlens.ui.commands.openSimilarity";
    /** The file parameter of {@link #OPEN_SIMILARITY_COMMAND}: an absolute path of a .npy file. */
    public static final String OPEN_SIMILARITY_FILE = "io.avlens.ui.commands.openSimilarity.file";
    /** The optional clip parameter of {@link #OPEN_SIMILARITY_COMMAND}: the media file the volume was computed on. */
    public static final String OPEN_SIMILARITY_CLIP = "io.avlens.ui.commands.openSimilarity.clip";

    /** Id of the per-clip results' context menu, for {@code popup:} menu contributions of other bundles. */
    public static final String CLIP_RESULTS_MENU = ID + ".clipResults";

    private ProjectSessions sessions;
    private LocalResourceManager images;
    private TableViewer runs;
    private RunsTable table;
    private TableViewer artifacts;
    private ClipResultsTable clipResults;
    private ProjectChanges changes;
    private LeftBehindRunsBar leftBehind;
    private ArtifactOpener opener;

    @Override
    public void createPartControl(Composite parent) {
        sessions = getSite().getService(IEclipseContext.class).get(ProjectSessions.class);
        opener = new ArtifactOpener(getViewSite());
        images = new LocalResourceManager(JFaceResources.getResources(), parent);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 0;
        parent.setLayout(layout);
        leftBehind = new LeftBehindRunsBar(parent, this::refresh);
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        runs = new TableViewer(sash, SWT.MULTI | SWT.FULL_SELECTION | SWT.H_SCROLL | SWT.V_SCROLL | SWT.BORDER);
        runs.getTable().setHeaderVisible(true);
        runs.getTable().setLinesVisible(true);
        runs.setContentProvider(ArrayContentProvider.getInstance());
        table = new RunsTable(runs, images);
        runs.addSelectionChangedListener(event -> showArtifacts());
        runs.addDoubleClickListener(event -> showInExplorer());
        getSite().setSelectionProvider(runs);

        clipResults = new ClipResultsTable(sash, this::openClip);
        artifacts = new TableViewer(sash, SWT.SINGLE | SWT.FULL_SELECTION | SWT.H_SCROLL | SWT.V_SCROLL | SWT.BORDER);
        artifacts.getTable().setHeaderVisible(true);
        artifacts.getTable().setLinesVisible(true);
        artifacts.setContentProvider(ArrayContentProvider.getInstance());
        ArtifactColumns.create(artifacts);
        artifacts.addDoubleClickListener(event -> openSelectedArtifact(false));
        sash.setWeights(50, 25, 25);

        createMenus();
        changes = new ProjectChanges(sessions, parent.getDisplay(), this::refresh);
        refresh();
    }

    /** Sorts by column {@code index} (ascending first, again: descending). UI thread. */
    public void sortBy(int index) {
        table.sortBy(index);
    }

    /** Reads the runs again; adds or removes metric columns when the metric names changed. UI thread. */
    void refresh() {
        if (runs == null || runs.getControl().isDisposed()) {
            return;
        }
        table.show(RunRows.runs(sessions));
        leftBehind.update(sessions);
        showArtifacts();
    }

    private void showArtifacts() {
        Run run = selectedRun();
        artifacts.setInput(run == null ? List.of() : List.copyOf(run.getArtifacts()));
        clipResults.show(run);
    }

    /** The per-clip results table of the selected run, for tests. */
    public TableViewer clipResultsViewer() {
        return clipResults.viewer();
    }

    /** Sorts the per-clip results by column {@code index} (again: descending). UI thread. */
    public void sortClipResultsBy(int index) {
        clipResults.sortBy(index);
    }

    /**
     * Opens the clip of a per-clip result in the media views.
     *
     * @return the media file opened, or null when the result's clip is not in an open project (a message says so)
     */
    public Path openClip(ClipResult result) {
        ProjectSession session = result.getClip() == null ? null : sessionOf(result.getClip());
        if (session == null) {
            MessageDialog.openInformation(getSite().getShell(), "Open Clip", "Clip '" + result.getClipId()
                    + "' is not in an open project (it was removed, or the run was recorded without it).");
            return null;
        }
        Path media;
        try {
            media = Locations.resolve(session.folder(), result.getClip().getMediaLocation());
            opener.execute(ProjectExplorerView.OPEN_MEDIA_COMMAND, Map.of(ProjectExplorerView.OPEN_MEDIA_FILE,
                    media.toString()));
        } catch (Exception e) {
            MessageDialog.openError(getSite().getShell(), "Open Clip", "Clip '" + result.getClipId()
                    + "' could not be opened: " + (e.getMessage() == null ? e : e.getMessage()));
            return null;
        }
        return media;
    }

    /**
     * Compares the two selected runs (the difference is the second minus the first, in table order).
     *
     * @return the open dialog, or null unless exactly two runs are selected
     */
    public CompareRunsDialog compareSelectedRuns() {
        List<?> selected = runs.getStructuredSelection().toList();
        if (selected.size() != 2) {
            return null;
        }
        List<Run> ordered = new ArrayList<>();
        for (org.eclipse.swt.widgets.TableItem item : runs.getTable().getItems()) {
            if (selected.contains(item.getData())) {
                ordered.add((Run) item.getData());
            }
        }
        CompareRunsDialog dialog = new CompareRunsDialog(getSite().getShell(), ordered.get(0), ordered.get(1));
        dialog.open();
        return dialog;
    }

    private Run selectedRun() {
        return runs.getStructuredSelection().getFirstElement() instanceof Run run ? run : null;
    }

    /** Selects {@code run} in the table (and so in the Properties view). UI thread. */
    public void select(Run run) {
        runs.setSelection(new StructuredSelection(run), true);
    }

    /** The runs table, for tests. */
    public TableViewer runsViewer() {
        return runs;
    }

    /** The artifacts table, for tests. */
    public TableViewer artifactsViewer() {
        return artifacts;
    }

    /** The session of the project {@code object} belongs to, or null. */
    private ProjectSession sessionOf(EObject object) {
        return EcoreUtil.getRootContainer(object) instanceof Project project ? sessions.sessionOf(project).orElse(null)
                : null;
    }

    /** Reveals the selected run in the Project Explorer. UI thread. */
    public void showInExplorer() {
        Run run = selectedRun();
        if (run == null) {
            return;
        }
        try {
            ProjectExplorerView explorer = (ProjectExplorerView) getSite().getPage().showView(ProjectExplorerView.ID);
            explorer.viewer().setSelection(new StructuredSelection(run), true);
        } catch (PartInitException e) {
            MessageDialog.openError(getSite().getShell(), "Show in Explorer", e.getMessage());
        }
    }

    /**
     * Opens the selected artifact where it is best seen ({@link ArtifactRoute}), or with the desktop's program.
     *
     * @return the text window when the file was shown as text, else null
     */
    public TextFileDialog openSelectedArtifact(boolean withSystemProgram) {
        Run run = selectedRun();
        if (!(artifacts.getStructuredSelection().getFirstElement() instanceof Artifact artifact) || run == null) {
            return null;
        }
        Path file = opener.resolve(sessionOf(run), artifact.getLocation(), "artifact " + artifact.getName());
        if (file == null) {
            return null;
        }
        ArtifactRoute route = withSystemProgram ? ArtifactRoute.SYSTEM : ArtifactRoute.of(artifact.getKind(), file);
        // a volume is linked to the clip it was computed on, not to the active one
        Path clip = route == ArtifactRoute.SIMILARITY
                ? ArtifactClips.mediaOf(run, artifact, sessionOf(run).folder()).orElse(null) : null;
        return opener.open(route, file, clip);
    }

    /** Opens the selected run's log ({@code run.json}). @return the text window, or null */
    public TextFileDialog openLog() {
        Run run = selectedRun();
        if (run == null) {
            return null;
        }
        if (run.getLogLocation() == null || run.getLogLocation().isBlank()) {
            MessageDialog.openInformation(getSite().getShell(), "Open Log", "Run " + run.getId() + " has no log.");
            return null;
        }
        Path file = opener.resolve(sessionOf(run), run.getLogLocation(), "the log of run " + run.getId());
        return file == null ? null : opener.open(ArtifactRoute.of(null, file), file, null);
    }

    private void createMenus() {
        MenuManager runMenu = new MenuManager("#RunsView");
        runMenu.setRemoveAllWhenShown(true);
        runMenu.addMenuListener(this::fillRunMenu);
        runs.getControl().setMenu(runMenu.createContextMenu(runs.getControl()));
        getSite().registerContextMenu(runMenu, runs);

        MenuManager artifactMenu = new MenuManager("#RunsViewArtifacts");
        artifactMenu.setRemoveAllWhenShown(true);
        artifactMenu.addMenuListener(menu -> {
            if (!artifacts.getSelection().isEmpty()) {
                menu.add(action("Open", () -> openSelectedArtifact(false)));
                menu.add(action("Open with System Program", () -> openSelectedArtifact(true)));
            }
        });
        artifacts.getControl().setMenu(artifactMenu.createContextMenu(artifacts.getControl()));

        MenuManager clipMenu = new MenuManager("#RunsViewClipResults");
        clipMenu.setRemoveAllWhenShown(true);
        clipMenu.addMenuListener(menu -> {
            if (clipResults.viewer().getStructuredSelection().getFirstElement() instanceof ClipResult r) {
                menu.add(action("Open Clip", () -> openClip(r)));
            }
            menu.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        });
        TableViewer clipViewer = clipResults.viewer();
        clipViewer.getControl().setMenu(clipMenu.createContextMenu(clipViewer.getControl()));
        getSite().registerContextMenu(CLIP_RESULTS_MENU, clipMenu, clipViewer);
    }

    private void fillRunMenu(IMenuManager menu) {
        Run run = selectedRun();
        if (runs.getStructuredSelection().size() == 2) {
            menu.add(action("Compare Runs", this::compareSelectedRuns));
            menu.add(new Separator());
        }
        if (run != null) {
            menu.add(action("Show in Explorer", this::showInExplorer));
            Action log = action("Open Log (run.json)", this::openLog);
            log.setEnabled(run.getLogLocation() != null && !run.getLogLocation().isBlank());
            menu.add(log);
            if (run.getStatus() == RunStatus.FAILED && run.getErrorMessage() != null) {
                menu.add(new Separator());
                menu.add(action("Show Error", () -> MessageDialog.openError(getSite().getShell(),
                        "Run " + run.getId() + " failed", run.getErrorMessage())));
            }
        }
        menu.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
    }

    private static Action action(String text, Runnable code) {
        return new Action(text) {
            @Override
            public void run() {
                code.run();
            }
        };
    }

    /** The column titles in table order, for tests. */
    public List<String> columnTitles() {
        return table.titles();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == IPropertySheetPage.class) {
            PropertySheetPage page = new PropertySheetPage();
            page.setPropertySourceProvider(element -> {
                ProjectSession session = element instanceof EObject object ? sessionOf(object) : null;
                return session == null ? null : new EmfPropertySource(session, (EObject) element);
            });
            return (T) page;
        }
        return super.getAdapter(adapter);
    }

    /** The run folders the view's warning bar lists: left by programs that stopped mid-run (tests). */
    public List<io.avlens.runner.RunFolders.RunFolder> leftBehindRuns() {
        return leftBehind.shown();
    }

    /** The warning bar's text, empty when hidden (tests). */
    public String leftBehindMessage() {
        return leftBehind.shown().isEmpty() ? "" : leftBehind.message();
    }

    /** Deletes the run folders the warning bar lists, as its Delete link does after the user confirmed. */
    public void deleteLeftBehindRuns() {
        leftBehind.deleteWithoutAsking();
    }

    @Override
    public void setFocus() {
        runs.getControl().setFocus();
    }

    @Override
    public void dispose() {
        if (changes != null) {
            changes.dispose();
        }
        super.dispose();
    }
}
