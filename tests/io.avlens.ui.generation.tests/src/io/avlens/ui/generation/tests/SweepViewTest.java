package io.avlens.ui.generation.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.SoundingEvents;
import io.avlens.analysis.generation.SweepGrid;
import io.avlens.analysis.generation.SweepTable;
import io.avlens.core.time.TimeRange;
import io.avlens.model.Clip;
import io.avlens.model.Experiment;
import io.avlens.model.Parameter;
import io.avlens.model.Project;
import io.avlens.model.RealListParameter;
import io.avlens.model.Run;
import io.avlens.model.RunStatus;
import io.avlens.model.store.Locations;
import io.avlens.model.store.ProjectStore;
import io.avlens.models.difffoley.DiffFoleySweepTask;
import io.avlens.models.difffoley.SweepCellMetrics;
import io.avlens.synth.DemoProject;
import io.avlens.synth.SynthProgress;
import io.avlens.ui.generation.GenerationRunSamples;
import io.avlens.ui.generation.sweep.SweepExport;
import io.avlens.ui.generation.sweep.SweepGridCanvas;
import io.avlens.ui.generation.sweep.SweepView;
import io.avlens.ui.generation.sweep.SweepViews;
import io.avlens.ui.media.TimelineView;
import io.avlens.ui.media.Transport;
import io.avlens.ui.media.VideoView;
import io.avlens.ui.project.ExperimentRuns;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.project.ProjectSessions;
import io.avlens.ui.testing.Ui;

/**
 * The guidance grid on the demo: the demo project's {@value DemoProject#SWEEP_EXPERIMENT} experiment runs the
 * shipped Diff-Foley-small (25 sampler steps) on the demo's clip in sync, here on a 2 × 2 grid (ω 1, 4.5 × γ 0, 50;
 * the demo's 4 × 4 took 105 s as a Run on the loaded 2-core build machine), and its clip's folder opens in the Sweep
 * view; its cells match the table {@code avlens sweep} prints for the folder; a range dragged across a thumbnail
 * loops, and switching cells while playing changes the sound without moving the media time or leaving the loop; the
 * cursor runs through the thumbnails; two cells compare; the metric surface marks the best cell; the export writes
 * the PNG, WAVs, MP4s and a CSV that parses.
 */
class SweepViewTest {

    private static final List<Double> OMEGAS = List.of(1.0, 4.5);
    private static final List<Double> GAMMAS = List.of(0.0, 50.0);
    /** The demo's frame period (8 fps). */
    private static final double FRAME = 1 / 8.0;

    @TempDir
    Path dir;

    @Test
    void aSweepOfTheDemoPlaysLikeAMixingDeskAndExports() throws Exception {
        IWorkbenchWindow window = Ui.window();
        ProjectSessions sessions = Ui.sync(Ui::sessions);
        ProjectStore store = Ui.sync(sessions::store);
        Path demo = new DemoProject(store).create(dir.resolve("demo"), SynthProgress.NONE);
        Project edited = store.open(demo); // a 2 x 2 grid, as a user edits the experiment's axes
        for (Parameter p : sweepOf(edited).getParameters()) {
            RealListParameter axis = (RealListParameter) p;
            axis.getValues().clear();
            axis.getValues().addAll(p.getName().equals(DiffFoleySweepTask.OMEGAS) ? OMEGAS : GAMMAS);
        }
        store.save(edited);
        ProjectSession session = Ui.sync(() -> {
            try {
                return sessions.open(demo);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        List<String> opened = Ui.sync(() -> GeneratedSoundViewsTest.notOpen(window.getActivePage(), VideoView.ID,
                TimelineView.ID, SweepView.ID));
        try {
            Clip clip = DemoProject.sweepClip(session.project()).orElseThrow();
            Path media = Locations.resolve(demo, clip.getMediaLocation());
            Path folder = runTheDemoSweep(window, session, clip);
            // as the Runs view's Open Sweep does: on the run's clip (a result from the runner's cache names the
            // clip it was computed for, which may be another project's copy, deleted since)
            Ui.run(() -> SweepViews.open(folder, media, window));
            SweepView view = Ui.part(window, SweepView.ID, SweepView.class);
            VideoView video = Ui.part(window, VideoView.ID, VideoView.class);
            Ui.waitUntil("the sweep's clip to open", 60, () -> view.clip() != null || !view.message().isEmpty());
            assertThat(Ui.sync(view::message)).as("why the sweep did not open").isEmpty();
            assertThat(Ui.sync(() -> view.clip().file())).isEqualTo(media);
            SweepGrid grid = Ui.sync(() -> view.data().grid());
            assertThat(grid.omegas()).containsExactlyElementsOf(OMEGAS);
            assertThat(grid.gammas()).containsExactlyElementsOf(GAMMAS);
            theCellsAreTheCommandsTable(view, folder);
            String first = Ui.sync(() -> view.data().soundtrackId(view.selectedSample()));
            Ui.waitUntil("the first cell playing in the Video view", 60,
                    () -> media.equals(video.clip()) && first.equals(video.playingSoundtrack()));
            double[] sidecar = SoundingEvents.read(SweepCellMetrics.sidecar(media)).targets();
            assertThat(sidecar).as("the demo clip's sound events").isNotEmpty();
            assertThat(Ui.sync(() -> view.data().events())).as("the events drawn on the thumbnails")
                    .containsExactly(sidecar);
            Ui.screenshot(window.getShell(), "sweep-grid");

            TimeRange loop = loopARange(view, video);
            switchWhilePlaying(view, video, loop);
            compareAndSurface(view, window);
            export(view);
        } finally {
            Ui.run(() -> {
                GeneratedSoundViewsTest.hide(window.getActivePage(), opened);
                sessions.close(session);
            });
        }
    }

    /** Runs the demo's sweep experiment (on a 2 × 2 grid) from the workbench; the clip's folder of the Run. */
    private static Path runTheDemoSweep(IWorkbenchWindow window, ProjectSession session, Clip clip)
            throws Exception {
        Experiment experiment = sweepOf(session.project());
        assertThat(experiment.getSelection().getClips()).containsExactly(clip);
        long t0 = System.nanoTime();
        Job job = Ui.sync(() -> ExperimentRuns.start(window, session, experiment));
        assertThat(job).as("the sweep experiment starts").isNotNull();
        job.join();
        Ui.waitUntil("the Run record", 30, () -> !experiment.getRuns().isEmpty());
        Run run = experiment.getRuns().get(0);
        assertThat(run.getStatus()).as(run.getErrorMessage()).isEqualTo(RunStatus.SUCCEEDED);
        double cached = run.getMetrics().stream().filter(m -> m.getName().equals("cachedClips")).findFirst()
                .map(m -> m.getValue()).orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "demo sweep (%d x %d cells, 25 steps, clip %s): %.1f s as a Run (cached"
                + " clips: %.0f)%n", OMEGAS.size(), GAMMAS.size(), clip.getId(), (System.nanoTime() - t0) / 1e9,
                cached);
        assertThat(run.getClipResults()).singleElement().satisfies(r -> assertThat(r.getClipId())
                .isEqualTo(clip.getId()));
        List<Path> samples = GenerationRunSamples.of(run.getClipResults().get(0), session.folder());
        assertThat(samples).hasSize(OMEGAS.size() * GAMMAS.size());
        return samples.get(0).getParent();
    }

    private static Experiment sweepOf(Project project) {
        return project.getExperiments().stream().filter(e -> e.getId().equals(DemoProject.SWEEP_EXPERIMENT))
                .findFirst().orElseThrow();
    }

    /**
     * The grid's cells are those of the table `avlens sweep` prints for the folder ({@link SweepTable}): the same
     * ω and γ at each position, each metric's mean, sd and n, and the badges drawn on each cell show those means.
     */
    private static void theCellsAreTheCommandsTable(SweepView view, Path folder) throws Exception {
        SweepGrid shown = Ui.sync(() -> view.data().grid());
        JsonObject table = SweepTable.json(SweepGrid.of(GeneratedSample.list(folder)), s -> folder);
        JsonArray cells = table.getAsJsonArray("cells");
        assertThat(cells).hasSize(OMEGAS.size() * GAMMAS.size());
        assertThat(table.getAsJsonArray("rows")).hasSize(OMEGAS.size() * GAMMAS.size());
        int k = 0;
        for (int r = 0; r < OMEGAS.size(); r++) {
            for (int c = 0; c < GAMMAS.size(); c++) {
                JsonObject cell = cells.get(k++).getAsJsonObject();
                assertThat(cell.get("omega").getAsDouble()).isEqualTo(shown.omegas().get(r));
                assertThat(cell.get("gamma").getAsDouble()).isEqualTo(shown.gammas().get(c));
                JsonObject metrics = cell.getAsJsonObject("metrics");
                assertThat(metrics.keySet()).containsExactlyInAnyOrderElementsOf(shown.metricNames())
                        .contains("classifierScore", "syncOffset", "onsetAP", "alignAcc");
                int row = r;
                int column = c;
                String badges = Ui.sync(() -> view.grid().badgeText(row, column));
                for (String m : shown.metricNames()) {
                    JsonObject v = metrics.getAsJsonObject(m);
                    double mean = v.get("mean").isJsonNull() ? Double.NaN : v.get("mean").getAsDouble();
                    double sd = v.get("sd").isJsonNull() ? Double.NaN : v.get("sd").getAsDouble();
                    SweepGrid.Summary summary = shown.summary(m, r, c);
                    assertThat(summary.mean()).as("%s at %d,%d", m, r, c).isEqualTo(mean);
                    assertThat(summary.sd()).as("sd of %s at %d,%d", m, r, c).isEqualTo(sd);
                    assertThat(summary.n()).as("n of %s at %d,%d", m, r, c).isEqualTo(v.get("n").getAsInt());
                }
                for (String[] badge : new String[][] {{"P", "classifierScore"}, {"AP", "onsetAP"},
                    {"lag", "syncOffset"}}) {
                    assertThat(badges).as("the badges of cell %d,%d", r, c).contains(String.format(Locale.ROOT,
                            "%s %.2f", badge[0], metrics.getAsJsonObject(badge[1]).get("mean").getAsDouble()));
                }
            }
        }
    }

    /**
     * Drags across the first cell's thumbnail from 1 s to 2.5 s: the range is selected for the clip and loops (the
     * Sweep view's Loop and the Video view's loop are on); returns the range the player repeats.
     */
    private static TimeRange loopARange(SweepView view, VideoView video) {
        Ui.run(() -> {
            SweepGridCanvas grid = view.grid();
            Rectangle b = grid.cellBounds(grid.getClientArea(), 0, 0);
            double seconds = view.data().seconds();
            int x0 = b.x + (int) Math.round(1.0 / seconds * b.width);
            int x1 = b.x + (int) Math.round(2.5 / seconds * b.width);
            int y = b.y + b.height / 2;
            grid.notifyListeners(SWT.MouseDown, Ui.mouse(x0, y));
            Event move = Ui.mouse((x0 + x1) / 2, y);
            move.stateMask = SWT.BUTTON1;
            grid.notifyListeners(SWT.MouseMove, move);
            Event end = Ui.mouse(x1, y);
            end.stateMask = SWT.BUTTON1;
            grid.notifyListeners(SWT.MouseMove, end);
            grid.notifyListeners(SWT.MouseUp, Ui.mouse(x1, y));
        });
        double[] dragged = Ui.sync(() -> view.grid().range());
        assertThat(dragged).as("the range dragged across the thumbnail").isNotNull();
        assertThat(dragged[0]).isCloseTo(1.0, within(0.1));
        assertThat(dragged[1]).isCloseTo(2.5, within(0.1));
        assertThat(Ui.sync(() -> view.loopButton().getSelection())).as("Loop is on").isTrue();
        Ui.waitUntil("the Video view to loop the dragged range", 10, () -> video.playbackLoop() != null
                && video.playbackLoop().start() == dragged[0] && video.playbackLoop().end() == dragged[1]);
        assertThat(Ui.sync(() -> view.clip().selection().range())).isEqualTo(new TimeRange(dragged[0], dragged[1]));
        return Ui.sync(video::playbackLoop);
    }

    /**
     * Plays the loop and moves through the cells (arrow keys, clicks) while it plays: each switch hands the player
     * the cell's sound without stopping and without moving the media time (beyond the instant the switch takes,
     * counted forward through the loop's wrap); playback stays inside the loop and wraps at its end.
     */
    private static void switchWhilePlaying(SweepView view, VideoView video, TimeRange loop) {
        Ui.run(() -> video.perform(Transport.Command.TOGGLE));
        Ui.waitUntil("playback to run", 10, () -> video.isPlaying() && video.playbackClock() > loop.start() + 0.2);
        List<Double> latencies = new ArrayList<>();
        double maxJump = 0;
        double lowest = Double.MAX_VALUE;
        double highest = -1;
        int wraps = 0;
        int[][] moves = {{SWT.ARROW_RIGHT}, {SWT.ARROW_DOWN}, {SWT.ARROW_LEFT}, {-1, 0, 1}, {SWT.ARROW_UP},
            {-1, 1, 1}, {-1, 0, 0}};
        double last = Ui.sync(video::playbackClock);
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
                double after = video.playbackClock();
                // playing has moved the cursor, dropping the dragged range: a click must not select it again
                // (which would seek playback back to the range's start)
                double reselected = view.clip().selection().isCursor() ? 0 : 1;
                return new double[] {before, after, (t1 - t0) / 1e6, reselected};
            });
            assertThat(measured[3]).as("a click or key selects the cell, not the last dragged range again").isZero();
            String expected = Ui.sync(() -> view.data().soundtrackId(view.selectedSample()));
            assertThat(Ui.sync(video::isPlaying)).as("still playing").isTrue();
            assertThat(Ui.sync(video::playingSoundtrack)).as("the selected cell's sound plays").isEqualTo(expected);
            double jump = measured[1] - measured[0];
            if (jump < 0) {
                jump += loop.duration(); // the loop wrapped during the switch
            }
            assertThat(jump).as("media time across the switch").isBetween(0.0, FRAME);
            maxJump = Math.max(maxJump, jump);
            latencies.add(measured[2]);
            assertThat(Ui.sync(video::playbackLoop)).as("the loop survives the switch").isEqualTo(loop);
            // listen a while: the position stays inside the loop, the cursor runs through the thumbnails
            for (int i = 0; i < 6; i++) {
                Ui.sleep(40);
                double t = Ui.sync(video::playbackClock);
                assertThat(t).as("playback stays inside the loop").isBetween(loop.start(), loop.end());
                wraps += t < last ? 1 : 0;
                last = t;
                lowest = Math.min(lowest, t);
                highest = Math.max(highest, t);
            }
            double cursor = Ui.sync(() -> view.grid().cursor());
            assertThat(cursor).as("the cursor runs through the thumbnails").isBetween(loop.start(), loop.end());
        }
        // 7 × 6 × 40 ms > the 1.5 s loop: playback went round it at least once
        assertThat(wraps).as("playback wrapped at the loop's end").isPositive();
        assertThat(Ui.sync(() -> view.loopButton().getSelection())).as("Loop stays on").isTrue();
        assertThat(Ui.sync(() -> view.grid().range())).as("the thumbnails shade the range that loops, also once"
                + " playing has moved the cursor").containsExactly(loop.start(), loop.end());
        assertThat(Ui.sync(() -> view.grid().selected())).containsExactly(0, 0);
        Ui.screenshot(Ui.window().getShell(), "sweep-grid-playing-loop");
        Ui.run(() -> video.perform(Transport.Command.PAUSE));
        latencies.sort(Double::compare);
        System.out.printf(Locale.ROOT, "sweep cell switch while looping %.2f-%.2f s: n=%d, median %.3f ms, max %.3f ms"
                + " (event until the player has the cell's samples); media-time change across a switch: max %.3f ms;"
                + " positions seen %.3f-%.3f s, %d wraps%n", loop.start(), loop.end(), latencies.size(),
                latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1), maxJump * 1000, lowest,
                highest, wraps);
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
        assertThat(Ui.sync(() -> view.surface().heatmap().data().shape())).containsExactly(OMEGAS.size(),
                GAMMAS.size());
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
            assertThat(names.stream().filter(n -> n.endsWith(".wav"))).hasSize(OMEGAS.size() * GAMMAS.size());
            assertThat(names.stream().filter(n -> n.endsWith(".mp4"))).hasSize(OMEGAS.size() * GAMMAS.size());
        }
        List<String> csv = Files.readAllLines(out.resolve(SweepExport.CSV));
        assertThat(csv).hasSize(1 + OMEGAS.size() * GAMMAS.size());
        String[] header = csv.get(0).split(",");
        assertThat(header).startsWith("omega", "gamma", "seed", "clip", "stem").contains("classifierScore");
        for (String line : csv.subList(1, csv.size())) {
            assertThat(line.split(",", -1)).hasSize(header.length);
            assertThat(Double.parseDouble(line.split(",")[0])).isIn(OMEGAS.toArray());
        }
    }
}
