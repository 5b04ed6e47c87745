package io.avlens.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.PropertySheet;
import org.eclipse.ui.views.properties.PropertySheetPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.model.Clip;
import io.avlens.model.Dataset;
import io.avlens.model.Experiment;
import io.avlens.model.ModelDescriptor;
import io.avlens.model.Project;
import io.avlens.model.store.ProjectStore;
import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.project.EmfPropertySource;
import io.avlens.ui.project.ImportDatasetWizard;
import io.avlens.ui.project.NewProjectWizard;
import io.avlens.ui.project.ProjectExplorerView;
import io.avlens.ui.project.ProjectHandlers;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.project.ProjectSessions;
import io.avlens.ui.testing.SampleProjects;
import io.avlens.ui.testing.TestClips;
import io.avlens.ui.testing.Ui;

/**
 * The project workflow a researcher follows: New Project, Import Dataset (a real clip, a text file and an empty
 * file), the explorer's tree, Properties edits, Undo/Redo, Save, and double-click to open a clip.
 */
class ProjectExplorerTest {

    @TempDir
    Path dir;

    private final List<ProjectSession> opened = new ArrayList<>();

    @AfterEach
    void closeProjects() {
        Ui.run(() -> {
            ProjectSessions sessions = Ui.sessions();
            for (ProjectSession session : opened) {
                sessions.close(session);
            }
        });
    }

    @Test
    void newProjectImportEditUndoSaveAndOpenAClip() throws Exception {
        IWorkbenchWindow window = Ui.window();
        Path media = Files.createDirectories(dir.resolve("media"));
        TestClips.bounce(media);
        Files.writeString(media.resolve("notes.txt"), "a shopping list, not a video\n".repeat(40));
        Files.createFile(media.resolve("broken.mp4"));
        Path folder = dir.resolve("kitchen");

        // New Project, filled in as a user would
        ProjectSession session = Ui.sync(() -> {
            NewProjectWizard wizard = new NewProjectWizard(Ui.sessions(), dir);
            WizardDialog dialog = new WizardDialog(window.getShell(), wizard);
            dialog.setBlockOnOpen(false);
            dialog.open();
            wizard.page().fill("Kitchen sounds", folder);
            assertThat(wizard.canFinish()).isTrue();
            assertThat(wizard.performFinish()).isTrue();
            dialog.close();
            return wizard.created();
        });
        opened.add(session);
        assertThat(ProjectStore.isProject(folder)).isTrue();
        assertThat(session.project().getName()).isEqualTo("Kitchen sounds");
        ProjectExplorerView explorer = Ui.sync(() -> ProjectHandlers.reveal(window, session));

        // Import Dataset: one clip, two rejections with reasons, the sidecar JSON neither
        ImportDatasetWizard importer = Ui.sync(() -> {
            ImportDatasetWizard wizard = new ImportDatasetWizard(Ui.sessions(), session);
            WizardDialog dialog = new WizardDialog(window.getShell(), wizard);
            dialog.setBlockOnOpen(false);
            dialog.open();
            wizard.page().fill(session, "takes", media);
            assertThat(wizard.canFinish()).isTrue();
            assertThat(wizard.performFinish()).isTrue();
            dialog.close();
            return wizard;
        });
        assertThat(importer.result().added()).extracting(Clip::getId).containsExactly("bounce");
        assertThat(importer.result().rejected()).extracting(r -> r.path().getFileName().toString())
                .containsExactly("broken.mp4", "notes.txt");
        assertThat(importer.result().rejected()).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
        Dataset dataset = session.project().getDatasets().get(0);
        Clip clip = dataset.getClips().get(0);
        assertThat(clip.getDuration()).isBetween(TestClips.SECONDS - 0.1, TestClips.SECONDS + 0.1);
        assertThat(clip.getFrameWidth()).isEqualTo(TestClips.WIDTH);
        assertThat(Ui.sync(session::isDirty)).isTrue();

        // the tree shows the project, its folders, the dataset and the clip; the title marks the project dirty
        List<String> labels = Ui.sync(() -> {
            explorer.viewer().expandAll();
            return texts(explorer.viewer().getTree().getItems());
        });
        assertThat(labels).anySatisfy(l -> assertThat(l).startsWith("*Kitchen sounds"));
        assertThat(labels).anySatisfy(l -> assertThat(l).startsWith("Datasets"));
        assertThat(labels).anySatisfy(l -> assertThat(l).startsWith("takes").contains("1 clip"));
        assertThat(labels).anySatisfy(l -> assertThat(l).startsWith("bounce").contains("320×180"));
        assertThat(Ui.sync(explorer::isDirty)).isTrue();

        // one Undo takes the whole import back, Redo brings it again
        Ui.run(() -> session.commandStack().undo());
        assertThat(session.project().getDatasets()).isEmpty();
        Ui.run(() -> session.commandStack().redo());
        assertThat(session.project().getDatasets()).containsExactly(dataset);

        // Properties: the clip's id is editable (and undoable), its probed duration is not
        Ui.run(() -> explorer.viewer().setSelection(new StructuredSelection(clip), true));
        PropertySheet properties = Ui.sync(() -> {
            try {
                return (PropertySheet) window.getActivePage().showView(IPageLayout.ID_PROP_SHEET);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Ui.run(() -> window.getActivePage().activate(explorer));
        Ui.waitUntil("the Properties view to show the clip", 10, () -> properties.getCurrentPage()
                instanceof PropertySheetPage page && page.getControl() instanceof Tree tree
                && texts(tree.getItems()).stream().anyMatch(t -> t.startsWith("Duration")));
        List<String> shown = Ui.sync(() -> {
            Tree tree = (Tree) properties.getCurrentPage().getControl();
            return texts(tree.getItems());
        });
        assertThat(shown).anySatisfy(t -> assertThat(t).startsWith("Media Location").contains("bounce.mp4"));
        Ui.screenshot(window.getShell(), "project-explorer-properties");

        EmfPropertySource source = new EmfPropertySource(session, clip);
        IPropertyDescriptor id = descriptor(source, "Id");
        IPropertyDescriptor duration = descriptor(source, "Duration");
        assertThat(Ui.sync(() -> duration.createPropertyEditor(explorer.viewer().getTree()))).isNull();
        Ui.run(() -> source.setPropertyValue(id.getId(), "bounce-take-1"));
        assertThat(clip.getId()).isEqualTo("bounce-take-1");
        Ui.run(() -> source.setPropertyValue(duration.getId(), "99"));
        assertThat(clip.getDuration()).isLessThan(5);
        Ui.run(() -> session.commandStack().undo());
        assertThat(clip.getId()).isEqualTo("bounce");
        Ui.run(() -> session.commandStack().redo());

        // Save: the file on disk has the change, the project is clean, the backup holds the previous version
        Ui.run(() -> explorer.doSave(new org.eclipse.core.runtime.NullProgressMonitor()));
        assertThat(Ui.sync(session::isDirty)).isFalse();
        assertThat(Ui.sync(explorer::isDirty)).isFalse();
        Project reopened = Ui.sessions().store().open(folder);
        assertThat(reopened.getDatasets().get(0).getClips().get(0).getId()).isEqualTo("bounce-take-1");
        assertThat(folder.resolve(ProjectStore.BACKUP_FILE_NAME)).exists();

        // double-click on the clip opens it in the media views
        Ui.run(() -> explorer.viewer().setSelection(new StructuredSelection(clip), true));
        Ui.run(() -> explorer.viewer().getTree().notifyListeners(org.eclipse.swt.SWT.DefaultSelection,
                new org.eclipse.swt.widgets.Event()));
        AnalysisContexts contexts = Ui.sync(() -> org.eclipse.ui.PlatformUI.getWorkbench()
                .getService(org.eclipse.e4.core.contexts.IEclipseContext.class).get(AnalysisContexts.class));
        Ui.waitUntil("the clip to open in the media views", 30, () -> contexts.active().isPresent()
                && contexts.active().get().media().path().getFileName().toString().equals("bounce.mp4"));
    }

    @Test
    void aSampleProjectShowsDatasetsModelsExperimentsAndRuns() throws Exception {
        IWorkbenchWindow window = Ui.window();
        Path folder = SampleProjects.kitchen(dir, Ui.sessions().store());
        ProjectSession session = Ui.sync(() -> ProjectHandlers.open(window, folder));
        opened.add(session);
        ProjectExplorerView explorer = Ui.sync(() -> ProjectHandlers.reveal(window, session));
        List<String> labels = Ui.sync(() -> {
            explorer.viewer().expandAll();
            return texts(explorer.viewer().getTree().getItems());
        });
        assertThat(labels).anySatisfy(l -> assertThat(l).startsWith("cavp-small").contains("cavp"));
        assertThat(labels).anySatisfy(l -> assertThat(l).startsWith("sync-check").contains("similarity"));
        assertThat(labels).anySatisfy(l -> assertThat(l).startsWith("run-1").contains("succeeded"));
        assertThat(labels).anySatisfy(l -> assertThat(l).startsWith("metal hit at 0.600 s"));
        assertThat(labels).noneSatisfy(l -> assertThat(l).startsWith("*"));

        // deleting the model also removes the experiment's reference to it, and Undo restores both
        Experiment experiment = session.project().getExperiments().get(0);
        ModelDescriptor model = session.project().getModels().get(0);
        Ui.run(() -> {
            explorer.viewer().setSelection(new StructuredSelection(model), true);
            org.eclipse.ui.IActionBars bars = explorer.getViewSite().getActionBars();
            bars.getGlobalActionHandler(org.eclipse.ui.actions.ActionFactory.DELETE.getId()).run();
        });
        assertThat(session.project().getModels()).isEmpty();
        assertThat(experiment.getModels()).isEmpty();
        Ui.run(() -> explorer.getViewSite().getActionBars()
                .getGlobalActionHandler(org.eclipse.ui.actions.ActionFactory.UNDO.getId()).run());
        assertThat(session.project().getModels()).containsExactly(model);
        assertThat(experiment.getModels()).containsExactly(model);
        assertThat(Ui.sync(session::isDirty)).isFalse();
        Ui.screenshot(window.getShell(), "project-explorer-sample");
    }

    private static IPropertyDescriptor descriptor(EmfPropertySource source, String name) {
        return Ui.sync(() -> {
            for (IPropertyDescriptor d : source.getPropertyDescriptors()) {
                if (d.getDisplayName().equals(name)) {
                    return d;
                }
            }
            throw new AssertionError("no property " + name);
        });
    }

    private static List<String> texts(TreeItem[] items) {
        List<String> out = new ArrayList<>();
        for (TreeItem item : items) {
            String text = item.getText();
            for (int column = 1; column < item.getParent().getColumnCount(); column++) {
                text += " " + item.getText(column);
            }
            out.add(text);
            out.addAll(texts(item.getItems()));
        }
        return out;
    }
}
