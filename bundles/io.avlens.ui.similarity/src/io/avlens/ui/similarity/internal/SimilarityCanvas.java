package io.avlens.ui.similarity.internal;

import java.util.Locale;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

import io.avlens.analysis.similarity.SimilarityVolume;
import io.avlens.analysis.similarity.SyncEstimate;
import io.avlens.core.color.ColorMap;
import io.avlens.core.color.ColorScale;
import io.avlens.ui.widgets.CachedImage;
import io.avlens.ui.widgets.Axis;
import io.avlens.ui.widgets.ColorImages;
import io.avlens.ui.widgets.VerticalText;

/**
 * A similarity volume as a heatmap: audio time down the left (row 0 at the top), video time along the bottom, a colour
 * bar, the zero-lag diagonal (dashed) and the estimated-lag line, the row and column of the shared cursor, the cell
 * under the mouse. The volume is coloured once into an image when it or the colour map changes; a paint blits that
 * image and draws the overlay. A sound that comes late puts the bright line below the diagonal. UI thread only.
 */
public final class SimilarityCanvas extends Canvas {

    /** A cell of the volume with its value and times. */
    public record Cell(int row, int column, float value, double audioSeconds, double videoSeconds) {
    }

    private static final int LEFT = 60;
    private static final int TOP = 22;
    private static final int BOTTOM = 40;
    private static final int BAR_GAP = 12;
    private static final int BAR_WIDTH = 14;
    private static final int BAR_LABELS = 50;

    private SimilarityVolume volume;
    private SyncEstimate estimate;
    private ColorScale scale;
    private String title = "";
    private boolean inSeconds = true;
    private Image image;
    private Image barImage;
    private final CachedImage background = new CachedImage();
    private boolean backgroundValid;
    private long lastBackgroundNanos;
    private double cursorVideo = Double.NaN;
    private double cursorAudio = Double.NaN;
    private Cell hovered;
    private Consumer<Cell> clickListener = c -> { };
    private Consumer<Cell> hoverListener = c -> { };
    private long lastPaintNanos;
    private long lastColoringNanos;

    /** @param parent the parent */
    public SimilarityCanvas(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        addListener(SWT.Paint, e -> paint(e.gc));
        addListener(SWT.MouseMove, this::mouseMoved);
        addListener(SWT.MouseExit, e -> setHovered(null));
        addListener(SWT.MouseDown, this::mouseDown);
        addListener(SWT.Resize, e -> invalidate());
        addListener(SWT.Dispose, e -> {
            disposeImages();
            background.dispose();
        });
    }

    private void invalidate() {
        backgroundValid = false;
        redraw();
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
        title = newTitle == null ? "" : newTitle;
        inSeconds = seconds;
        hovered = null;
        setColorMap(map);
    }

    /** Recolours the volume with {@code map}. */
    public void setColorMap(ColorMap map) {
        disposeImages();
        if (volume != null) {
            long t0 = System.nanoTime();
            scale = ColorScale.fit(map, volume.values().stats());
            image = ColorImages.plane(getDisplay(), volume.values(), scale);
            barImage = ColorImages.colorBar(getDisplay(), map);
            lastColoringNanos = System.nanoTime() - t0;
        }
        invalidate();
    }

    /** Highlights the column of {@code videoSeconds} and the row of {@code audioSeconds}; NaN for none. */
    public void setCursor(double videoSeconds, double audioSeconds) {
        if (Double.compare(videoSeconds, cursorVideo) != 0 || Double.compare(audioSeconds, cursorAudio) != 0) {
            cursorVideo = videoSeconds;
            cursorAudio = audioSeconds;
            redraw();
        }
    }

    /** The highlighted column's video time, NaN for none. */
    public double cursorVideo() {
        return cursorVideo;
    }

    /** The highlighted row's audio time, NaN for none. */
    public double cursorAudio() {
        return cursorAudio;
    }

    /** Receives the cell the user clicked. */
    public void setClickListener(Consumer<Cell> listener) {
        clickListener = listener;
    }

    /** Receives the cell under the mouse, null when the mouse leaves the volume. */
    public void setHoverListener(Consumer<Cell> listener) {
        hoverListener = listener;
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

    /** The colour scale in use, or null. */
    public ColorScale colorScale() {
        return scale;
    }

    /** Nanoseconds the last paint took (blit and overlay). */
    public long lastPaintNanos() {
        return lastPaintNanos;
    }

    /** Nanoseconds the last rendering of the cached background (heatmap, axes, colour bar) took. */
    public long lastBackgroundNanos() {
        return lastBackgroundNanos;
    }

    /** Nanoseconds the last colouring of the volume into its image took. */
    public long lastColoringNanos() {
        return lastColoringNanos;
    }

    /** The rectangle the volume is drawn into. */
    public Rectangle plotArea() {
        Rectangle c = getClientArea();
        int right = BAR_GAP + BAR_WIDTH + BAR_LABELS;
        return new Rectangle(c.x + LEFT, c.y + TOP, Math.max(1, c.width - LEFT - right),
                Math.max(1, c.height - TOP - BOTTOM));
    }

    /** The x of the centre of the column whose time is {@code videoSeconds} (fractional between columns). */
    public int xOfVideo(double videoSeconds) {
        Rectangle p = plotArea();
        return p.x + (int) Math.floor((volume.videoBase().indexOf(videoSeconds) + 0.5) * p.width / volume.videoSteps());
    }

    /** The y of the centre of the row whose time is {@code audioSeconds}. */
    public int yOfAudio(double audioSeconds) {
        Rectangle p = plotArea();
        return p.y + (int) Math.floor((volume.audioBase().indexOf(audioSeconds) + 0.5) * p.height / volume.audioSteps());
    }

    /** The cell at canvas point ({@code x}, {@code y}), or null outside the volume. */
    public Cell cellAt(int x, int y) {
        Rectangle p = plotArea();
        if (volume == null || !p.contains(x, y)) {
            return null;
        }
        int column = Math.min(volume.videoSteps() - 1, (x - p.x) * volume.videoSteps() / p.width);
        int row = Math.min(volume.audioSteps() - 1, (y - p.y) * volume.audioSteps() / p.height);
        return new Cell(row, column, volume.get(row, column), volume.audioTime(row), volume.videoTime(column));
    }

    /**
     * Draws the canvas into {@code gc}: the cached background (rendered first when the volume, colours or size
     * changed) and the overlay (lines, cursor, hover) over it. The paint listener calls this; benchmarks call it
     * with an off-screen GC.
     */
    public void paint(GC gc) {
        long t0 = System.nanoTime();
        Rectangle client = getClientArea();
        if (client.width <= 0 || client.height <= 0) {
            return;
        }
        if (!backgroundValid || !background.fits(client)) {
            renderBackground(client);
        }
        gc.drawImage(background.image(), 0, 0);
        if (volume != null) {
            drawOverlay(gc, plotArea());
        }
        lastPaintNanos = System.nanoTime() - t0;
    }

    private void renderBackground(Rectangle client) {
        long t0 = System.nanoTime();
        background.render(getDisplay(), client, gc -> drawBackground(gc, client));
        backgroundValid = true;
        lastBackgroundNanos = System.nanoTime() - t0;
    }

    private void drawBackground(GC gc, Rectangle client) {
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(client);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        if (volume == null) {
            gc.drawText("No similarity volume. Open one with File > Open Similarity Volume...", client.x + 8,
                    client.y + 8, true);
            return;
        }
        Rectangle p = plotArea();
        gc.setInterpolation(SWT.NONE);
        gc.drawImage(image, 0, 0, volume.videoSteps(), volume.audioSteps(), p.x, p.y, p.width, p.height);
        gc.drawRectangle(p.x - 1, p.y - 1, p.width + 1, p.height + 1);
        gc.drawText(title, p.x, client.y + 3, true);
        drawAxes(gc, p);
        drawColorBar(gc, p);
    }

    private Axis axis(String what, io.avlens.analysis.similarity.TimeBase base) {
        return new Axis(what + (inSeconds ? " time (s)" : " step"), base.start(), base.step());
    }

    private void drawAxes(GC gc, Rectangle p) {
        int h = gc.getFontMetrics().getHeight();
        Axis x = axis("video", volume.videoBase());
        for (double t : x.ticks(volume.videoSteps(), Math.max(2, p.width / 70))) {
            int px = xOfVideo(t);
            gc.drawLine(px, p.y + p.height, px, p.y + p.height + 4);
            String s = Axis.format(t);
            gc.drawText(s, px - gc.textExtent(s).x / 2, p.y + p.height + 5, true);
        }
        Point xt = gc.textExtent(x.label());
        gc.drawText(x.label(), p.x + (p.width - xt.x) / 2, p.y + p.height + 6 + h, true);
        Axis y = axis("audio", volume.audioBase());
        for (double t : y.ticks(volume.audioSteps(), Math.max(2, p.height / 50))) {
            int py = yOfAudio(t);
            gc.drawLine(p.x - 4, py, p.x, py);
            String s = Axis.format(t);
            gc.drawText(s, p.x - 6 - gc.textExtent(s).x, py - h / 2, true);
        }
        VerticalText.drawVertical(gc, y.label(), getClientArea().x + 2, p.y + p.height / 2);
    }

    private void drawColorBar(GC gc, Rectangle p) {
        int x = p.x + p.width + BAR_GAP;
        gc.drawImage(barImage, 0, 0, 1, ColorMap.SIZE, x, p.y, BAR_WIDTH, p.height);
        gc.drawRectangle(x - 1, p.y - 1, BAR_WIDTH + 1, p.height + 1);
        int h = gc.getFontMetrics().getHeight();
        double[] marks = {scale.high(), (scale.low() + scale.high()) / 2, scale.low()};
        for (int i = 0; i < marks.length; i++) {
            int y = p.y + i * (p.height - 1) / 2;
            gc.drawLine(x + BAR_WIDTH, y, x + BAR_WIDTH + 3, y);
            gc.drawText(String.format(Locale.ROOT, "%.2f", marks[i]), x + BAR_WIDTH + 5,
                    Math.max(p.y - 2, Math.min(p.y + p.height - h, y - h / 2)), true);
        }
    }

    private void drawOverlay(GC gc, Rectangle p) {
        gc.setClipping(p);
        try {
            double v0 = volume.videoBase().timeOf(-0.5);
            double v1 = volume.videoBase().timeOf(volume.videoSteps() - 0.5);
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
            gc.setLineStyle(SWT.LINE_DASH);
            gc.drawLine(xOfVideo(v0), yOfAudio(v0), xOfVideo(v1), yOfAudio(v1));
            gc.setLineStyle(SWT.LINE_SOLID);
            if (estimate != null && estimate.lagSteps() != 0) {
                double lag = estimate.lagSeconds();
                gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_GREEN));
                gc.setLineWidth(2);
                gc.drawLine(xOfVideo(v0), yOfAudio(v0 + lag), xOfVideo(v1), yOfAudio(v1 + lag));
                gc.setLineWidth(1);
            }
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
            if (!Double.isNaN(cursorVideo)) {
                Rectangle column = cellBounds(p, 0, volume.column(cursorVideo));
                gc.drawRectangle(column.x, p.y, column.width, p.height - 1);
            }
            if (!Double.isNaN(cursorAudio)) {
                Rectangle row = cellBounds(p, volume.row(cursorAudio), 0);
                gc.drawRectangle(p.x, row.y, p.width - 1, row.height);
            }
            if (hovered != null) {
                gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
                gc.drawRectangle(cellBounds(p, hovered.row(), hovered.column()));
            }
        } finally {
            gc.setClipping((Rectangle) null);
        }
    }

    private Rectangle cellBounds(Rectangle p, int row, int column) {
        int x0 = p.x + column * p.width / volume.videoSteps();
        int x1 = p.x + (column + 1) * p.width / volume.videoSteps();
        int y0 = p.y + row * p.height / volume.audioSteps();
        int y1 = p.y + (row + 1) * p.height / volume.audioSteps();
        return new Rectangle(x0 - 1, y0 - 1, Math.max(2, x1 - x0 + 1), Math.max(2, y1 - y0 + 1));
    }

    private void mouseMoved(Event e) {
        setHovered(cellAt(e.x, e.y));
    }

    private void mouseDown(Event e) {
        setFocus();
        Cell cell = cellAt(e.x, e.y);
        if (e.button == 1 && cell != null) {
            clickListener.accept(cell);
        }
    }

    private void setHovered(Cell cell) {
        if (cell == null ? hovered == null : hovered != null && cell.row() == hovered.row()
                && cell.column() == hovered.column()) {
            return;
        }
        hovered = cell;
        redraw();
        hoverListener.accept(cell);
    }

    private void disposeImages() {
        if (image != null) {
            image.dispose();
            image = null;
        }
        if (barImage != null) {
            barImage.dispose();
            barImage = null;
        }
    }
}
