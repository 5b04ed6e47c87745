package io.avlens.ui.heatmaps.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.PaletteData;

import io.avlens.core.profile.FrameFit;
import io.avlens.core.profile.VideoSpec;
import io.avlens.media.FrameReader;
import io.avlens.media.MediaInfo;
import io.avlens.media.MediaProbe;
import io.avlens.media.VideoFrames;
import io.avlens.ui.heatmaps.HeadsView;
import io.avlens.ui.heatmaps.internal.HeatmapClip;
import io.avlens.ui.heatmaps.internal.HeatmapExportJobs;
import io.avlens.ui.heatmaps.internal.HeatmapSettings;
import io.avlens.ui.heatmaps.internal.HeatmapVideoExport;
import io.avlens.ui.testing.Ui;

/**
 * The Heads view's MP4 and volume exports on the clip {@link HeatmapViewsTest} opened: the MP4 has a video and an
 * audio stream and the clip's frames; different settings give different pixels, and the heatmap changes the picture;
 * cancel and a folder that cannot be made leave no file and say which file.
 */
final class HeatmapVideoExports {

    /** A channel difference far above H.264's coding noise. */
    private static final int CHANGED = 40;

    private HeatmapVideoExports() {
    }

    static void check(Path clip, HeadsView heads, HeatmapClip heatmaps, Path dir) throws Exception {
        Path red = dir.resolve("head1.mp4");
        Path blue = dir.resolve("head2.mp4");
        Ui.run(() -> {
            heads.settings().setColouring(HeatmapSettings.Colouring.HEAD_COLOURS);
            heads.solo(0);
        });
        HeatmapViewsTest.finished(Ui.sync(() -> heads.exportVideo(red)));
        Ui.run(() -> heads.solo(1));
        HeatmapViewsTest.finished(Ui.sync(() -> heads.exportVideo(blue)));
        Ui.run(() -> heads.solo(-1));

        MediaInfo source = MediaProbe.probe(clip);
        MediaInfo written = MediaProbe.probe(red);
        assertThat(written.hasVideo()).isTrue();
        assertThat(written.hasAudio()).isTrue();
        int w = source.video().width() / 2 * 2;
        int h = source.video().height() / 2 * 2;
        FrameReader reader = new FrameReader(new VideoSpec(source.video().fps(), w, h, FrameFit.STRETCH));
        VideoFrames original = reader.read(clip);
        assertThat(written.video().width()).isEqualTo(w);
        assertThat(written.video().frames()).isEqualTo(original.count());
        assertThat(MediaProbe.probe(blue).video().frames()).isEqualTo(original.count());

        // over the whole video: share of pixels the heatmap changes, and of pixels where head 1 and head 2 differ
        VideoFrames first = reader.read(red);
        VideoFrames second = reader.read(blue);
        assertThat(first.count()).isEqualTo(original.count());
        double headVsHead = 0;
        double overlayVsClip = 0;
        int most = 0;
        double mostChanged = -1;
        for (int i = 0; i < original.count(); i++) {
            double d = changed(first.argb(i), second.argb(i));
            headVsHead += d / original.count();
            overlayVsClip += changed(first.argb(i), original.argb(i)) / original.count();
            if (d > mostChanged) {
                mostChanged = d;
                most = i;
            }
        }
        double clipVsClip = changed(reader.read(clip).argb(most), original.argb(most));
        System.out.println(String.format(Locale.ROOT, "MP4 export: %d frames %dx%d; share of pixels whose colour "
                + "differs by more than %d in a channel, mean over frames: head 1 vs head 2 %.3f, head 1 vs the clip "
                + "%.3f; most at frame %d: %.3f", original.count(), w, h, CHANGED, headVsHead, overlayVsClip, most,
                mostChanged));
        save(first.argb(most), w, h, "heatmaps-mp4-head-1");
        save(second.argb(most), w, h, "heatmaps-mp4-head-2");
        save(original.argb(most), w, h, "heatmaps-mp4-clip");
        assertThat(clipVsClip).as("the clip decoded twice").isZero();
        assertThat(headVsHead).as("head 1 alone vs head 2 alone").isGreaterThan(0.05);
        assertThat(overlayVsClip).as("the overlaid frames vs the clip's").isGreaterThan(0.05);

        // cancel leaves no file and no temporary file
        Path cancelled = dir.resolve("cancelled");
        Files.createDirectories(cancelled);
        HeatmapSettings settings = Ui.sync(() -> heads.settings().copy());
        assertThatThrownBy(() -> HeatmapVideoExport.write(clip, heatmaps, settings, cancelled.resolve("c.mp4"),
                cancelAfter(3))).isInstanceOf(OperationCanceledException.class);
        assertThatThrownBy(() -> HeatmapExportJobs.writeVolume(heatmaps, cancelled.resolve("c.npy"), cancelAfter(2)))
                .isInstanceOf(OperationCanceledException.class);
        try (var left = Files.list(cancelled)) {
            assertThat(left).isEmpty();
        }
        // a folder that cannot be made: the message names the file
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        Path bad = file.resolve("out.mp4");
        assertThatThrownBy(() -> HeatmapVideoExport.write(clip, heatmaps, settings, bad, new NullProgressMonitor()))
                .isInstanceOf(IOException.class).hasMessageStartingWith(bad + ": cannot be written");
    }

    /** A monitor that is cancelled once {@code units} units of work are done. */
    private static NullProgressMonitor cancelAfter(int units) {
        return new NullProgressMonitor() {
            private int done;

            @Override
            public void worked(int work) {
                done += work;
                if (done >= units) {
                    setCanceled(true);
                }
            }
        };
    }

    /** The share of pixels whose colour differs by more than {@link #CHANGED} in some channel (far above coding noise). */
    private static double changed(int[] a, int[] b) {
        int count = 0;
        for (int p = 0; p < a.length; p++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                if (Math.abs((a[p] >> shift & 0xff) - (b[p] >> shift & 0xff)) > CHANGED) {
                    count++;
                    break;
                }
            }
        }
        return count / (double) a.length;
    }

    /** Saves a decoded frame beside the screenshots, to look at. */
    private static void save(int[] argb, int w, int h, String name) throws IOException {
        ImageData data = new ImageData(w, h, 24, new PaletteData(0xff0000, 0xff00, 0xff));
        for (int y = 0; y < h; y++) {
            data.setPixels(0, y, w, argb, y * w);
        }
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {data};
        Path shots = Path.of(System.getProperty("avlens.screenshots", "target/screenshots"));
        Files.createDirectories(shots);
        loader.save(shots.resolve(name + ".png").toString(), SWT.IMAGE_PNG);
    }
}
