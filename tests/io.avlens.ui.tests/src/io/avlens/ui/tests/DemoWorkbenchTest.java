package io.avlens.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.SWT;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonParser;

import io.avlens.analysis.similarity.SimilarityVolume;
import io.avlens.analysis.similarity.SyncEstimate;
import io.avlens.model.Clip;
import io.avlens.model.Experiment;
import io.avlens.model.Metric;
import io.avlens.model.Run;
import io.avlens.model.RunStatus;
import io.avlens.model.store.Locations;
import io.avlens.synth.DemoProject;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.media.VideoView;
import io.avlens.ui.project.DemoStartup;
import io.avlens.ui.project.ExperimentRuns;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.project.ProjectSessions;
import io.avlens.ui.similarity.SimilarityView;
import io.avlens.ui.similarity.internal.SimilarityCanvas;
import io.avlens.ui.testing.Ui;

/**
 * What a new user sees: the demo project generated on first start, a clip opened from it with its video, timeline
 * and the similarity volume that the shipped CAVP-small computes through the model runner, all linked, and the demo
 * experiment run from the workbench into a Run record.
 */
class DemoWorkbenchTest {

    private static final double FRAME = 1 / 8.0;

    @TempDir
    Path dir;

    @Test
    void theDemoOpensAClipWithItsSimilarityVolumeLinkedAndItsExperimentRuns() throws Exception {
        IWorkbenchWindow window = Ui.window();
        Path folder = dir.resolve("demo");
        Job creating = Ui.sync(() -> DemoStartup.open(window, folder));
        assertThat(creating).as("a first start creates the demo in a job").isNotNull();
        creating.join();
        assertThat(creating.getResult().isOK()).as(creating.getResult().toString()).isTrue();
        ProjectSessions sessions = Ui.sync(() -> PlatformUI.getWorkbench().getService(IEclipseContext.class)
                .get(ProjectSessions.class));
        Ui.waitUntil("the demo to open in the explorer", 30, () -> sessions.find(folder).isPresent());
        ProjectSession session = sessions.find(folder).orElseThrow();
        try {
            assertThat(session.project().getName()).isEqualTo(DemoProject.NAME);
            Experiment experiment = session.project().getExperiments().get(0);
            assertThat(experiment.getId()).isEqualTo(DemoProject.EXPERIMENT);

            // the demo opens its showcase clip by itself: the one furthest out of sync (its sidecar says by how much)
            Clip clip = DemoProject.showcase(session.project()).orElseThrow();
            Path media = Locations.resolve(folder, clip.getMediaLocation());
            double trueLag = lagOf(media);
            for (Clip c : session.project().getDatasets().get(0).getClips()) {
                assertThat(Math.abs(lagOf(Locations.resolve(folder, c.getMediaLocation()))))
                        .isLessThanOrEqualTo(Math.abs(trueLag));
            }
            AnalysisContexts contexts = Ui.sync(() -> PlatformUI.getWorkbench().getService(IEclipseContext.class)
                    .get(AnalysisContexts.class));
            Ui.waitUntil("the demo's clip to open in the media views", 30, () -> contexts.active()
                    .map(c -> c.file().equals(media)).orElse(false));
            AnalysisContext analysis = Ui.sync(() -> contexts.active().orElseThrow());
            Ui.run(() -> {
                try {
                    window.getActivePage().showView(SimilarityView.ID, null, IWorkbenchPage.VIEW_ACTIVATE);
                } catch (org.eclipse.ui.PartInitException e) {
                    throw new IllegalStateException(e);
                }
            });
            SimilarityView view = Ui.part(window, SimilarityView.ID, SimilarityView.class);
            // CAVP-small is the default; set it anyway, since an earlier test may have switched the view off
            Ui.run(() -> view.setModel(DemoProject.MODEL_ID));
            Ui.run(view::closeComparison); // a comparison left open by an earlier test
            assertThat(Ui.sync(view::model)).isEqualTo(DemoProject.MODEL_ID);
            SimilarityCanvas canvas = view.canvas(0);
            String title = media.getFileName() + " · " + DemoProject.MODEL_ID;
            Ui.waitUntil("CAVP-small's volume of the clip", 120, () -> canvas.title().startsWith(title));
            SimilarityVolume volume = Ui.sync(canvas::volume);
            SyncEstimate estimate = Ui.sync(canvas::estimate);
            System.out.println(String.format(Locale.ROOT, "demo clip %s: true lag %+.3f s, CAVP-small %+.3f s "
                    + "(confidence %.3f), volume %d × %d", clip.getId(), trueLag, estimate.lagSeconds(),
                    estimate.confidence(), volume.audioSteps(), volume.videoSteps()));
            assertThat(volume.videoSteps()).as("6 s at 8 fps").isEqualTo(48);
            assertThat(volume.videoBase().step()).isEqualTo(FRAME);
            assertThat(estimate.lagSeconds()).as("the lag the demo put in, within one frame")
                    .isCloseTo(trueLag, within(FRAME + 1e-9));

            // linked: a click on a cell moves the video to the cell's video time and pairs its audio time
            Ui.settle();
            Ui.waitUntil("the similarity view laid out", 10, () -> canvas.plotArea().height > volume.audioSteps());
            double videoTime = 2.0;
            double audioTime = 2.0 + estimate.lagSeconds();
            int x = Ui.sync(() -> canvas.xOfVideo(videoTime));
            int y = Ui.sync(() -> canvas.yOfAudio(audioTime));
            SimilarityCanvas.Cell cell = Ui.sync(() -> canvas.cellAt(x, y));
            Ui.run(() -> {
                canvas.notifyListeners(SWT.MouseMove, Ui.mouse(x, y));
                canvas.notifyListeners(SWT.MouseDown, Ui.mouse(x, y));
                canvas.notifyListeners(SWT.MouseUp, Ui.mouse(x, y));
            });
            double cellVideo = volume.videoTime(cell.column());
            double cellAudio = volume.audioTime(cell.row());
            assertThat(analysis.cursor()).isEqualTo(cellVideo);
            assertThat(analysis.audioCursor()).isCloseTo(cellAudio, within(1e-12));
            VideoView video = Ui.part(window, VideoView.ID, VideoView.class);
            Ui.waitUntil("the video at the cell's video time", 20, () -> video.shownTime() == cellVideo);
            Ui.screenshot(window.getShell(), "demo-clip-similarity-linked");

            // the demo experiment runs from the workbench and its Run joins the experiment
            Job run = Ui.sync(() -> ExperimentRuns.start(window, session, experiment));
            assertThat(run).isNotNull();
            run.join();
            Ui.waitUntil("the Run record", 30, () -> !experiment.getRuns().isEmpty());
            Run record = experiment.getRuns().get(0);
            assertThat(record.getStatus()).as(record.getErrorMessage()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(metric(record, "clips")).isEqualTo(12);
            assertThat(metric(record, "failedClips")).isZero();
            // the clip opened above came from the cache (others may too: the runner's cache outlives this test, and
            // an earlier test may have computed the same deterministic demo clips)
            assertThat(metric(record, "cachedClips")).isGreaterThanOrEqualTo(1);
            var perClip = JsonParser.parseString(Files.readString(folder.resolve(record.getLogLocation())))
                    .getAsJsonObject().getAsJsonArray("clips");
            assertThat(perClip.asList()).filteredOn(c -> c.getAsJsonObject().get("clip").getAsString()
                    .equals(clip.getId())).singleElement()
                    .satisfies(c -> assertThat(c.getAsJsonObject().get("cached").getAsBoolean())
                            .as("the clip opened above came from the cache").isTrue());
            System.out.println(String.format(Locale.ROOT, "demo run: %.1f %% within one frame, MAE %.3f s",
                    100 * metric(record, "accuracyWithinOneFrame"), metric(record, "maeSeconds")));
            assertThat(metric(record, "accuracyWithinOneFrame")).as("sync accuracy of the shipped model on the demo")
                    .isGreaterThanOrEqualTo(0.75);
            assertThat(folder.resolve(record.getLogLocation())).isRegularFile();
            assertThat(record.getArtifacts()).allSatisfy(a -> assertThat(folder.resolve(a.getLocation()))
                    .isRegularFile());
            assertThat(Ui.sync(session::isDirty)).as("the record waits to be saved").isTrue();
            org.eclipse.ui.IViewPart runs = Ui.sync(() -> {
                try {
                    return window.getActivePage().showView("io.avlens.ui.views.runs", null,
                            IWorkbenchPage.VIEW_ACTIVATE);
                } catch (org.eclipse.ui.PartInitException e) {
                    throw new IllegalStateException(e);
                }
            });
            Ui.maximize(runs, true);
            Ui.settle();
            Ui.screenshot(window.getShell(), "demo-experiment-run");
            Ui.maximize(runs, false);

            // a second start opens the existing demo at once
            assertThat(Ui.sync(() -> DemoStartup.open(window, folder))).isNull();
        } finally {
            Ui.run(() -> sessions.close(session));
        }
    }

    private static double lagOf(Path media) throws Exception {
        String stem = media.getFileName().toString().replaceFirst("\\.mp4$", "");
        return JsonParser.parseString(Files.readString(media.resolveSibling(stem + ".json"))).getAsJsonObject()
                .get("lagSeconds").getAsDouble();
    }

    private static double metric(Run run, String name) {
        List<Metric> found = run.getMetrics().stream().filter(m -> m.getName().equals(name)).toList();
        assertThat(found).as("metric " + name + " of " + run.getMetrics().stream().map(Metric::getName).toList())
                .hasSize(1);
        return found.get(0).getValue();
    }
}
