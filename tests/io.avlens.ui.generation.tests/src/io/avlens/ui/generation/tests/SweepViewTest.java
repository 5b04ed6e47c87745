package io.avlens.ui.generation.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.SweepGrid;
import io.avlens.analysis.generation.SweepTable;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.models.BuiltinModels;
import io.avlens.models.difffoley.DiffFoleyConfig;
import io.avlens.models.difffoley.DiffFoleyModel;
import io.avlens.models.difffoley.DiffFoleyShippedModel;
import io.avlens.models.difffoley.DiffFoleySweepTask;
import io.avlens.runner.task.ClipInput;
import io.avlens.ui.generation.sweep.SweepExport;
import io.avlens.ui.generation.sweep.SweepGridCanvas;
import io.avlens.ui.generation.sweep.SweepView;
import io.avlens.ui.generation.sweep.SweepViews;
import io.avlens.ui.media.Soundtracks;
import io.avlens.ui.media.TimelineView;
import io.avlens.ui.media.Transport;
import io.avlens.ui.media.VideoView;
import io.avlens.ui.testing.GeneratedSamples;
import io.avlens.ui.testing.TestClips;
import io.avlens.ui.testing.Ui;

/**
 * The guidance grid: a 2 × 2 sweep of a tiny untrained Diff-Foley (2 sampler steps) on the bounce clip, opened in
 * the Sweep view; its cells match the table {@code avlens sweep} prints for the folder; switching cells while
 * playing changes the sound without moving the media time; the cursor runs through the thumbnails; two cells
 * compare; the metric surface marks the best cell; the export writes the PNG, WAVs, MP4s and a CSV that parses.
 */
class SweepViewTest {

    @TempDir
    Path dir;

    @Test
    void aSweepPlaysLikeAMixingDeskAndExports() throws Exception {
        Path clip = TestClips.bounce(dir);
        Path folder = sweep(clip, Files.createDirectories(dir.resolve("sweep")));
        IWorkbenchWindow window = Ui.window();
        List<String> opened = Ui.sync(() -> GeneratedSoundViewsTest.notOpen(window.getActivePage(), VideoView.ID,
                TimelineView.ID, SweepView.ID));
        try {
            Ui.run(() -> SweepViews.open(folder, window));
            SweepView view = Ui.part(window, SweepView.ID, SweepView.class);
            VideoView video = Ui.part(window, VideoView.ID, VideoView.class);
            Ui.waitUntil("the sweep's clip to open", 60, () -> view.clip() != null);
            SweepGrid grid = Ui.sync(() -> view.data().grid());
            assertThat(grid.omegas()).containsExactly(1.0, 4.5);
            assertThat(grid.gammas()).containsExactly(0.0, 50.0);
            theCellsAreTheCommandsTable(grid, folder);
            String first = Ui.sync(() -> view.data().soundtrackId(view.selectedSample()));
            Ui.waitUntil("the first cell playing in the Video view", 60,
                    () -> clip.equals(video.clip()) && first.equals(video.playingSoundtrack()));
            assertThat(Ui.sync(() -> view.data().events())).as("the bounce clip's hits and scratch").hasSize(4);
            Ui.screenshot(window.getShell(), "sweep-grid");

            switchWhilePlaying(view, video);
            compareAndSurface(view, window);
            export(view);
        } finally {
            Ui.run(() -> GeneratedSoundViewsTest.hide(window.getActivePage(), opened));
        }
    }

    private static Path sweep(Path clip, Path out) throws Exception {
        Path models = Files.createTempDirectory("avlens-ui-models");
        Path descriptor = BuiltinModels.of(new DiffFoleyShippedModel()).install(models).stream()
                .filter(i -> i.id().equals(GeneratedSamples.MODEL)).findFirst().orElseThrow().descriptor();
        try (DiffFoleyModel model = DiffFoleyModel.open(descriptor, DiffFoleyConfig.small(), 1)) {
            ClipInput input = new ClipInput("bounce", clip, model.parts(), model.descriptor(), Map.of(
                    DiffFoleySweepTask.OMEGAS, List.of(1.0, 4.5), DiffFoleySweepTask.GAMMAS, List.of(0.0, 50.0),
                    "steps", 25L), 21, out);
            new DiffFoleySweepTask(DjlInferenceServices.programEngine()).run(input, new NullProgressMonitor());
        }
        return out;
    }

    /** The grid's cell summaries are those of the table `avlens sweep` prints for the folder (SweepTable). */
    private static void theCellsAreTheCommandsTable(SweepGrid shown, Path folder) throws Exception {
        JsonObject table = SweepTable.json(SweepGrid.of(GeneratedSample.list(folder)), s -> folder);
        JsonArray cells = table.getAsJsonArray("cells");
        assertThat(cells).hasSize(4);
        int k = 0;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                JsonObject metrics = cells.get(k++).getAsJsonObject().getAsJsonObject("metrics");
                assertThat(metrics.keySet()).containsExactlyInAnyOrderElementsOf(shown.metricNames());
                for (String m : shown.metricNames()) {
                    JsonObject v = metrics.getAsJsonObject(m);
                    double mean = v.get("mean").isJsonNull() ? Double.NaN : v.get("mean").getAsDouble();
                    assertThat(shown.summary(m, r, c).mean()).as("%s at %d,%d", m, r, c).isEqualTo(mean);
                }
            }
        }
    }

    private static void switchWhilePlaying(SweepView view, VideoView video) {
        Ui.run(() -> video.perform(Transport.Command.TOGGLE));
        Ui.waitUntil("playback to run", 10, () -> video.isPlaying() && video.playbackClock() > 0.3);
        double frame = 1 / TestClips.FPS;
        List<Double> latencies = new ArrayList<>();
        double maxJump = 0;
        int[][] moves = {{SWT.ARROW_RIGHT}, {SWT.ARROW_DOWN}, {SWT.ARROW_LEFT}, {-1, 0, 1}, {SWT.ARROW_UP},
            {-1, 1, 1}, {-1, 0, 0}};
        for (int[] move : moves) {
            double[] measured = Ui.sync(() -> {
                SweepGridCanvas grid = view.grid();
                double before = video.playbackClock();
                long t0 = System.nanoTime();
                if (move[0] == -1) {
                    Rectangle b = grid.cellBounds(grid.getClientArea(), move[1], move[2]);
                    grid.notifyListeners(SWT.MouseDown, Ui.mouse(b.x + b.width / 2, b.y + b.height / 2));
                    grid.notifyListeners(SWT.MouseUp, Ui.mouse(b.x + b.width / 2, b.y + b.height / 2));
                } else {
                    Event key = new Event();
                    key.keyCode = move[0];
                    grid.notifyListeners(SWT.KeyDown, key);
                }
                long t1 = System.nanoTime();
                return new double[] {before, video.playbackClock(), (t1 - t0) / 1e6};
            });
            String expected = Ui.sync(() -> view.data().soundtrackId(view.selectedSample()));
            assertThat(Ui.sync(video::isPlaying)).as("still playing").isTrue();
            assertThat(Ui.sync(video::playingSoundtrack)).as("the selected cell's sound plays").isEqualTo(expected);
            assertThat(measured[1] - measured[0]).as("media time across the switch").isBetween(0.0, frame);
            maxJump = Math.max(maxJump, measured[1] - measured[0]);
            latencies.add(measured[2]);
            Ui.sleep(120);
            double cursor = Ui.sync(() -> view.grid().cursor());
            assertThat(cursor).as("the cursor runs through the thumbnails").isGreaterThan(0);
        }
        assertThat(Ui.sync(() -> view.grid().selected())).containsExactly(0, 0);
        Ui.screenshot(Ui.window().getShell(), "sweep-grid-playing");
        Ui.run(() -> video.perform(Transport.Command.PAUSE));
        latencies.sort(Double::compare);
        System.out.printf(Locale.ROOT, "sweep cell switch while playing: n=%d, median %.3f ms, max %.3f ms (event"
                + " until the player has the cell's samples); media-time change across a switch: max %.3f ms%n",
                latencies.size(), latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1),
                maxJump * 1000);
    }

    private static void compareAndSurface(SweepView view, IWorkbenchWindow window) {
        Ui.run(() -> {
            Rectangle b = view.grid().cellBounds(view.grid().getClientArea(), 1, 1);
            Event shift = Ui.mouse(b.x + 5, b.y + 5);
            shift.stateMask = SWT.SHIFT;
            view.grid().notifyListeners(SWT.MouseDown, shift);
            view.showTab(1);
        });
        assertThat(Ui.sync(() -> view.grid().compared())).containsExactly(1, 1);
        assertThat(Ui.sync(() -> view.comparison().meanAbsoluteDifference())).as("guidance changes the mel")
                .isGreaterThan(0);
        Ui.maximize(sweepPart(window), true);
        Ui.screenshot(window.getShell(), "sweep-compare");
        Ui.run(() -> {
            view.showTab(0);
            view.surface().show("classifierScore");
        });
        SweepGrid grid = Ui.sync(() -> view.data().dataset());
        SweepGrid.Position best = grid.best("classifierScore", true);
        assertThat(Ui.sync(() -> view.surface().best())).isEqualTo(best);
        assertThat(Ui.sync(() -> view.surface().tooltip(best.row(), best.column()))).contains("±").contains("n = 1");
        assertThat(Ui.sync(() -> view.surface().heatmap().data().shape())).containsExactly(2, 2);
        Ui.screenshot(window.getShell(), "sweep-metric-surface");
        Ui.maximize(sweepPart(window), false);
        Ui.run(() -> view.grid().setMetric("syncOffset"));
        assertThat(Ui.sync(() -> view.grid().frameArgb(0, 0))).isNotNull();
    }

    private static org.eclipse.ui.IWorkbenchPart sweepPart(IWorkbenchWindow window) {
        return Ui.sync(() -> window.getActivePage().findView(SweepView.ID));
    }

    private void export(SweepView view) throws Exception {
        Path out = dir.resolve("export");
        AtomicReference<List<Path>> written = new AtomicReference<>();
        AtomicReference<String> failed = new AtomicReference<>();
        Ui.run(() -> view.export(out, written::set, failed::set));
        Ui.waitUntil("the export", 30, () -> written.get() != null || failed.get() != null);
        assertThat(failed.get()).isNull();
        assertThat(out.resolve(SweepExport.PNG)).isRegularFile();
        assertThat(Files.readAllBytes(out.resolve(SweepExport.PNG))).startsWith((byte) 0x89, (byte) 'P');
        try (var s = Files.list(out)) {
            List<String> names = s.map(p -> p.getFileName().toString()).toList();
            assertThat(names.stream().filter(n -> n.endsWith(".wav"))).hasSize(4);
            assertThat(names.stream().filter(n -> n.endsWith(".mp4"))).hasSize(4);
        }
        List<String> csv = Files.readAllLines(out.resolve(SweepExport.CSV));
        assertThat(csv).hasSize(5);
        String[] header = csv.get(0).split(",");
        assertThat(header).startsWith("omega", "gamma", "seed", "clip", "stem").contains("classifierScore");
        for (String line : csv.subList(1, csv.size())) {
            assertThat(line.split(",", -1)).hasSize(header.length);
            assertThat(Double.parseDouble(line.split(",")[0])).isIn(1.0, 4.5);
        }
    }
}
