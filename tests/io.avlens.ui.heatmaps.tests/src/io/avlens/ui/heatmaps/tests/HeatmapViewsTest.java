package io.avlens.ui.heatmaps.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import io.avlens.media.MediaInfo;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthSpec;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.heatmaps.HeadsView;
import io.avlens.ui.heatmaps.internal.ActivationCurves;
import io.avlens.ui.heatmaps.internal.DenseHeatmapOverlay;
import io.avlens.ui.heatmaps.internal.HeatmapClip;
import io.avlens.ui.heatmaps.internal.HeatmapLayer;
import io.avlens.ui.heatmaps.internal.HeatmapSettings;
import io.avlens.ui.media.OpenClipHandler;
import io.avlens.ui.media.OverlayFrame;
import io.avlens.ui.media.VideoView;
import io.avlens.ui.media.internal.OverlaySlot;
import io.avlens.ui.testing.Ui;

/**
 * The shipped DenseAV-small on a real AV-Shapes clip with spoken colour words: the heatmap overlay over the Video view
 * and the Heads view follow the shared cursor; a head can be soloed; a region's activation differs from the whole
 * frame's; the value under the mouse is the model's value at that cell; curves seek; audio time or the frame can be
 * pinned; everything exports (the MP4 and the volume in jobs, {@link HeatmapVideoExports}).
 */
class HeatmapViewsTest {

    private static final String MODEL = "denseav-small";

    @TempDir
    Path dir;

    @Test
    void theHeatmapOverlayAndHeadsViewShowDenseAvSmallOnASpokenAvShapesClip() throws Exception {
        IWorkbenchWindow window = Ui.window();
        Path out = dir.resolve("avshapes");
        new AvShapesGenerator(Ui.sessions().store()).generate(SynthSpec.of(1, 11).withSpeech(true), out,
                SynthProgress.NONE);
        Path clip;
        try (var files = Files.list(out.resolve("media"))) {
            clip = files.filter(p -> p.toString().endsWith(".mp4")).findFirst().orElseThrow();
        }
        Ui.run(() -> OpenClipHandler.open(clip, window));
        Ui.waitUntil("the clip to open", 30, () -> Ui.contexts().active().map(c -> c.file().equals(clip))
                .orElse(false));
        AnalysisContext analysis = Ui.sync(() -> Ui.contexts().active().orElseThrow());
        VideoView video = Ui.part(window, VideoView.ID, VideoView.class);
        Ui.run(() -> {
            try {
                window.getActivePage().showView(HeadsView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
            } catch (org.eclipse.ui.PartInitException e) {
                throw new IllegalStateException(e);
            }
        });
        HeadsView heads = Ui.part(window, HeadsView.ID, HeadsView.class);
        Ui.run(() -> heads.setModel(MODEL));
        Ui.waitUntil("the heatmaps of " + MODEL, 240, () -> heads.heatmapClip() != null || heads.problem() != null);
        assertThat(Ui.sync(heads::problem)).isNull();
        HeatmapClip heatmaps = Ui.sync(heads::heatmapClip);
        DenseFeatures raw = heatmaps.raw();
        assertThat(heatmaps.model()).isEqualTo(MODEL);
        assertThat(raw.heads()).isGreaterThanOrEqualTo(2);
        assertThat(raw.height() * raw.width()).isGreaterThanOrEqualTo(16 * 16);
        Ui.waitUntil("the heatmap overlay", 60, () -> video.overlays().slot(DenseHeatmapOverlay.NAME) != null
                && video.overlays().slot(DenseHeatmapOverlay.NAME).layer() instanceof HeatmapLayer);
        OverlaySlot slot = Ui.sync(() -> video.overlays().slot(DenseHeatmapOverlay.NAME));
        HeatmapLayer layer = (HeatmapLayer) slot.layer();
        assertThat(Ui.sync(() -> video.overlayPanel().isChecked(DenseHeatmapOverlay.NAME))).isTrue();
        Ui.waitUntil("the first frame", 20, () -> !Double.isNaN(video.shownTime()));

        // scrub: the overlay follows the shared cursor
        Ui.run(() -> analysis.moveCursor(this, 1.0));
        Ui.waitUntil("the frame at 1 s", 20, () -> video.shownTime() == 1.0);
        int[] at1 = Ui.sync(() -> paintedSlice(video, layer)).argb().clone();
        int frame1 = Ui.sync(() -> paintedSlice(video, layer)).frame();
        Ui.run(() -> analysis.moveCursor(this, 2.5));
        Ui.waitUntil("the frame at 2.5 s", 20, () -> video.shownTime() == 2.5);
        var slice25 = Ui.sync(() -> paintedSlice(video, layer));
        assertThat(slice25.frame()).isEqualTo(raw.frameAt(2.5)).isNotEqualTo(frame1);
        assertThat(slice25.step()).isEqualTo(raw.stepAt(2.5));
        assertThat(slice25.argb()).as("the overlay at 2.5 s vs 1 s").isNotEqualTo(at1);
        Ui.waitUntil("the Heads view at 2.5 s", 20, () -> heads.slice().frame() == slice25.frame());
        assertThat(Ui.sync(() -> heads.curvesWidget().curves()).size()).isEqualTo(raw.heads());
        Ui.screenshot(window.getShell(), "heatmaps-both-heads");

        // solo head 1: the other is muted in the overlay and the panels
        Ui.run(() -> heads.solo(0));
        assertThat(Ui.sync(() -> heads.slice().values()[1])).containsOnly(0f);
        assertThat(Ui.sync(() -> heads.curves().stream().map(ActivationCurves.Curve::name).toList()))
                .containsExactly("head 1");
        assertThat(Ui.sync(() -> video.overlayPanel().texts())).contains("head 1").doesNotContain("head 2")
                .anyMatch(t -> t.startsWith("normalised per clip"));
        Ui.screenshot(window.getShell(), "heatmaps-solo-head-1");

        // a region: its activation is the maximum over fewer cells, so never above the whole frame's, and not equal
        Ui.run(() -> heads.selectRegion(0, 2, 2, 6, 6));
        List<ActivationCurves.Curve> curves = Ui.sync(heads::curves);
        assertThat(curves).hasSize(2);
        float[] whole = curves.get(0).values();
        float[] region = curves.get(1).values();
        assertThat(curves.get(1).name()).startsWith("region rows 2–6, columns 2–6");
        assertThat(region).hasSameSizeAs(whole).isNotEqualTo(whole);
        for (int t = 0; t < whole.length; t++) {
            assertThat(region[t]).isLessThanOrEqualTo(whole[t]);
        }
        int frame = raw.frameAt(2.5);
        assertThat(whole).isEqualTo(raw.activation(frame, 0, null));
        Ui.screenshot(window.getShell(), "heatmaps-region");

        // the element-wise maximum in inferno, each head normalised on its own: the legend says so
        Ui.run(() -> {
            heads.solo(-1);
            heads.settings().setColouring(HeatmapSettings.Colouring.MAX);
            heads.settings().setNormalisation(HeatmapSettings.Normalisation.HEAD);
        });
        Ui.waitUntil("the legend to say per head", 20, () -> video.overlayPanel().texts().stream()
                .anyMatch(t -> t.equals("normalised per head · " + MODEL)));
        assertThat(Ui.sync(() -> video.overlayPanel().texts())).contains("max of heads (inferno)");
        var maxSlice = Ui.sync(() -> paintedSlice(video, layer));
        for (int p = 0; p < maxSlice.max().length; p++) {
            assertThat(maxSlice.max()[p]).isEqualTo(Math.max(maxSlice.values()[0][p], maxSlice.values()[1][p]));
        }
        Ui.screenshot(window.getShell(), "heatmaps-max-per-head");
        Ui.run(() -> {
            heads.settings().setColouring(HeatmapSettings.Colouring.HEAD_COLOURS);
            heads.settings().setNormalisation(HeatmapSettings.Normalisation.CLIP);
            heads.solo(0);
        });

        // the value under the mouse is the model's S at that cell, frame and audio step
        Rectangle picture = Ui.sync(video::pictureArea);
        int x = picture.x + picture.width * 3 / 4;
        int y = picture.y + picture.height / 3;
        MediaInfo media = analysis.media();
        OverlayFrame overlayFrame = new OverlayFrame(2.5, 2.5, media.video().width(), media.video().height(),
                picture, 1);
        double fx = (x - picture.x + 0.5) * media.video().width() / picture.width;
        double fy = (y - picture.y + 0.5) * media.video().height() / picture.height;
        HeatmapLayer.Cell cell = Ui.sync(() -> layer.cellAt(overlayFrame, fx, fy));
        int row = (int) (fy * raw.height() / media.video().height());
        int column = (int) (fx * raw.width() / media.video().width());
        assertThat(cell.row()).isEqualTo(row);
        assertThat(cell.column()).isEqualTo(column);
        float[] map = new float[raw.height() * raw.width()];
        raw.slice(frame, 0, raw.stepAt(2.5), map);
        assertThat(cell.raw()[0]).isEqualTo(map[row * raw.width() + column]);
        String hover = Ui.sync(() -> video.valueAt(x, y));
        assertThat(hover).contains(String.format(Locale.ROOT, "cell (%d, %d)", row, column))
                .contains(String.format(Locale.ROOT, "head 1 S = %.4f", map[row * raw.width() + column]))
                .doesNotContain("head 2");

        // click a curve: the shared cursor moves to that audio time
        Ui.run(() -> {
            ActivationCurves c = heads.curvesWidget();
            int cx = c.xOf(0.5);
            c.notifyListeners(SWT.MouseDown, Ui.mouse(cx, c.plotArea().y + 5));
        });
        double seeked = analysis.cursor();
        assertThat(seeked).isCloseTo(0.5, within(raw.audioTime().step()));

        // pin the audio time, scrub the picture: the audio step stays
        Ui.run(() -> heads.pinAudio(true));
        Ui.run(() -> analysis.moveCursor(this, 3.0));
        Ui.waitUntil("the frame at 3 s", 20, () -> video.shownTime() == 3.0);
        var pinned = Ui.sync(() -> paintedSlice(video, layer));
        assertThat(pinned.step()).isEqualTo(raw.stepAt(seeked));
        assertThat(pinned.frame()).isEqualTo(raw.frameAt(3.0));
        Ui.screenshot(window.getShell(), "heatmaps-audio-pinned");
        Ui.run(() -> heads.pinAudio(false));

        // and the reverse: pin the frame, scrub the audio time: the frame stays, the audio step follows the cursor
        Ui.run(() -> heads.pinFrame(true));
        Ui.run(() -> analysis.moveCursor(this, 1.0));
        Ui.waitUntil("the frame at 1 s", 20, () -> video.shownTime() == 1.0);
        var framePinned = Ui.sync(() -> paintedSlice(video, layer));
        assertThat(framePinned.frame()).isEqualTo(raw.frameAt(3.0)).isNotEqualTo(raw.frameAt(1.0));
        assertThat(framePinned.step()).isEqualTo(raw.stepAt(1.0));
        Ui.waitUntil("the Heads view at audio 1 s", 20, () -> heads.slice().step() == raw.stepAt(1.0));
        assertThat(Ui.sync(() -> heads.slice().frame())).isEqualTo(raw.frameAt(3.0));
        Ui.screenshot(window.getShell(), "heatmaps-frame-pinned");
        Ui.run(() -> heads.pinFrame(false));
        Ui.waitUntil("the Heads view at frame 1 s", 20, () -> heads.slice().frame() == raw.frameAt(1.0));
        Ui.run(() -> heads.solo(-1));

        // exports
        Path png = dir.resolve("overlay.png");
        Path headsPng = dir.resolve("heads.png");
        Path volume = dir.resolve("volume.npy");
        Ui.run(() -> {
            try {
                heads.exportOverlay(png);
                heads.exportHeads(headsPng);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        finished(Ui.sync(() -> heads.exportVolume(volume)));
        ImageData overlayPng = new ImageLoader().load(png.toString())[0];
        assertThat(overlayPng.width).isEqualTo(picture.width);
        assertThat(new ImageLoader().load(headsPng.toString())[0].width).isGreaterThan(100);
        NpyArray npy = Npy.read(volume);
        assertThat(npy.shape()).containsExactly(raw.frames(), raw.heads(), raw.height(), raw.width(), raw.steps());
        Path shots = Path.of(System.getProperty("avlens.screenshots", "target/screenshots"));
        Files.createDirectories(shots);
        Files.copy(png, shots.resolve("heatmaps-export-overlay.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(headsPng, shots.resolve("heatmaps-export-heads.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        HeatmapVideoExports.check(clip, heads, heatmaps, dir);
        System.out.println(String.format(Locale.ROOT, "%s on %s: %d heads, %d × %d cells, %d frames, %d audio steps;"
                + " last new overlay instant (slice, upsampling, colours, image) %.3f ms", MODEL, clip.getFileName(), raw.heads(), raw.height(), raw.width(),
                raw.frames(), raw.steps(), Ui.sync(layer::lastInstantNanos) / 1e6));
    }

    /** Waits for an export job; it must have succeeded. */
    static void finished(Job job) throws InterruptedException {
        assertThat(job).isNotNull();
        job.join();
        assertThat(job.getResult().isOK()).as(job.getResult().getMessage()).isTrue();
    }

    /** Paints the Video view off screen (as on screen) and returns the slice the heatmap layer drew. */
    private static io.avlens.ui.heatmaps.internal.HeatmapSlice paintedSlice(VideoView video, HeatmapLayer layer) {
        Rectangle area = video.pictureArea();
        Image target = new Image(Ui.display(), area.x + area.width, area.y + area.height);
        GC gc = new GC(target);
        try {
            video.paint(gc);
        } finally {
            gc.dispose();
            target.dispose();
        }
        Rectangle picture = video.pictureArea();
        return layer.sliceAt(new OverlayFrame(video.shownTime(), Ui.contexts().active().orElseThrow().audioCursor(),
                1, 1, picture, 1));
    }
}
