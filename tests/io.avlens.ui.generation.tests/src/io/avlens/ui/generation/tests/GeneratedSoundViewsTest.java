package io.avlens.ui.generation.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.GuidanceSettings;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.generation.GeneratedSound;
import io.avlens.ui.generation.GeneratedSoundOpener;
import io.avlens.ui.media.Soundtracks;
import io.avlens.ui.media.TimelineView;
import io.avlens.ui.media.Transport;
import io.avlens.ui.media.VideoView;
import io.avlens.ui.media.internal.SoundMode;
import io.avlens.ui.media.internal.TimelineCanvas;
import io.avlens.ui.testing.GeneratedSamples;
import io.avlens.ui.testing.TestClips;
import io.avlens.ui.testing.Ui;

/**
 * A generated soundtrack in the workbench: opened with its clip, it plays with the clip's frames; switching between
 * the original and the generated sound while playing keeps the playback position; the Timeline shows the generated
 * lanes beside the original's and their difference, with the ground-truth events over them.
 */
class GeneratedSoundViewsTest {

    @TempDir
    Path dir;

    @Test
    void playsTheGeneratedSoundSwitchesWithoutAJumpAndShowsTheDifference() throws Exception {
        IWorkbenchWindow window = Ui.window();
        List<String> opened = Ui.sync(() -> notOpen(window.getActivePage(), VideoView.ID, TimelineView.ID));
        Ui.run(() -> {
            try {
                window.getActivePage().showView(TimelineView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
                window.getActivePage().showView(VideoView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
            } catch (PartInitException e) {
                throw new AssertionError(e);
            }
        });
        try {
            playSwitchAndCompare(window);
        } finally {
            Ui.run(() -> hide(window.getActivePage(), opened));
        }
    }

    /** The views of {@code ids} that are not open in {@code page}: those a test opens and hides again. */
    static List<String> notOpen(IWorkbenchPage page, String... ids) {
        return java.util.Arrays.stream(ids).filter(id -> page.findView(id) == null).toList();
    }

    /** Hides the views {@code ids} of {@code page} (the ones the test opened). */
    static void hide(IWorkbenchPage page, List<String> ids) {
        for (String id : ids) {
            IViewPart part = page.findView(id);
            if (part != null) {
                page.hideView(part);
            }
        }
    }

    private void playSwitchAndCompare(IWorkbenchWindow window) throws Exception {
        assertThat(Ui.sync(() -> fileMenu(window))).contains("Open Generated Sound...");
        VideoView video = Ui.part(window, VideoView.ID, VideoView.class);
        TimelineView timeline = Ui.part(window, TimelineView.ID, TimelineView.class);
        Path clip = TestClips.bounce(dir);
        Path record = GeneratedSamples.sample(clip, dir.resolve("generated"));

        AtomicReference<AnalysisContext> opened = new AtomicReference<>();
        AtomicReference<String> failed = new AtomicReference<>();
        Ui.run(() -> GeneratedSoundOpener.open(List.of(record), Ui.contexts(), Ui.display(), opened::set,
                failed::set));
        Ui.waitUntil("the clip to open", 30, () -> opened.get() != null || failed.get() != null);
        assertThat(failed.get()).isNull();
        AnalysisContext context = opened.get();
        Soundtracks tracks = Ui.sync(() -> Soundtracks.of(context));
        String generated = record.toString();
        Ui.waitUntil("the generated sound in the player", 60,
                () -> clip.equals(video.clip()) && generated.equals(video.playingSoundtrack()));
        assertThat(Ui.sync(() -> video.soundtrackList().getText())).isEqualTo("generated (ω 4.5, γ 50, seed 21)");
        assertThat(Ui.sync(() -> video.soundtrackList().getItems())).hasSize(2).startsWith("original");

        Ui.run(() -> video.perform(Transport.Command.TOGGLE));
        Ui.waitUntil("playback to run", 10, () -> video.isPlaying() && video.playbackClock() > 0.3);
        double frame = 1 / TestClips.FPS;
        List<Double> latenciesMs = new ArrayList<>();
        List<Double> jumps = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String next = i % 2 == 0 ? Soundtracks.ORIGINAL : generated;
            double[] measured = Ui.sync(() -> {
                double before = video.playbackClock();
                long t0 = System.nanoTime();
                tracks.choose(next);
                long t1 = System.nanoTime();
                double after = video.playbackClock();
                return new double[] {before, after, (t1 - t0) / 1e6};
            });
            assertThat(Ui.sync(video::isPlaying)).as("still playing after switch " + i).isTrue();
            assertThat(Ui.sync(video::playingSoundtrack)).as("the player's soundtrack after switch " + i)
                    .isEqualTo(next);
            assertThat(measured[1] - measured[0]).as("media time across switch %d", i).isBetween(0.0, frame);
            jumps.add(measured[1] - measured[0]);
            latenciesMs.add(measured[2]);
            Ui.sleep(80);
            double later = Ui.sync(video::playbackClock);
            assertThat(later).as("the clock goes on after switch " + i).isGreaterThan(measured[1]);
        }
        Ui.screenshot(window.getShell(), "generated-sound-playing");
        boolean soundCard = Ui.sync(video::soundCardClock);
        long lastSwitch = Ui.sync(video::soundtrackSwitchNanos);
        Ui.run(() -> video.perform(Transport.Command.PAUSE));
        latenciesMs.sort(Double::compare);
        System.out.printf(Locale.ROOT, "soundtrack switch while playing: n=%d, median %.3f ms, max %.3f ms"
                + " (choose() until the player has the new samples; sound card drives the clock: %s, last switch"
                + " until written to the device: %.3f ms); media-time change across a switch: max %.3f ms%n",
                latenciesMs.size(), latenciesMs.get(latenciesMs.size() / 2), latenciesMs.get(latenciesMs.size() - 1),
                soundCard, lastSwitch / 1e6,
                jumps.stream().mapToDouble(Double::doubleValue).max().orElseThrow() * 1000);

        TimelineCanvas canvas = timeline.canvas();
        Ui.waitUntil("the generated lanes", 60, canvas::hasGenerated);
        Ui.run(() -> {
            timeline.setSoundMode(SoundMode.OVERLAY);
            timeline.setDifferenceShown(true);
        });
        assertThat(Ui.sync(canvas::laneNames)).containsExactly("WAVE BOTH", "SPECTROGRAM ORIGINAL",
                "SPECTROGRAM GENERATED", "DIFFERENCE BOTH");
        assertThat(Ui.sync(canvas::markers)).as("the ground-truth events over the lanes").hasSize(4);
        double meanAbs = Ui.sync(() -> {
            double sum = 0;
            int n = 0;
            for (int b = 0; b < 96; b++) {
                for (int t = 0; t < 390; t++) {
                    sum += Math.abs(canvas.differenceAt(b, t));
                    n++;
                }
            }
            return sum / n;
        });
        System.out.printf(Locale.ROOT, "Diff-Foley-small's sound vs original: mean |Δ log-mel| %.1f dB%n",
                meanAbs * 100);
        assertThat(meanAbs).as("generated sound differs from the original, within the lane's ±50 dB (1 = 100 dB)")
                .isBetween(0.001, 0.5);
        Ui.maximize(timelinePart(window), true);
        Ui.screenshot(window.getShell(), "generated-sound-timeline-overlay-difference");
        Ui.run(() -> timeline.setSoundMode(SoundMode.GENERATED));
        assertThat(Ui.sync(canvas::laneNames)).containsExactly("WAVE GENERATED", "SPECTROGRAM GENERATED",
                "DIFFERENCE BOTH");
        Ui.screenshot(window.getShell(), "generated-sound-timeline-generated");
        // another colour map with the difference lane shown: its own colour bar must survive the change
        Ui.sync(() -> {
            canvas.setColorMap(io.avlens.core.color.ColorMap.VIRIDIS);
            org.eclipse.swt.graphics.Image image = new org.eclipse.swt.graphics.Image(canvas.getDisplay(), 800, 400);
            org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(image);
            try {
                canvas.paint(gc); // renders the lanes anew (threw "Graphic is disposed" before)
            } finally {
                gc.dispose();
                image.dispose();
            }
            canvas.setColorMap(io.avlens.core.color.ColorMap.MAGMA);
            return null;
        });
        assertThat(Ui.sync(canvas::colorMap)).isEqualTo(io.avlens.core.color.ColorMap.MAGMA);
        Ui.maximize(timelinePart(window), false);
        Ui.run(() -> {
            timeline.setSoundMode(SoundMode.ORIGINAL);
            timeline.setDifferenceShown(false);
            tracks.choose(Soundtracks.ORIGINAL);
        });
    }

    @Test
    void aFileThatIsNotASampleOrWhoseClipIsMissingIsNamedInTheMessage() throws Exception {
        Path clip = TestClips.bounce(dir);
        Path sidecar = dir.resolve("bounce.json");
        assertThatThrownBy(() -> GeneratedSound.read(sidecar)).hasMessageStartingWith(sidecar.toString())
                .hasMessageContaining("not a generated-sample record");
        Path folder = Files.createDirectories(dir.resolve("lost"));
        Path record = GeneratedSamples.sample(clip, folder);
        GeneratedSample sample = GeneratedSample.read(record);
        Path gone = dir.resolve("gone.mp4");
        new GeneratedSample(gone.toString(), sample.model(), sample.settings(), sample.stem(), false, Map.of())
                .write(folder);
        assertThatThrownBy(() -> GeneratedSound.read(record)).hasMessageStartingWith(record.toString())
                .hasMessageContaining("its clip " + gone + " is missing");
        Path wav = Files.copy(sample.wav(folder), dir.resolve("alone.wav"));
        assertThatThrownBy(() -> GeneratedSound.read(wav)).hasMessageStartingWith(wav.toString())
                .hasMessageContaining("no record alone.json");
        assertThat(GeneratedSound.read(GeneratedSamples.griffinLimResynthesis(clip, dir.resolve("ok"))).soundtrack()
                .label())
                .isEqualTo("griffin-lim-resynthesis (ω 1, γ 0, seed 21)");
        assertThat(GeneratedSound.label(new GeneratedSample(clip.toString(), "diff-foley-small",
                GuidanceSettings.DEFAULT, "x", false, Map.of()))).isEqualTo("generated (ω 4.5, γ 50, seed 21)");
    }

    /** The File menu's item texts, filled as when the user opens it. */
    private static List<String> fileMenu(IWorkbenchWindow window) {
        for (org.eclipse.swt.widgets.MenuItem item : window.getShell().getMenuBar().getItems()) {
            if (item.getText().replace("&", "").equals("File")) {
                org.eclipse.swt.widgets.Menu menu = item.getMenu();
                menu.notifyListeners(org.eclipse.swt.SWT.Show, new org.eclipse.swt.widgets.Event());
                List<String> texts = new ArrayList<>();
                for (org.eclipse.swt.widgets.MenuItem entry : menu.getItems()) {
                    texts.add(entry.getText().replace("&", "").split("\t")[0]);
                }
                menu.notifyListeners(org.eclipse.swt.SWT.Hide, new org.eclipse.swt.widgets.Event());
                return texts;
            }
        }
        throw new AssertionError("no File menu");
    }

    private static org.eclipse.ui.IWorkbenchPart timelinePart(IWorkbenchWindow window) {
        return Ui.sync(() -> window.getActivePage().findView(TimelineView.ID));
    }
}
