package io.avlens.ui.media.tests;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

import io.avlens.core.color.ColorMap;
import io.avlens.core.color.ColorScale;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.time.TimeRange;
import io.avlens.ui.media.internal.ClipSound;
import io.avlens.ui.media.internal.SpectrogramColumns;
import io.avlens.ui.media.internal.TimelineCanvas;
import io.avlens.ui.testing.Ui;

/**
 * The zoomed-out spectrogram keeps a transient one frame long: a pixel column shows the maximum of the frames it
 * covers, zoomed in the nearest frame, and every frame belongs to exactly one column.
 */
class SpectrogramColumnsTest {

    private static final double FPS = 100;

    @Test
    void aOneFrameTransientAmongManyFramesPerColumnSurvives() {
        int frames = 1000;
        float[] row = new float[frames];
        row[437] = 1; // not the frame nearest to any column's centre (columns of 10 frames centre on 5, 15, ...)
        SpectrogramColumns columns = SpectrogramColumns.of(0, frames / FPS, 100, FPS, frames);
        float[] out = new float[100];
        columns.maxOfRow(row, 0, out);

        assertThat(out[43]).isEqualTo(1f);
        int bright = 0;
        for (float v : out) {
            bright += v == 1f ? 1 : 0;
        }
        assertThat(bright).as("the transient shows in one column, not smeared over two").isEqualTo(1);
    }

    @Test
    void everyFrameBelongsToExactlyOneColumnAtAnyZoom() {
        int frames = 997;
        float[] row = new float[frames];
        for (int width : new int[] {1, 7, 100, 333, 997}) {
            for (int f = 0; f < frames; f += 37) {
                java.util.Arrays.fill(row, 0);
                row[f] = 1;
                float[] out = new float[width];
                SpectrogramColumns.of(0, frames / FPS, width, FPS, frames).maxOfRow(row, 0, out);
                int bright = 0;
                for (float v : out) {
                    bright += v == 1f ? 1 : 0;
                }
                assertThat(bright).as("frame %d in %d columns", f, width)
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void zoomedInAColumnShowsTheNearestFrameAndNothingPastTheEnd() {
        float[] row = {0, 1, 2, 3};
        // 0.04 s from 0.01 in 8 columns of half a frame; frame f spans f ± 0.5 frames, and past the end is nothing
        float[] out = new float[8];
        SpectrogramColumns.of(0.01, 0.04, 8, FPS, 4).maxOfRow(row, 0, out);
        assertThat(out).containsExactly(1, 2, 2, 3, 3, Float.NaN, Float.NaN, Float.NaN);

        float[] offset = new float[4];
        SpectrogramColumns.of(0, 0.04, 4, FPS, 4).maxOfRow(new float[] {9, 9, 9, 9, 0, 1, 2, 3}, 4, offset);
        assertThat(offset).as("the row starts at the offset").containsExactly(0, 1, 2, 3);
    }

    /** Drawn, the whole 60 s clip at some 20 frames a pixel: the column of a one-frame click is bright. */
    @Test
    void theTimelineShowsAOneFrameClickWhenZoomedOut() {
        Shell shell = Ui.sync(() -> new Shell(Ui.display(), SWT.NO_TRIM));
        try {
            TimelineCanvas canvas = Ui.sync(() -> {
                shell.setLayout(new FillLayout());
                TimelineCanvas c = new TimelineCanvas(shell);
                c.setExtent(new TimeRange(0, 60));
                shell.setBounds(0, 0, 420, 260);
                shell.open();
                return c;
            });
            RGB pixel = Ui.sync(() -> {
                Rectangle r = canvas.spectrogramArea();
                int frames = (int) (60 * FPS);
                double framesPerColumn = frames / (double) r.width;
                int column = r.width / 2;
                // the first frame of the column: never the one nearest to its centre when a column has many
                int click = (int) Math.ceil(column * framesPerColumn);
                int bins = 8;
                float[] mel = new float[bins * frames];
                for (int b = 0; b < bins; b++) {
                    mel[b * frames + click] = 1;
                }
                canvas.setSound(new float[60 * ClipSound.SAMPLE_RATE], ClipSound.SAMPLE_RATE,
                        FloatTensor.wrap(new int[] {bins, frames}, mel), FPS, ClipSound.DISPLAY_MEL, new double[0]);
                canvas.setWindow(new TimeRange(0, 60));
                Rectangle area = canvas.getClientArea();
                Image target = new Image(Ui.display(), area.width, area.height);
                GC gc = new GC(target);
                try {
                    canvas.paint(gc);
                    ImageData data = target.getImageData();
                    return data.palette.getRGB(data.getPixel(r.x + column, r.y + r.height / 2));
                } finally {
                    gc.dispose();
                    target.dispose();
                }
            });
            int top = new ColorScale(ColorMap.MAGMA, 0, 1).argb(1);
            assertThat(pixel).isEqualTo(new RGB(top >> 16 & 0xff, top >> 8 & 0xff, top & 0xff));
        } finally {
            Ui.run(shell::dispose);
        }
    }

    /** What drawing a 10 min clip whole costs at 1920 px (about 31 frames a column), printed for the README. */
    @Test
    void benchFullRenderOfTenMinutesAt1920Pixels() {
        Shell shell = Ui.sync(() -> new Shell(Ui.display(), SWT.NO_TRIM));
        try {
            int seconds = 600;
            int frames = (int) (seconds * FPS);
            int bins = ClipSound.DISPLAY_MEL.bins();
            float[] mel = new float[bins * frames];
            java.util.Random random = new java.util.Random(1);
            for (int i = 0; i < mel.length; i++) {
                mel[i] = random.nextFloat();
            }
            TimelineCanvas canvas = Ui.sync(() -> {
                shell.setLayout(new FillLayout());
                TimelineCanvas c = new TimelineCanvas(shell);
                c.setExtent(new TimeRange(0, seconds));
                c.setSound(new float[seconds * 1000], 1000, FloatTensor.wrap(new int[] {bins, frames}, mel), FPS,
                        ClipSound.DISPLAY_MEL, new double[0]);
                shell.setBounds(0, 0, 1920 + 126, 320);
                shell.open();
                return c;
            });
            Ui.settle();
            long[] full = new long[15];
            Ui.run(() -> {
                Rectangle area = canvas.getClientArea();
                Image target = new Image(Ui.display(), area.width, area.height);
                GC gc = new GC(target);
                try {
                    for (int i = 0; i < full.length; i++) {
                        canvas.setWindow(new TimeRange(i * 0.01, seconds)); // a new window: the lanes are drawn again
                        long t0 = System.nanoTime();
                        canvas.paint(gc);
                        full[i] = System.nanoTime() - t0;
                    }
                } finally {
                    gc.dispose();
                    target.dispose();
                }
            });
            java.util.Arrays.sort(full);
            System.out.println(String.format(java.util.Locale.ROOT,
                    "BENCH timeline 1920 px, 10 min clip shown whole: full re-render median %.2f ms, max %.2f ms",
                    full[full.length / 2] / 1e6, full[full.length - 1] / 1e6));
            assertThat(Ui.sync(canvas::plotArea).width).isEqualTo(1920);
            assertThat(Ui.sync(canvas::hasSound)).isTrue();
        } finally {
            Ui.run(shell::dispose);
        }
    }
}
