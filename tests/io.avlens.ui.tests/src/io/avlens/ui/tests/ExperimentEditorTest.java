package io.avlens.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.edit.command.AddCommand;
import org.eclipse.emf.edit.command.DeleteCommand;
import org.eclipse.emf.edit.command.RemoveCommand;
import org.eclipse.emf.edit.command.SetCommand;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Widget;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.forms.IMessage;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.profile.Profiles;
import io.avlens.model.AvLensFactory;
import io.avlens.model.AvLensPackage;
import io.avlens.model.BooleanParameter;
import io.avlens.model.Clip;
import io.avlens.model.Dataset;
import io.avlens.model.Experiment;
import io.avlens.model.IntegerParameter;
import io.avlens.model.ModelDescriptor;
import io.avlens.model.ModelSource;
import io.avlens.model.Parameter;
import io.avlens.model.Project;
import io.avlens.model.RealListParameter;
import io.avlens.model.RealParameter;
import io.avlens.model.Split;
import io.avlens.model.store.ProjectStore;
import io.avlens.runner.data.MediaImport;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.project.ProjectSessions;
import io.avlens.ui.project.editor.ExperimentEditor;
import io.avlens.ui.testing.SampleProjects;
import io.avlens.ui.testing.TestClips;
import io.avlens.ui.testing.Ui;

/**
 * The experiment editor on a real project (clips made with FFmpeg, imported by probing, saved by the store), driven
 * as a user drives it: typing, checking, choosing, editing table cells, Undo and Save. Each edit must reach the
 * model as one undoable command, the form must show the problems it finds beside the control concerned, and it
 * must follow changes made elsewhere.
 */
class ExperimentEditorTest {

    private static final AvLensFactory F = AvLensFactory.eINSTANCE;

    @TempDir
    Path dir;

    private ProjectSessions sessions;
    private ProjectSession session;

    @AfterEach
    void closeEverything() {
        Ui.run(() -> {
            page().closeAllEditors(false);
            page().setEditorAreaVisible(false); // as the perspective has it, for the tests that follow
            if (session != null) {
                sessions.close(session);
            }
        });
    }

    @Test
    void everyEditIsAnUndoableCommandThatIsValidatedAndSaved() throws Exception {
        Path folder = openSample();
        Experiment experiment = experiment("foley-sweep");
        ExperimentEditor editor = Ui.sync(() -> ExperimentEditor.open(page(), session, experiment));
        ScrolledForm form = widget(Ui.window().getShell(), "form", ScrolledForm.class);
        AtomicInteger dirtyEvents = new AtomicInteger();
        Ui.run(() -> editor.addPropertyListener((source, property) -> {
            if (property == IEditorPart.PROP_DIRTY) {
                dirtyEvents.incrementAndGet();
            }
        }));

        // the sample is valid: the form shows the model and no problem
        Text id = widget(form, "id", Text.class);
        assertThat(textOf(id)).isEqualTo("foley-sweep");
        assertThat(Ui.sync(() -> widget(form, "kind", Combo.class).getText())).isEqualTo("generation");
        assertThat(Ui.sync(() -> widget(form, "clips.count", Label.class).getText()))
                .isEqualTo("3 clips selected: all clips of dataset 'takes'.");
        assertThat(messages(form)).isEmpty();
        assertThat(isDirty(editor)).isFalse();

        // an empty id: the model changes, the editor is dirty, an error sits on the id field
        type(id, "");
        assertThat(experiment.getId()).isEmpty();
        assertThat(isDirty(editor)).isTrue();
        assertThat(dirtyEvents.get()).isPositive();
        assertThat(Ui.sync(editor::getPartName)).isEqualTo("(no id)");
        IMessage empty = message(form, "id");
        assertThat(empty.getMessage()).isEqualTo("The experiment needs an id.");
        assertThat(empty.getMessageType()).isEqualTo(IMessageProvider.ERROR);
        assertThat(empty.getControl()).isSameAs(id);
        assertThat(Ui.sync(() -> form.getForm().getMessageType())).isEqualTo(IMessageProvider.ERROR);
        Path shot = Ui.screenshot(Ui.window().getShell(), "experiment-editor-empty-id");
        assertThat(shot).exists();

        type(id, "baseline");
        assertThat(message(form, "id").getMessage()).isEqualTo("Another experiment of this project is called 'baseline'.");
        type(id, "foley-sweep-2");
        assertThat(experiment.getId()).isEqualTo("foley-sweep-2");
        assertThat(messages(form)).isEmpty();

        // Undo through the workbench's global handler: three edits back, and the project is clean again
        IAction undo = globalAction(editor, ActionFactory.UNDO);
        IAction redo = globalAction(editor, ActionFactory.REDO);
        assertThat(Ui.sync(undo::getText)).isEqualTo("Undo Set Experiment Id");
        for (int i = 0; i < 3; i++) {
            Ui.run(undo::run);
        }
        assertThat(experiment.getId()).isEqualTo("foley-sweep");
        assertThat(textOf(id)).isEqualTo("foley-sweep");
        assertThat(isDirty(editor)).isFalse();
        assertThat(Ui.sync(undo::isEnabled)).isFalse();
        assertThat(Ui.sync(redo::getText)).isEqualTo("Redo Set Experiment Id");
        Ui.run(redo::run);
        assertThat(textOf(id)).isEmpty();
        assertThat(message(form, "id").getMessage()).isEqualTo("The experiment needs an id.");
        Ui.run(undo::run);
        assertThat(messages(form)).isEmpty();

        // models: checking one adds it; a model without a profile is an error until it is unchecked again
        Table models = widget(form, "models", Table.class);
        check(models, "diff-foley", true);
        assertThat(experiment.getModels()).extracting(ModelDescriptor::getId).containsExactly("cavp-small",
                "diff-foley");
        assertThat(Ui.sync(undo::getText)).isEqualTo("Undo Use Model diff-foley");
        check(models, "imported", true);
        IMessage noProfile = message(form, "models.profile.imported");
        assertThat(noProfile.getMessage()).contains("'imported' has no preprocessing profile");
        assertThat(noProfile.getControl()).isSameAs(models);
        Ui.screenshot(Ui.window().getShell(), "experiment-editor-model-without-profile");
        check(models, "imported", false);
        check(models, "cavp-small", false);
        check(models, "diff-foley", false);
        assertThat(message(form, "models").getMessage()).isEqualTo("Choose at least one model.");
        Ui.run(undo::run);
        assertThat(experiment.getModels()).extracting(ModelDescriptor::getId).containsExactly("diff-foley");
        assertThat(messages(form)).isEmpty();

        // parameters: Add > Boolean gives the generation default; values are edited in the cells
        Table parameters = widget(form, "parameters", Table.class);
        Ui.run(() -> addMenuItem(form, "add.boolean").notifyListeners(SWT.Selection, new Event()));
        Parameter added = experiment.getParameters().get(3);
        assertThat(added).isInstanceOf(BooleanParameter.class);
        assertThat(added.getName()).isEqualTo("normalize_loudness");
        assertThat(((BooleanParameter) added).isValue()).isTrue();
        assertThat(Ui.sync(parameters::getItemCount)).isEqualTo(4);
        Ui.run(() -> addMenuItem(form, "add.integer").notifyListeners(SWT.Selection, new Event()));
        assertThat(experiment.getParameters().get(4).getName()).isEqualTo("integer_1");
        Ui.run(undo::run);

        IntegerParameter steps = (IntegerParameter) experiment.findParameter("steps");
        editCell(parameters, 1, 2, "abc");
        assertThat(steps.getValue()).isEqualTo(25);
        assertThat(messages(form)).singleElement().satisfies(m -> {
            assertThat(m.getMessage()).isEqualTo("steps: 'abc' is not a whole number; it keeps its value 25.");
            assertThat(m.getControl()).isSameAs(parameters);
        });
        assertThat(Ui.sync(() -> form.getForm().getMessage())).as("the header says what is wrong")
                .isEqualTo("steps: 'abc' is not a whole number; it keeps its value 25.");
        Ui.screenshot(Ui.window().getShell(), "experiment-editor-bad-value");
        editCell(parameters, 1, 2, "0");
        assertThat(steps.getValue()).isZero();
        assertThat(messages(form)).extracting(IMessage::getMessage).containsExactly("steps must be at least 1, not 0.");
        editCell(parameters, 1, 2, "50");
        assertThat(steps.getValue()).isEqualTo(50);
        assertThat(messages(form)).isEmpty();
        assertThat(Ui.sync(() -> parameters.getItem(1).getText(2))).isEqualTo("50");
        // a column the user widened keeps its width when the rows change (it used to snap back to its content)
        int widened = Ui.sync(() -> {
            parameters.getColumn(0).setWidth(parameters.getColumn(0).getWidth() + 60);
            return parameters.getColumn(0).getWidth();
        });
        editCell(parameters, 1, 2, "40");
        assertThat(steps.getValue()).isEqualTo(40);
        assertThat(Ui.sync(() -> parameters.getColumn(0).getWidth())).isEqualTo(widened);
        editCell(parameters, 1, 2, "50");

        RealListParameter cfg = (RealListParameter) experiment.findParameter("cfg_scales");
        editCell(parameters, 2, 2, "[1, 2.5,4.5 ]");
        assertThat(cfg.getValues()).containsExactly(1.0, 2.5, 4.5);
        assertThat(Ui.sync(() -> parameters.getItem(2).getText(2))).isEqualTo("1, 2.5, 4.5");
        editCell(parameters, 2, 2, "");
        assertThat(cfg.getValues()).isEmpty();
        assertThat(messages(form)).extracting(IMessage::getMessage)
                .containsExactly("cfg_scales lists no guidance scale: give at least one, e.g. 1, 2.5, 4.5.");
        Ui.run(undo::run);
        assertThat(cfg.getValues()).containsExactly(1.0, 2.5, 4.5);
        editCell(parameters, 0, 0, "normalize_loudness");
        assertThat(messages(form)).extracting(IMessage::getMessage)
                .containsExactly("There are several parameters called 'normalize_loudness'.");
        Ui.run(undo::run);
        editCell(parameters, 0, 2, "-3");
        assertThat(messages(form)).extracting(IMessage::getMessage).containsExactly("seed must be 0 or more, not -3.");
        Ui.run(undo::run);

        // clips: the split narrows the dataset; checked clips win over the split
        Combo split = widget(form, "split", Combo.class);
        choose(split, "test (1 clip)");
        assertThat(experiment.getSelection().getSplit().getName()).isEqualTo("test");
        assertThat(Ui.sync(() -> widget(form, "clips.count", Label.class).getText()))
                .isEqualTo("1 clip selected: split 'test' of dataset 'takes'.");
        Table clips = widget(form, "clips", Table.class);
        check(clips, "bounce2", true);
        check(clips, "bounce", true);
        assertThat(experiment.getSelection().getClips()).extracting(Clip::getId).containsExactly("bounce",
                "bounce2");
        assertThat(Ui.sync(() -> widget(form, "clips.count", Label.class).getText()))
                .isEqualTo("2 clips selected: the checked clips.");
        IMessage unused = message(form, "clips.split");
        assertThat(unused.getMessageType()).isEqualTo(IMessageProvider.WARNING);
        assertThat(unused.getControl()).isSameAs(split);
        Ui.screenshot(Ui.window().getShell(), "experiment-editor-checked-clips");

        // Save writes the file: a fresh copy read by the store holds every edit
        assertThat(isDirty(editor)).isTrue();
        Ui.run(() -> editor.doSave(new NullProgressMonitor()));
        assertThat(isDirty(editor)).isFalse();
        Project reopened = sessions.store().open(folder);
        Experiment saved = reopened.findExperiment("foley-sweep");
        assertThat(saved.getModels()).extracting(ModelDescriptor::getId).containsExactly("diff-foley");
        assertThat(((IntegerParameter) saved.findParameter("steps")).getValue()).isEqualTo(50);
        assertThat(((RealListParameter) saved.findParameter("cfg_scales")).getValues()).containsExactly(1.0, 2.5,
                4.5);
        assertThat(((BooleanParameter) saved.findParameter("normalize_loudness")).isValue()).isTrue();
        assertThat(saved.getSelection().getSplit().getName()).isEqualTo("test");
        assertThat(saved.getSelection().getClips()).extracting(Clip::getId).containsExactly("bounce",
                "bounce2");
        assertThat(saved.getSelection().getDataset()).isSameAs(reopened.findDataset("takes"));
    }

    @Test
    void aSimilarityExperimentOffersTheParametersItsTaskReadsAndWarnsAboutOthers() throws Exception {
        openSample();
        Experiment sync = F.createExperiment();
        sync.setId("sync");
        sync.setKind("similarity");
        Ui.run(() -> sync.getModels().add(session.project().getModels().get(0)));
        sync.setSelection(F.createClipSelection());
        Ui.run(() -> sync.getSelection().setDataset(session.project().getDatasets().get(0)));
        RealParameter temperature = F.createRealParameter();
        temperature.setName("temperature");
        temperature.setValue(0.07);
        sync.getParameters().add(temperature);
        Ui.run(() -> session.execute(AddCommand.create(session.editingDomain(), session.project(),
                AvLensPackage.Literals.PROJECT__EXPERIMENTS, sync)));
        Ui.sync(() -> ExperimentEditor.open(page(), session, sync));
        ScrolledForm form = widget(Ui.window().getShell(), "form", ScrolledForm.class);

        // Add offers what the CAVP similarity task reads (and the seed), nothing of other kinds
        assertThat(addMenuNames(form)).containsExactly("add.seed", "add.maxLagSeconds");
        assertThat(Ui.sync(() -> addMenuItem(form, "add.maxLagSeconds").getText())).startsWith("maxLagSeconds (real)");
        // a parameter it does not read is a warning on the parameters table
        IMessage unknown = message(form, "parameters.unknown.temperature");
        assertThat(unknown.getMessageType()).isEqualTo(IMessageProvider.WARNING);
        assertThat(unknown.getMessage()).contains("'temperature'", "maxLagSeconds", "ignored");
        assertThat(unknown.getControl()).isSameAs(widget(form, "parameters", Table.class));
        Ui.screenshot(Ui.window().getShell(), "experiment-editor-unknown-parameter");

        Ui.run(() -> addMenuItem(form, "add.maxLagSeconds").notifyListeners(SWT.Selection, new Event()));
        assertThat(sync.findParameter("maxLagSeconds")).isInstanceOfSatisfying(RealParameter.class,
                p -> assertThat(p.getValue()).isEqualTo(1.0));
        assertThat(addMenuNames(form)).containsExactly("add.seed");
        Ui.run(() -> session.execute(RemoveCommand.create(session.editingDomain(), sync,
                AvLensPackage.Literals.EXPERIMENT__PARAMETERS, temperature)));
        assertThat(messages(form)).isEmpty();

        // only kinds an installed task computes can be chosen (CAVP's similarity and DenseAV's heatmap are installed)
        List<String> kinds = Ui.sync(() -> List.of(widget(form, "kind", Combo.class).getItems()));
        assertThat(kinds).contains("similarity", "heatmap").doesNotContain("retrieval", "captioning");
    }

    private static List<String> addMenuNames(ScrolledForm form) {
        Button add = widget(form, "parameters.add", Button.class);
        return Ui.sync(() -> Arrays.stream(add.getMenu().getItems())
                .map(i -> (String) i.getData(ExperimentEditor.WIDGET_KEY)).toList());
    }

    @Test
    void followsChangesMadeElsewhereAndClosesWithItsExperimentOrProject() throws Exception {
        openSample();
        Experiment experiment = experiment("foley-sweep");
        ExperimentEditor editor = Ui.sync(() -> ExperimentEditor.open(page(), session, experiment));
        assertThat(Ui.sync(() -> ExperimentEditor.open(page(), session, experiment))).isSameAs(editor);
        assertThat(Ui.sync(() -> page().getEditorReferences().length)).isEqualTo(1);
        ScrolledForm form = widget(Ui.window().getShell(), "form", ScrolledForm.class);

        // as the Properties view would: a command on the session; the form follows and adds no command of its own
        Command describe = SetCommand.create(session.editingDomain(), experiment,
                AvLensPackage.Literals.EXPERIMENT__DESCRIPTION, "Changed in the Properties view");
        Ui.run(() -> session.execute(describe));
        assertThat(Ui.sync(() -> widget(form, "description", Text.class).getText()))
                .isEqualTo("Changed in the Properties view");
        Command steps = SetCommand.create(session.editingDomain(), experiment.findParameter("steps"),
                AvLensPackage.Literals.INTEGER_PARAMETER__VALUE, 0L);
        Ui.run(() -> session.execute(steps));
        assertThat(Ui.sync(() -> widget(form, "parameters", Table.class).getItem(1).getText(2))).isEqualTo("0");
        assertThat(messages(form)).extracting(IMessage::getMessage).containsExactly("steps must be at least 1, not 0.");
        assertThat(session.commandStack().getUndoCommand()).isSameAs(steps);
        Ui.run(() -> session.commandStack().undo());
        assertThat(session.commandStack().getUndoCommand()).isSameAs(describe);
        assertThat(messages(form)).isEmpty();

        // deleting the experiment (from the explorer) closes its editor
        Ui.run(() -> session.execute(DeleteCommand.create(session.editingDomain(), experiment)));
        Ui.waitUntil("the editor to close", 10, () -> page().getEditorReferences().length == 0);

        // closing the project closes the editors of its experiments
        Ui.run(() -> session.commandStack().undo());
        assertThat(Ui.sync(() -> ExperimentEditor.open(page(), session, experiment))).isNotNull();
        Ui.run(() -> sessions.close(session));
        session = null;
        Ui.waitUntil("the editor to close with its project", 10, () -> page().getEditorReferences().length == 0);
    }

    /**
     * Builds the sample on disk through the store: dataset "takes" with three clips made and imported by probing
     * (two in split train, one in test), models cavp-small and diff-foley with their known profiles and "imported"
     * with none, experiment foley-sweep (generation: seed, steps, cfg_scales) and experiment baseline; then opens it.
     */
    private Path openSample() throws Exception {
        sessions = Ui.sync(() -> PlatformUI.getWorkbench().getService(IEclipseContext.class)
                .get(ProjectSessions.class));
        ProjectStore store = sessions.store();
        Path folder = dir.resolve("foley-sample");
        Path media = Files.createDirectories(folder.resolve("media"));
        Path bounce = TestClips.bounce(media);
        Files.copy(bounce, media.resolve("bounce2.mp4"));
        Files.copy(bounce, media.resolve("bounce3.mp4"));
        Project project = store.create(folder, "Foley sample");

        Dataset dataset = F.createDataset();
        dataset.setName("takes");
        Split train = split(dataset, "train");
        Split test = split(dataset, "test");
        MediaImport.Result imported = new MediaImport(folder, dataset).importFolder(media);
        assertThat(imported.added()).extracting(Clip::getId).containsExactly("bounce", "bounce2",
                "bounce3");
        assertThat(imported.added().get(0).getDuration()).isBetween(TestClips.SECONDS - 0.1, TestClips.SECONDS + 0.1);
        dataset.getClips().get(0).setSplit(train);
        dataset.getClips().get(1).setSplit(train);
        dataset.getClips().get(2).setSplit(test);
        project.getDatasets().add(dataset);

        ModelDescriptor cavp = model(project, "cavp-small", "cavp");
        cavp.setProfile(SampleProjects.profile(Profiles.AVSHAPES_SMALL));
        model(project, "diff-foley", "diff-foley").setProfile(SampleProjects.profile(Profiles.DIFF_FOLEY_CAVP));
        model(project, "imported", "torchscript").setSource(ModelSource.TORCH_SCRIPT);

        Experiment experiment = F.createExperiment();
        experiment.setId("foley-sweep");
        experiment.setKind("generation");
        experiment.setDescription("Foley for the bounce takes at four guidance scales.");
        experiment.getModels().add(cavp);
        experiment.setSelection(F.createClipSelection());
        experiment.getSelection().setDataset(dataset);
        IntegerParameter seed = F.createIntegerParameter();
        seed.setName("seed");
        IntegerParameter steps = F.createIntegerParameter();
        steps.setName("steps");
        steps.setValue(25);
        RealListParameter cfg = F.createRealListParameter();
        cfg.setName("cfg_scales");
        cfg.getValues().addAll(List.of(1.0, 2.5, 4.5, 6.5));
        experiment.getParameters().addAll(List.of(seed, steps, cfg));
        project.getExperiments().add(experiment);
        Experiment baseline = F.createExperiment();
        baseline.setId("baseline");
        baseline.setKind("evaluation");
        project.getExperiments().add(baseline);
        store.save(project);

        session = Ui.sync(() -> {
            try {
                return sessions.open(folder);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return folder;
    }

    private static Split split(Dataset dataset, String name) {
        Split split = F.createSplit();
        split.setName(name);
        dataset.getSplits().add(split);
        return split;
    }

    private static ModelDescriptor model(Project project, String id, String family) {
        ModelDescriptor model = F.createModelDescriptor();
        model.setId(id);
        model.setFamily(family);
        project.getModels().add(model);
        return model;
    }

    private Experiment experiment(String id) {
        return Ui.sync(() -> session.project().findExperiment(id));
    }

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getWorkbenchWindows()[0].getActivePage();
    }

    private static IAction globalAction(ExperimentEditor editor, ActionFactory action) {
        return Ui.sync(() -> editor.getEditorSite().getActionBars().getGlobalActionHandler(action.getId()));
    }

    /** The one widget named {@code name} under {@code root} (see {@link ExperimentEditor#WIDGET_KEY}). */
    private static <T extends Widget> T widget(Composite root, String name, Class<T> type) {
        return Ui.sync(() -> {
            List<Control> found = new ArrayList<>();
            collect(root, name, found);
            assertThat(found).as("widgets named %s", name).hasSize(1);
            return type.cast(found.get(0));
        });
    }

    private static void collect(Control control, String name, List<Control> found) {
        if (name.equals(control.getData(ExperimentEditor.WIDGET_KEY))) {
            found.add(control);
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, name, found);
            }
        }
    }

    private static MenuItem addMenuItem(ScrolledForm form, String name) {
        Button add = widget(form, "parameters.add", Button.class);
        return Arrays.stream(add.getMenu().getItems()).filter(i -> name.equals(i.getData(ExperimentEditor.WIDGET_KEY)))
                .findFirst().orElseThrow();
    }

    /** What the form's heading and the decorations show now. */
    private static List<IMessage> messages(ScrolledForm form) {
        return Ui.sync(() -> {
            IMessage[] messages = form.getForm().getChildrenMessages();
            return messages == null ? List.of() : List.of(messages);
        });
    }

    private static IMessage message(ScrolledForm form, String key) {
        List<IMessage> messages = messages(form);
        return messages.stream().filter(m -> key.equals(m.getKey())).findFirst().orElseThrow(
                () -> new AssertionError("no message " + key + " among " + messages.stream().map(IMessage::getKey)
                        .toList()));
    }

    private static String textOf(Text text) {
        return Ui.<String>sync(text::getText);
    }

    private static boolean isDirty(ExperimentEditor editor) {
        return Ui.<Boolean>sync(editor::isDirty);
    }

    /** Types {@code value} into a field and presses Enter. */
    private static void type(Text text, String value) {
        Ui.run(() -> {
            text.setFocus();
            text.setText(value);
            text.notifyListeners(SWT.DefaultSelection, new Event());
        });
    }

    private static void choose(Combo combo, String item) {
        Ui.run(() -> {
            int index = Arrays.asList(combo.getItems()).indexOf(item);
            assertThat(index).as("%s in %s", item, Arrays.toString(combo.getItems())).isNotNegative();
            combo.select(index);
            combo.notifyListeners(SWT.Selection, new Event());
        });
    }

    /** Clicks the check box of the row whose first column reads {@code row}. */
    private static void check(Table table, String row, boolean checked) {
        Ui.run(() -> {
            TableItem item = Arrays.stream(table.getItems()).filter(i -> i.getText(0).equals(row)).findFirst()
                    .orElseThrow();
            item.setChecked(checked);
            Event event = new Event();
            event.item = item;
            event.detail = SWT.CHECK;
            table.notifyListeners(SWT.Selection, event);
        });
    }

    /** Clicks a cell, types {@code value} into the cell editor and presses Enter. */
    private static void editCell(Table table, int row, int column, String value) {
        Ui.run(() -> {
            table.setSelection(row);
            Rectangle cell = table.getItem(row).getBounds(column);
            Event down = new Event();
            down.x = cell.x + 5;
            down.y = cell.y + cell.height / 2;
            down.button = 1;
            table.notifyListeners(SWT.MouseDown, down);
            Text editor = Arrays.stream(table.getChildren()).filter(c -> c instanceof Text && c.isVisible())
                    .map(Text.class::cast).findFirst().orElseThrow(() -> new AssertionError("no cell editor"));
            editor.setText(value);
            editor.notifyListeners(SWT.DefaultSelection, new Event());
        });
    }
}
