package io.avlens.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.emf.edit.command.AddCommand;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.views.properties.PropertySheet;
import org.eclipse.ui.views.properties.PropertySheetPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonParser;

import io.avlens.core.tensor.FloatTensor;
import io.avlens.model.Artifact;
import io.avlens.model.ArtifactKind;
import io.avlens.model.AvLensFactory;
import io.avlens.model.AvLensPackage;
import io.avlens.model.Experiment;
import io.avlens.model.Metric;
import io.avlens.model.Project;
import io.avlens.model.Run;
import io.avlens.model.RunStatus;
import io.avlens.model.store.ProjectStore;
import io.avlens.models.cavp.CavpSimilarity;
import io.avlens.ui.project.ProjectExplorerView;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.runs.ArtifactRoute;
import io.avlens.ui.runs.RunColumn;
import io.avlens.ui.runs.RunsView;
import io.avlens.ui.runs.TextFileDialog;
import io.avlens.ui.similarity.SimilarityView;
import io.avlens.ui.testing.SampleProjects;
import io.avlens.ui.testing.Ui;

/**
 * The Runs view on the kitchen sample project with CAVP-small's similarity volume of the sample's clip (computed by
 * the test with the shipped weights, as a run computes it), run.json and a metrics CSV: the table's rows, metric
 * columns, status icons, failed-run tooltip and sorting; a run added through the command stack and a status set
 * directly (as a runner does) both appear; the selected run's artifacts open in the Similarity view and as text;
 * "Show in Explorer" selects the run there; the Properties view shows the run.
 */
class RunsViewTest {

    private static final AvLensFactory F = AvLensFactory.eINSTANCE;

    @TempDir
    Path dir;

    private ProjectSession session;

    @AfterEach
    void closeProject() {
        if (session != null) {
            Ui.run(() -> Ui.sessions().close(session));
        }
    }

    private static ProjectSession open(Path folder) {
        return Ui.sync(() -> {
            try {
                return Ui.sessions().open(folder);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private static RunsView showRunsView(IWorkbenchWindow window) {
        return Ui.sync(() -> {
            try {
                return (RunsView) window.getActivePage().showView(RunsView.ID);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void aRunFolderLeftByAKilledProgramIsShownAndCanBeDeleted() throws Exception {
        IWorkbenchWindow window = Ui.window();
        ProjectStore store = Ui.sync(() -> Ui.sessions().store());
        Path folder = SampleProjects.kitchen(dir, store);
        // 'avlens run' killed with -9 mid-run: run.json still says "running" for a process that is gone
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path killed = Files.createDirectories(folder.resolve("runs/sync-check-20261206-101500/cavp-small/bounce"));
        Files.writeString(killed.getParent().getParent().resolve("run.json"), "{\"status\": \"running\", \"pid\": "
                + gone.pid() + "}", StandardCharsets.UTF_8);
        session = open(folder);
        RunsView view = showRunsView(window);
        Ui.waitUntil("the left-behind run", 10, () -> !view.leftBehindRuns().isEmpty());
        assertThat(Ui.sync(view::leftBehindRuns)).singleElement()
                .satisfies(f -> assertThat(f.runId()).isEqualTo("sync-check-20261206-101500"));
        assertThat(Ui.sync(view::leftBehindMessage)).contains("sync-check-20261206-101500 (incomplete)", "Delete");
        Ui.screenshot(window.getShell(), "runs-view-incomplete-run");

        Ui.run(view::deleteLeftBehindRuns);

        assertThat(folder.resolve("runs/sync-check-20261206-101500")).doesNotExist();
        assertThat(Ui.sync(view::leftBehindRuns)).isEmpty();
        assertThat(Ui.sync(view::leftBehindMessage)).isEmpty();
    }

    @Test
    void listsRunsFollowsChangesAndOpensArtifacts() throws Exception {
        IWorkbenchWindow window = Ui.window();
        ProjectStore store = Ui.sync(() -> Ui.sessions().store());
        Path folder = SampleProjects.kitchen(dir, store);

        // artifacts of run-1 on disk: CAVP-small's similarity volume of the sample's clip, computed here as the
        // runner computes it, its run.json and a metrics CSV
        Path runDir = Files.createDirectories(folder.resolve("runs/run-1"));
        CavpSimilarity.Result cavp;
        try (CavpSimilarity model = CavpSimilarity.shipped(dir.resolve("models"), 1)) {
            cavp = model.compute(folder.resolve("media/bounce.mp4"), 1.0, runDir.resolve("bounce"));
        }
        Files.move(runDir.resolve("bounce/similarity.npy"), runDir.resolve("similarity.npy"));
        int[] shape = cavp.volume().shape();
        float[] values = cavp.volume().toArray();
        double lag = cavp.lagSeconds(); // whatever CAVP-small finds is what the run records
        String runJson = "{\"run\": \"run-1\", \"seed\": 7, \"device\": \"cpu\", \"metrics\": {\"lagSeconds\": " + lag
                + "}}\n";
        Files.writeString(runDir.resolve("run.json"), runJson, StandardCharsets.UTF_8);
        String metricsCsv = "clip,lagSeconds\nbounce," + lag + "\n";
        Files.writeString(runDir.resolve("metrics.csv"), metricsCsv, StandardCharsets.UTF_8);
        Project project = store.open(folder);
        Experiment experiment = project.getExperiments().get(0);
        Run first = experiment.getRuns().get(0);
        first.getMetrics().stream().filter(m -> m.getName().equals("lagSeconds")).forEach(m -> m.setValue(lag));
        first.setLogLocation("runs/run-1/run.json");
        first.getArtifacts().add(artifact("similarity", ArtifactKind.SIMILARITY_VOLUME, "runs/run-1/similarity.npy",
                shape[0], shape[1]));
        first.getArtifacts().add(artifact("metrics", ArtifactKind.OTHER, "runs/run-1/metrics.csv"));
        first.getArtifacts().add(artifact("log", ArtifactKind.OTHER, "runs/run-1/run.json"));
        Run failed = F.createRun();
        failed.setId("run-2");
        failed.setStatus(RunStatus.FAILED);
        failed.setStart(Instant.parse("2026-11-22T11:00:00Z"));
        failed.setEnd(Instant.parse("2026-11-22T11:00:42.5Z"));
        failed.setDevice("cuda:0");
        failed.setSeed(3);
        failed.setErrorMessage("bounce.mp4: no audio stream, and the model needs one");
        failed.getMetrics().add(metric("accuracy", 0.25));
        experiment.getRuns().add(failed);
        store.save(project);
        session = open(folder);

        RunsView view = showRunsView(window);
        Ui.waitUntil("the two runs", 10, () -> view.runsViewer().getTable().getItemCount() == 2);
        assertThat(Ui.sync(view::columnTitles)).containsExactly("Experiment", "Run", "Status", "Start", "Duration",
                "Device", "Seed", "accuracy", "lagSeconds");
        List<List<String>> rows = Ui.sync(() -> texts(view.runsViewer().getTable()));
        assertThat(rows).anySatisfy(r -> assertThat(r).containsExactly("sync-check", "run-1", "succeeded",
                r.get(3), "2.00 s", "cpu", "7", "", metricText(lag)));
        assertThat(rows).anySatisfy(r -> assertThat(r).containsExactly("sync-check", "run-2", "failed", r.get(3),
                "42.5 s", "cuda:0", "3", "0.2500", ""));
        assertThat(Ui.sync(() -> view.runsViewer().getTable().getItem(0).getImage(2))).isNotNull();
        String tooltip = Ui.sync(() -> ((ColumnLabelProvider) view.runsViewer().getLabelProvider(1))
                .getToolTipText(sessionRun("run-2")));
        assertThat(tooltip).isEqualTo(failed.getErrorMessage());
        assertThat(Ui.sync(() -> ((ColumnLabelProvider) view.runsViewer().getLabelProvider(1))
                .getToolTipText(sessionRun("run-1")))).isNull();

        // sorting by seed: 3 before 7, then descending
        Ui.run(() -> view.sortBy(6));
        assertThat(Ui.sync(() -> column(view.runsViewer().getTable(), 1))).containsExactly("run-2", "run-1");
        Ui.run(() -> view.sortBy(6));
        assertThat(Ui.sync(() -> column(view.runsViewer().getTable(), 1))).containsExactly("run-1", "run-2");

        // a run added through the command stack, with a new metric, gets its row and column
        Run added = F.createRun();
        added.setId("run-3");
        added.setStatus(RunStatus.RUNNING);
        added.setStart(Instant.parse("2026-11-22T12:00:00Z"));
        added.setDevice("cpu");
        added.getMetrics().add(metric("loss", 1.5));
        Experiment live = Ui.sync(() -> session.project().getExperiments().get(0));
        Ui.run(() -> session.execute(AddCommand.create(session.editingDomain(), live,
                AvLensPackage.Literals.EXPERIMENT__RUNS, added)));
        Ui.waitUntil("run-3 and its loss column", 10, () -> view.runsViewer().getTable().getItemCount() == 3
                && view.columnTitles().contains("loss"));
        // a runner finishing the run sets its fields directly, from its own thread
        Thread runner = new Thread(() -> {
            added.setEnd(Instant.parse("2026-11-22T12:04:05Z"));
            added.setStatus(RunStatus.SUCCEEDED);
        });
        runner.start();
        runner.join();
        Ui.waitUntil("run-3 shown as succeeded", 10, () -> texts(view.runsViewer().getTable()).stream()
                .anyMatch(r -> r.get(1).equals("run-3") && r.get(2).equals("succeeded")
                        && r.get(4).equals("4 min 05 s")));

        // the selected run lists its artifacts and feeds the Properties view
        Run liveFirst = sessionRun("run-1");
        PropertySheet properties = Ui.sync(() -> {
            try {
                return (PropertySheet) window.getActivePage().showView(IPageLayout.ID_PROP_SHEET);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Ui.run(() -> {
            window.getActivePage().activate(view);
            view.select(liveFirst);
        });
        Ui.waitUntil("the three artifacts", 10, () -> view.artifactsViewer().getTable().getItemCount() == 3);
        assertThat(Ui.sync(() -> texts(view.artifactsViewer().getTable()))).containsExactly(
                List.of("similarity", "similarity volume", shape[0] + " × " + shape[1] + " float32",
                        "runs/run-1/similarity.npy"),
                List.of("metrics", "other", "", "runs/run-1/metrics.csv"),
                List.of("log", "other", "", "runs/run-1/run.json"));
        Ui.waitUntil("the Properties view to show the run", 10, () -> properties.getCurrentPage()
                instanceof PropertySheetPage page && page.getControl() instanceof Tree tree
                && treeTexts(tree).stream().anyMatch(t -> t.startsWith("Device") && t.contains("cpu")));
        Ui.maximize(view, true);
        Ui.screenshot(window.getShell(), "runs-view");
        Ui.maximize(view, false);

        // the similarity volume opens in the Similarity view, through the command its bundle handles
        assertThat(ArtifactRoute.of(ArtifactKind.SIMILARITY_VOLUME, Path.of("s.npy"))).isEqualTo(ArtifactRoute.SIMILARITY);
        Ui.run(() -> {
            view.artifactsViewer().setSelection(new StructuredSelection(liveFirst.getArtifacts().get(0)));
            view.openSelectedArtifact(false);
        });
        SimilarityView similarity = Ui.sync(() -> {
            MPart part = window.getService(EPartService.class).findPart(SimilarityView.ID);
            return part == null ? null : (SimilarityView) part.getObject();
        });
        assertThat(similarity).as("the Similarity view was opened").isNotNull();
        Ui.waitUntil("the volume in the Similarity view", 20, () -> similarity.canvas(0).volume() != null);
        FloatTensor shownVolume = Ui.sync(() -> similarity.canvas(0).volume().values());
        assertThat(shownVolume.shape()).containsExactly(shape[0], shape[1]);
        assertThat(shownVolume.toArray()).containsExactly(values);
        Ui.screenshot(window.getShell(), "runs-view-similarity");

        // the CSV artifact and the run's log open as read-only text
        Ui.run(() -> window.getActivePage().activate(view));
        TextFileDialog csv = Ui.sync(() -> {
            view.artifactsViewer().setSelection(new StructuredSelection(liveFirst.getArtifacts().get(1)));
            return view.openSelectedArtifact(false);
        });
        assertThat(csv).isNotNull();
        assertThat(csv.content()).isEqualTo(metricsCsv);
        Ui.run(csv::close);
        TextFileDialog log = Ui.sync(view::openLog);
        assertThat(JsonParser.parseString(log.content())).as("the same JSON").isEqualTo(JsonParser.parseString(runJson));
        assertThat(log.content().lines().count()).as("laid out one member per line, not the file's one line")
                .isGreaterThan(runJson.lines().count() + 3);
        assertThat(log.content()).contains("\"seed\": 7");
        Ui.screenshot(log.getShell(), "runs-view-log");
        Ui.run(log::close);

        // Show in Explorer selects the run in the Project Explorer
        Ui.run(view::showInExplorer);
        ProjectExplorerView explorer = Ui.sync(() -> (ProjectExplorerView) window.getActivePage()
                .findView(ProjectExplorerView.ID));
        assertThat(Ui.sync(() -> explorer.viewer().getStructuredSelection().getFirstElement())).isSameAs(liveFirst);
        Ui.screenshot(window.getShell(), "runs-view-show-in-explorer");
    }

    @Test
    void runsTrainingAndProgressAreInShowViewAndPreferencesInTheWindowMenu() {
        IWorkbenchWindow window = Ui.window();
        List<String> shortcuts = Ui.sync(() -> List.of(window.getActivePage().getShowViewShortcuts()));
        assertThat(shortcuts).contains(RunsView.ID, "io.avlens.ui.training.views.training",
                IPageLayout.ID_PROGRESS_VIEW);
        Object progress = Ui.sync(() -> {
            try {
                return window.getActivePage().showView(IPageLayout.ID_PROGRESS_VIEW);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(progress.getClass().getName()).isEqualTo("org.eclipse.ui.internal.progress.ProgressView");
        List<String> windowMenu = Ui.sync(() -> {
            List<String> items = new ArrayList<>();
            for (org.eclipse.swt.widgets.MenuItem top : window.getShell().getMenuBar().getItems()) {
                if (top.getText().replace("&", "").equals("Window")) {
                    top.getMenu().notifyListeners(SWT.Show, new org.eclipse.swt.widgets.Event());
                    for (org.eclipse.swt.widgets.MenuItem item : top.getMenu().getItems()) {
                        items.add(item.getText().replace("&", ""));
                    }
                }
            }
            return items;
        });
        assertThat(windowMenu).anySatisfy(item -> assertThat(item).startsWith("Preferences"));
        Ui.screenshot(window.getShell(), "progress-view");
    }

    @Test
    void aMetricColumnShowsItsNumbersWithOneNumberOfDecimals() {
        // four significant digits of the smallest value, for every value of the column, so they line up
        assertThat(RunColumn.decimals(0.95, 0.6425, Double.NaN)).isEqualTo(4);
        assertThat(RunColumn.decimals(12.5, 3.25)).isEqualTo(3);
        assertThat(RunColumn.decimals(12, 3, Double.NaN)).as("counts").isZero();
        assertThat(RunColumn.decimals(1234.5, 2.5)).isEqualTo(3);
        assertThat(RunColumn.decimals(0.00001234, 0.5)).as("a tiny value has its own format").isEqualTo(4);
        assertThat(RunColumn.decimals(0.001234)).isEqualTo(6);
        RunColumn accuracy = RunColumn.metric("accuracy", name -> RunColumn.decimals(0.95, 0.6425));
        assertThat(accuracy.text().apply(runWith("accuracy", 0.95))).isEqualTo("0.9500");
        assertThat(accuracy.text().apply(runWith("accuracy", 0.6425))).isEqualTo("0.6425");
        assertThat(accuracy.text().apply(runWith("accuracy", 1))).isEqualTo("1.0000");
        assertThat(accuracy.text().apply(runWith("accuracy", 0.00001234))).isEqualTo("1.23e-05");
        assertThat(accuracy.text().apply(runWith("accuracy", -0.0))).isEqualTo("0.0000");
        assertThat(accuracy.text().apply(F.createRun())).as("missing").isEmpty();
    }

    private static Run runWith(String metric, double value) {
        Run run = F.createRun();
        run.getMetrics().add(metric(metric, value));
        return run;
    }

    private Run sessionRun(String id) {
        return Ui.sync(() -> session.project().getExperiments().get(0).findRun(id));
    }

    /**
     * The Runs view's metric cell of a column holding only {@code v}: a whole number as such, anything else with four
     * significant digits.
     */
    private static String metricText(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.4g", v);
    }

    private static Artifact artifact(String name, ArtifactKind kind, String location, int... shape) {
        Artifact artifact = F.createArtifact();
        artifact.setName(name);
        artifact.setKind(kind);
        artifact.setLocation(location);
        for (int s : shape) {
            artifact.getShape().add(s);
        }
        if (shape.length > 0) {
            artifact.setDtype("float32");
        }
        return artifact;
    }

    private static Metric metric(String name, double value) {
        Metric metric = F.createMetric();
        metric.setName(name);
        metric.setValue(value);
        return metric;
    }

    private static List<List<String>> texts(Table table) {
        List<List<String>> rows = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < table.getColumnCount(); c++) {
                row.add(item.getText(c));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> column(Table table, int index) {
        return texts(table).stream().map(r -> r.get(index)).toList();
    }

    private static List<String> treeTexts(Tree tree) {
        List<String> texts = new ArrayList<>();
        collect(tree.getItems(), texts);
        return texts;
    }

    private static void collect(org.eclipse.swt.widgets.TreeItem[] items, List<String> texts) {
        for (org.eclipse.swt.widgets.TreeItem item : items) {
            texts.add(item.getText(0) + " " + item.getText(1));
            collect(item.getItems(), texts);
        }
    }
}
