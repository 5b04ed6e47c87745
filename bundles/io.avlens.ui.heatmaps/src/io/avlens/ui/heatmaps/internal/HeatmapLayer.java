package io.avlens.ui.heatmaps.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;

import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.core.color.ColorMap;
import io.avlens.ui.media.LegendEntry;
import io.avlens.ui.media.OverlayFrame;
import io.avlens.ui.media.VideoOverlay;
import io.avlens.ui.widgets.ColorImages;
import io.avlens.ui.widgets.Ellipsis;

/**
 * The heatmap over one clip's picture: per new instant, the slice of the frame on show at the audio time shown (16 ×
 * 16 per head), upsampled bicubically {@value #UPSAMPLING} times and coloured into a small image that SWT scales to
 * the picture; a caption in the picture's corner says what is shown. The image is made again only when the frame,
 * audio step or settings change. UI thread.
 */
public final class HeatmapLayer implements VideoOverlay.Layer {

    /** A cell of the heatmap under a point of the picture and its values. */
    public record Cell(int frame, int step, int row, int column, float[] raw, float[] shown) {
    }

    /** The slice is upsampled bicubically this many times before SWT scales it to the picture. */
    static final int UPSAMPLING = 8;

    private final DenseHeatmaps heatmaps;
    private final Path clip;
    private final Runnable listener = this::changed;
    private Runnable onChange = () -> { };
    private Image image;
    private HeatmapSlice slice;
    private HeatmapClip sliceClip;
    private long sliceVersion = -1;
    private volatile long version;
    private long lastInstantNanos;

    HeatmapLayer(DenseHeatmaps heatmaps, Path clip) {
        this.heatmaps = heatmaps;
        this.clip = clip;
        heatmaps.addListener(listener);
        heatmaps.settings().addListener(listener);
    }

    private void changed() {
        version++;
        onChange.run();
    }

    @Override
    public void onChange(Runnable changed) {
        onChange = changed;
    }

    /** The clip's heatmaps with the current model, or null while they are computed or when that failed. */
    private HeatmapClip current() {
        CompletableFuture<HeatmapClip> f = heatmaps.request(clip);
        return f.isDone() && !f.isCompletedExceptionally() && !f.isCancelled() ? f.join() : null;
    }

    @Override
    public List<LegendEntry> legend() {
        HeatmapClip c = current();
        List<LegendEntry> entries = new ArrayList<>();
        if (c == null) {
            return entries;
        }
        int heads = c.raw().heads();
        HeatmapSettings s = heatmaps.settings();
        if (s.colouring() == HeatmapSettings.Colouring.MAX) {
            entries.add(new LegendEntry("max of heads (inferno)", ColorMap.INFERNO.argb(0.8) & 0xffffff));
        } else {
            for (int k = 0; k < heads; k++) {
                if (s.shown(k)) {
                    entries.add(new LegendEntry("head " + (k + 1), HeatmapSettings.headColour(k)));
                }
            }
        }
        entries.add(new LegendEntry("normalised " + s.normalisation().label() + " · " + c.model(), 0x808080));
        return entries;
    }

    /** The slice for {@code frame}'s time (and the audio time shown), computed when it changed; null without data. */
    public HeatmapSlice sliceAt(OverlayFrame frame) {
        HeatmapClip c = current();
        if (c == null) {
            return null;
        }
        DenseFeatures f = c.shown();
        int videoFrame = f.frameAt(heatmaps.settings().videoTime(clip, frame.videoTime()));
        int step = f.stepAt(heatmaps.settings().audioTime(clip, frame.audioTime()));
        if (slice == null || sliceClip != c || sliceVersion != version || slice.frame() != videoFrame
                || slice.step() != step) {
            long t0 = System.nanoTime();
            slice = HeatmapSlice.of(c, videoFrame, step, heatmaps.settings());
            sliceClip = c;
            sliceVersion = version;
            disposeImage();
            lastInstantNanos = System.nanoTime() - t0;
        }
        return slice;
    }

    @Override
    public void paint(GC gc, OverlayFrame frame) {
        HeatmapSlice s = sliceAt(frame);
        Rectangle picture = frame.picture();
        if (s == null || picture.width <= 0 || picture.height <= 0) {
            return;
        }
        DenseFeatures f = sliceClip.shown();
        int factor = UPSAMPLING;
        int w = f.width() * factor;
        int h = f.height() * factor;
        if (image == null) {
            long t0 = System.nanoTime();
            int[] argb = s.upsampledArgb(f.height(), f.width(), factor, heatmaps.settings());
            ImageData data = ColorImages.rgb(w, h);
            data.alphaData = new byte[w * h];
            for (int p = 0; p < argb.length; p++) {
                data.alphaData[p] = (byte) (argb[p] >>> 24);
            }
            for (int y = 0; y < h; y++) {
                data.setPixels(0, y, w, argb, y * w);
            }
            image = new Image(gc.getDevice(), data);
            lastInstantNanos += System.nanoTime() - t0;
        }
        int interpolation = gc.getInterpolation();
        gc.setInterpolation(SWT.HIGH);
        gc.drawImage(image, 0, 0, w, h, picture.x, picture.y, picture.width, picture.height);
        gc.setInterpolation(interpolation);
        caption(gc, frame, f);
    }

    /**
     * What is shown, in two lines at the top of the picture (AV-Shapes' objects move along the floor at the bottom):
     * the audio instant (and the pinned frame), then the heads and normalisation; each line cut with "…" to the
     * picture's width.
     */
    private void caption(GC gc, OverlayFrame frame, DenseFeatures f) {
        HeatmapSettings settings = heatmaps.settings();
        double audio = settings.audioTime(clip, frame.audioTime());
        String first = String.format(Locale.ROOT, "audio %.2f s%s", audio,
                settings.isAudioPinned(clip) ? " (pinned)" : "");
        if (settings.isFramePinned(clip)) {
            first += String.format(Locale.ROOT, " · frame %.2f s (pinned)", settings.videoTime(clip, frame.videoTime()));
        }
        Rectangle p = frame.picture();
        int room = p.width - 8;
        if (room < 20) {
            return;
        }
        first = Ellipsis.fit(gc, first, room);
        String second = Ellipsis.fit(gc, settings.describe(f.heads()), room);
        Point a = gc.textExtent(first);
        Point b = gc.textExtent(second);
        int x = p.x + 4;
        int y = p.y + 3;
        gc.setBackground(gc.getDevice().getSystemColor(SWT.COLOR_BLACK));
        gc.setAlpha(190);
        gc.fillRectangle(x - 2, y - 1, Math.max(a.x, b.x) + 4, a.y + b.y + 2);
        gc.setAlpha(255);
        gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_WHITE));
        gc.drawText(first, x, y, true);
        gc.drawText(second, x, y + a.y, true);
    }

    /** The cell under frame pixel ({@code fx}, {@code fy}) with its raw and shown values; null without data. */
    public Cell cellAt(OverlayFrame frame, double fx, double fy) {
        HeatmapSlice s = sliceAt(frame);
        if (s == null || fx < 0 || fy < 0 || fx >= frame.frameWidth() || fy >= frame.frameHeight()) {
            return null;
        }
        DenseFeatures raw = sliceClip.raw();
        int row = (int) Math.min(raw.height() - 1, Math.floor(fy * raw.height() / frame.frameHeight()));
        int column = (int) Math.min(raw.width() - 1, Math.floor(fx * raw.width() / frame.frameWidth()));
        int heads = raw.heads();
        float[] rawValues = new float[heads];
        float[] shownValues = new float[heads];
        float[] map = new float[raw.height() * raw.width()];
        for (int k = 0; k < heads; k++) {
            raw.slice(s.frame(), k, s.step(), map);
            rawValues[k] = map[row * raw.width() + column];
            shownValues[k] = s.values()[k][row * raw.width() + column];
        }
        return new Cell(s.frame(), s.step(), row, column, rawValues, shownValues);
    }

    @Override
    public String valueAt(OverlayFrame frame, double fx, double fy) {
        Cell cell = cellAt(frame, fx, fy);
        if (cell == null) {
            return null;
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "cell (%d, %d)", cell.row(), cell.column()));
        for (int k = 0; k < cell.raw().length; k++) {
            if (heatmaps.settings().shown(k)) {
                text.append(String.format(Locale.ROOT, " · head %d S = %.4f (%.2f)", k + 1, cell.raw()[k],
                        cell.shown()[k]));
            }
        }
        return text.toString();
    }

    /** Nanoseconds the last new instant took: its slice, upsampling, colours and image (not the blit). */
    public long lastInstantNanos() {
        return lastInstantNanos;
    }

    private void disposeImage() {
        if (image != null) {
            image.dispose();
            image = null;
        }
    }

    @Override
    public void dispose() {
        heatmaps.removeListener(listener);
        heatmaps.settings().removeListener(listener);
        disposeImage();
        onChange = () -> { };
    }
}
