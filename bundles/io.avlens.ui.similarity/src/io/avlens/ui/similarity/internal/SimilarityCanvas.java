package io.avlens.ui.similarity.internal;

import java.util.Locale;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Composite;

import io.avlens.analysis.similarity.SimilarityVolume;
import io.avlens.analysis.similarity.SyncEstimate;
import io.avlens.analysis.similarity.TimeBase;
import io.avlens.core.color.ColorMap;
import io.avlens.core.color.ColorScale;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.ui.widgets.Axis;
import io.avlens.ui.widgets.HeatmapCanvas;
import io.avlens.ui.widgets.HeatmapLook;

/**
 * A similarity volume on the shared {@link HeatmapCanvas}: audio time down the left (row 0 at the top), video time
 * along the bottom, with two layers of its own: the zero-lag diagonal (dashed) and the estimated-lag line
 * ({@link SyncLinesLayer}), and the row and column of the shared cursor ({@link CursorLayer}). A sound that comes
 * late puts the bright line below the diagonal. UI thread only.
 */
public final class SimilarityCanvas extends HeatmapCanvas {

    /** A cell of the volume with its value and times. */
    public record Cell(int row, int column, float value, double audioSeconds, double videoSeconds) {
    }

    private static final HeatmapLook LOOK = new HeatmapLook(60, 22, 40, 12, 14, 50, 70, false,
            v -> String.format(Locale.ROOT, "%.2f", v), true,
            "No similarity volume. Open one with File > Open Similarity Volume...", new Point(8, 8));

    private SimilarityVolume volume;
    private SyncEstimate estimate;
    private String title = "";
    private boolean inSeconds = true;
    private final CursorLayer cursor = new CursorLayer(this);
    private long lastColoringNanos;
    private double paddedSeconds;

    /** @param parent the parent */
    public SimilarityCanvas(Composite parent) {
        super(parent, SWT.NONE, LOOK);
        addLayer(new SyncLinesLayer(this));
        addLayer(new PaddingLayer(this));
        addLayer(cursor);
    }

    /**
     * Shows {@code newVolume} with its sync estimate (null for none) coloured with {@code map} (fitted to the data:
     * symmetric around 0 for diverging maps).
     *
     * @param seconds whether the time bases are seconds (else steps: the volume's length in time is unknown)
     */
    public void setVolume(SimilarityVolume newVolume, SyncEstimate newEstimate, ColorMap map, String newTitle,
            boolean seconds) {
        volume = newVolume;
        estimate = newEstimate;
        paddedSeconds = 0;
        title = newTitle == null ? "" : newTitle;
        inSeconds = seconds;
        if (volume != null) {
            setAxes(axis("video", volume.videoBase()), axis("audio", volume.audioBase()));
        }
        setTitle(title);
        setColorMap(map);
    }

    private Axis axis(String what, TimeBase base) {
        return new Axis(what + (inSeconds ? " time (s)" : " step"), base.start(), base.step());
    }

    /**
     * Marks the last {@code seconds} of both axes as padding (greyed and labelled): the clip is shorter than the
     * model's window. 0 for none; the next {@link #setVolume} resets it to 0.
     */
    public void setPadding(double seconds) {
        paddedSeconds = Math.max(0, seconds);
        redraw();
    }

    /** The seconds at the end of both axes marked as padding. */
    public double paddedSeconds() {
        return paddedSeconds;
    }

    /** Recolours the volume with {@code map}. */
    public void setColorMap(ColorMap map) {
        if (volume == null) {
            setData((FloatTensor) null, null);
            return;
        }
        long t0 = System.nanoTime();
        setData(volume.values(), ColorScale.fit(map, volume.values().stats()));
        lastColoringNanos = System.nanoTime() - t0;
    }

    /** Highlights the column of {@code videoSeconds} and the row of {@code audioSeconds}; NaN for none. */
    public void setCursor(double videoSeconds, double audioSeconds) {
        if (cursor.moveTo(videoSeconds, audioSeconds)) {
            redraw();
        }
    }

    /** The highlighted column's video time, NaN for none. */
    public double cursorVideo() {
        return cursor.video();
    }

    /** The highlighted row's audio time, NaN for none. */
    public double cursorAudio() {
        return cursor.audio();
    }

    /** Receives the cell the user clicked. */
    public void onCellClicked(Consumer<Cell> listener) {
        setClickListener(h -> listener.accept(cell(h)));
    }

    /** Receives the cell under the mouse, null when the mouse leaves the volume. */
    public void onCellHovered(Consumer<Cell> listener) {
        setHoverListener(h -> listener.accept(cell(h)));
    }

    private Cell cell(Hover h) {
        return h == null || volume == null ? null
                : new Cell(h.row(), h.column(), h.value(), volume.audioTime(h.row()), volume.videoTime(h.column()));
    }

    /** The title above the volume (what it is, its estimated lag), empty without a volume. */
    public String title() {
        return title;
    }

    /** The volume shown, or null. */
    public SimilarityVolume volume() {
        return volume;
    }

    /** The estimate shown, or null. */
    public SyncEstimate estimate() {
        return estimate;
    }

    /** Whether the axes are seconds (else steps). */
    public boolean inSeconds() {
        return inSeconds;
    }

    /** Nanoseconds the last colouring of the volume into its image took. */
    public long lastColoringNanos() {
        return lastColoringNanos;
    }

    /** The x of the centre of the column whose time is {@code videoSeconds} (fractional between columns). */
    public int xOfVideo(double videoSeconds) {
        return xOf(volume.videoBase().indexOf(videoSeconds));
    }

    /** The y of the centre of the row whose time is {@code audioSeconds}. */
    public int yOfAudio(double audioSeconds) {
        return yOf(volume.audioBase().indexOf(audioSeconds));
    }

    /** The cell at canvas point ({@code x}, {@code y}), or null outside the volume. */
    public Cell cellAt(int x, int y) {
        return cell(hoverAt(x, y));
    }
}
