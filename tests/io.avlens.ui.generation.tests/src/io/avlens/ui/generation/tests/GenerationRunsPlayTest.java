package io.avlens.ui.generation.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.model.Clip;
import io.avlens.model.Project;
import io.avlens.model.store.Locations;
import io.avlens.model.store.ProjectStore;
import io.avlens.ui.media.Soundtracks;
import io.avlens.ui.media.TimelineView;
import io.avlens.ui.media.VideoView;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.runs.RunsView;
import io.avlens.ui.testing.GeneratedSamples;
import io.avlens.ui.testing.SampleProjects;
import io.avlens.ui.testing.Ui;

/**
 * A generation run in the Runs view: a clip's row offers "Play Generated Sound", which opens the clip with the sample
 * the run generated for it playing in the Video view. The run is recorded as the {@code generate} task records one
 * (per clip folder {@code runs/RUN/MODEL/CLIP/} with the sample's files as artifacts); its sample is the test's
 * stand-in generator's ({@link GeneratedSamples}). Its record names another project's copy of the clip, gone since,
 * as a result the runner's cache reused does: the sample plays with the run's clip all the same.
 */
class GenerationRunsPlayTest {

    private static final String COMMAND = "io.avlens.ui.generation.commands.playGeneratedSound";

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
    void aClipRowOfAGenerationRunPlaysItsGeneratedSound() throws Exception {
        IWorkbenchWindow window = Ui.window();
        ProjectStore store = Ui.sync(() -> Ui.sessions().store());
        Path folder = SampleProjects.kitchen(dir, store);
        Project project = store.open(folder);
        Clip bounce = project.getDatasets().get(0).getClips().get(0);
        Path media = Locations.resolve(folder, bounce.getMediaLocation());
        Path clipFolder = folder.resolve("runs/gen-1/" + GeneratedSamples.RESYNTHESIS + "/" + bounce.getId());
        Path record = GeneratedSamples.griffinLimResynthesis(media, clipFolder);
        // the record names another project's copy of the clip, gone since, as a result from the runner's cache does
        GeneratedSamples.nameClip(record, dir.resolve("gone/media").resolve(media.getFileName()));

        RecordedRuns.add(store, project, folder, bounce, "generate", "gen-1", record);
        session = Ui.sync(() -> {
            try {
                return Ui.sessions().open(folder);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        IWorkbenchPage page = Ui.sync(() -> window.getActivePage());
        List<String> opened = Ui.sync(() -> GeneratedSoundViewsTest.notOpen(page, VideoView.ID, TimelineView.ID));
        RunsView view = Ui.sync(() -> {
            try {
                return (RunsView) page.showView(RunsView.ID);
            } catch (PartInitException e) {
                throw new AssertionError(e);
            }
        });
        try {
            Ui.waitUntil("the generation run", 10, () -> RecordedRuns.runRow(view, "gen-1") != null);
            Ui.run(() -> view.select(RecordedRuns.runRow(view, "gen-1")));
            Ui.waitUntil("the clip's row", 10, () -> view.clipResultsViewer().getTable().getItemCount() == 1);
            Ui.run(() -> view.clipResultsViewer().setSelection(new StructuredSelection(
                    view.clipResultsViewer().getElementAt(0))));
            assertThat(Ui.sync(() -> RecordedRuns.menuTexts(view.clipResultsViewer().getControl().getMenu())))
                    .contains("Open Clip", "Play Generated Sound");

            Ui.run(() -> {
                page.activate(view);
                try {
                    window.getService(IHandlerService.class).executeCommand(COMMAND, null);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            VideoView video = Ui.part(window, VideoView.ID, VideoView.class);
            Ui.waitUntil("the generated sound playing with its clip", 60,
                    () -> media.equals(video.clip()) && record.toString().equals(video.playingSoundtrack()));
            assertThat(Ui.sync(() -> Ui.contexts().active().map(c -> Soundtracks.of(c).chosenId()).orElse("")))
                    .isEqualTo(record.toString());
            assertThat(Files.isRegularFile(record)).isTrue();
            Ui.screenshot(window.getShell(), "generated-sound-from-runs-view");
        } finally {
            Ui.run(() -> {
                page.hideView(view);
                GeneratedSoundViewsTest.hide(page, opened);
            });
        }
    }
}
