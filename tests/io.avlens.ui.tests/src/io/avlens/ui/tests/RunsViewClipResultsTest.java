package io.avlens.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.model.AvLensFactory;
import io.avlens.model.Clip;
import io.avlens.model.ClipResult;
import io.avlens.model.Experiment;
import io.avlens.model.Metric;
import io.avlens.model.ModelDescriptor;
import io.avlens.model.Project;
import io.avlens.model.Run;
import io.avlens.model.RunStatus;
import io.avlens.model.store.Locations;
import io.avlens.model.store.ProjectStore;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.runs.CompareRunsDialog;
import io.avlens.ui.runs.RunsView;
import io.avlens.ui.testing.SampleProjects;
import io.avlens.ui.testing.Ui;

/**
 * The Runs view's per-clip results of the selected run (clip, model, status, a sortable column per metric;
 * double-click opens the clip) and "Compare Runs" for two selected runs (metrics side by side with the difference).
 */
class RunsViewClipResultsTest {

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

    @Test
    void showsEachClipsResultsSortsThemOpensTheClipAndComparesTwoRuns() throws Exception {
        IWorkbenchWindow window = Ui.window();
        ProjectStore store = Ui.sync(() -> Ui.sessions().store());
        Path folder = SampleProjects.kitchen(dir, store);
        Project project = store.open(folder);
        Experiment experiment = project.getExperiments().get(0);
        ModelDescriptor model = project.findModel("cavp-small");
        Clip bounce = project.getDatasets().get(0).getClips().get(0);
        Clip other = F.createClip();
        other.setId("slide");
        other.setMediaLocation("media/slide.mp4");
        project.getDatasets().get(0).getClips().add(other);
        Run first = experiment.getRuns().get(0); // run-1: lagSeconds 0
        first.getClipResults().add(result(bounce, model, RunStatus.SUCCEEDED, 0.5, 0.9));
        first.getClipResults().add(result(other, model, RunStatus.FAILED, 2.0, Double.NaN));
        first.getClipResults().get(1).setErrorMessage("media/slide.mp4 does not exist");
        first.getMetrics().add(metric("accuracy", 0.5));
        Run second = F.createRun();
        second.setId("run-2");
        second.setStatus(RunStatus.SUCCEEDED);
        second.setStart(Instant.parse("2026-11-22T11:00:00Z"));
        second.getMetrics().add(metric("lagSeconds", 0.25));
        second.getMetrics().add(metric("accuracy", 0.75));
        second.getMetrics().add(metric("recall@10", 1.0));
        experiment.getRuns().add(second);
        store.save(project);
        session = Ui.sync(() -> {
            try {
                return Ui.sessions().open(folder);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        RunsView view = Ui.sync(() -> {
            try {
                return (RunsView) window.getActivePage().showView(RunsView.ID);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Ui.waitUntil("the two runs", 10, () -> view.runsViewer().getTable().getItemCount() == 2);
        Run run1 = Ui.sync(() -> run(view, "run-1"));
        Run run2 = Ui.sync(() -> run(view, "run-2"));

        Ui.run(() -> view.select(run1));

        Table table = Ui.sync(() -> view.clipResultsViewer().getTable());
        assertThat(Ui.sync(() -> titles(table))).containsExactly("Clip", "Model", "Status", "Cached", "confidence",
                "lagSeconds");
        assertThat(Ui.sync(() -> texts(table))).containsExactly(
                List.of("bounce", "cavp-small", "succeeded", "", "0.9000", "0.5000"),
                List.of("slide", "cavp-small", "failed", "", "", "2"));
        Ui.run(() -> window.getActivePage().setPartState(window.getActivePage().getReference(view),
                IWorkbenchPage.STATE_MAXIMIZED));
        Ui.screenshot(window.getShell(), "runs-view-clip-results");
        Ui.run(() -> window.getActivePage().setPartState(window.getActivePage().getReference(view),
                IWorkbenchPage.STATE_RESTORED));
        // sorting by lagSeconds descending, then by confidence: the clip without one last
        Ui.run(() -> view.sortClipResultsBy(5));
        Ui.run(() -> view.sortClipResultsBy(5));
        assertThat(Ui.sync(() -> column(table, 0))).containsExactly("slide", "bounce");
        Ui.run(() -> view.sortClipResultsBy(4));
        assertThat(Ui.sync(() -> column(table, 0))).containsExactly("bounce", "slide");

        // the clip of a result opens in the media views
        ClipResult bounceResult = Ui.sync(() -> run1.getClipResults().get(0));
        Path media = Locations.resolve(folder, bounce.getMediaLocation());
        assertThat(Ui.sync(() -> view.openClip(bounceResult))).isEqualTo(media);
        Ui.waitUntil("the clip to open", 30, () -> Ui.contexts().active().map(c -> c.file().equals(media)).orElse(false));

        // a run without clip results shows none
        Ui.run(() -> view.select(run2));
        assertThat(Ui.sync(() -> table.getItemCount())).isZero();

        // two runs compared: metric, first, second, second minus first
        CompareRunsDialog dialog = Ui.sync(() -> {
            view.runsViewer().setSelection(new StructuredSelection(List.of(run1, run2)));
            return view.compareSelectedRuns();
        });
        try {
            List<List<String>> rows = Ui.sync(dialog::rows);
            List<String> firstColumn = rows.stream().map(r -> r.get(0)).toList();
            assertThat(firstColumn).containsExactly("accuracy", "lagSeconds", "recall@10");
            boolean run1First = Ui.sync(() -> column(view.runsViewer().getTable(), 1).get(0).equals("run-1"));
            if (run1First) {
                assertThat(rows).containsExactly(List.of("accuracy", "0.5000", "0.7500", "+0.2500"),
                        List.of("lagSeconds", "0", "0.2500", "+0.2500"), List.of("recall@10", "", "1", ""));
            } else {
                assertThat(rows).containsExactly(List.of("accuracy", "0.7500", "0.5000", "-0.2500"),
                        List.of("lagSeconds", "0.2500", "0", "-0.2500"), List.of("recall@10", "1", "", ""));
            }
            Ui.screenshot(Ui.sync(() -> dialog.getShell()), "runs-view-compare-runs");
        } finally {
            Ui.run(dialog::close);
        }
        // with one run selected there is nothing to compare
        assertThat(Ui.sync(() -> {
            view.select(run1);
            return view.compareSelectedRuns();
        })).isNull();
    }

    private static ClipResult result(Clip clip, ModelDescriptor model, RunStatus status, double lag,
            double confidence) {
        ClipResult r = F.createClipResult();
        r.setClip(clip);
        r.setClipId(clip.getId());
        r.setModel(model);
        r.setModelId(model.getId());
        r.setStatus(status);
        r.getMetrics().add(metric("lagSeconds", lag));
        if (!Double.isNaN(confidence)) {
            r.getMetrics().add(metric("confidence", confidence));
        }
        return r;
    }

    private static Metric metric(String name, double value) {
        Metric m = F.createMetric();
        m.setName(name);
        m.setValue(value);
        return m;
    }

    private static Run run(RunsView view, String id) {
        return Arrays.stream(view.runsViewer().getTable().getItems()).map(i -> (Run) i.getData())
                .filter(r -> r.getId().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> titles(Table table) {
        return Arrays.stream(table.getColumns()).map(c -> c.getText()).toList();
    }

    private static List<List<String>> texts(Table table) {
        return Arrays.stream(table.getItems()).map(item -> IntStream.range(0, table.getColumnCount())
                .mapToObj(item::getText).toList()).toList();
    }

    private static List<String> column(Table table, int index) {
        return Arrays.stream(table.getItems()).map(item -> item.getText(index)).toList();
    }
}
