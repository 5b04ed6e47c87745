package io.avlens.ui.widgets;

import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

import io.avlens.core.color.ColorMap;
import io.avlens.core.color.ColorScale;
import io.avlens.core.tensor.FloatTensor;

/**
 * Draws a 2-D plane of values as a colour-mapped image with axes and a colour bar, and reports the cell under the
 * mouse. The plane is coloured once into an image when it changes (a few ms for 640×640) and only blitted on
 * redraw. Row 0 is at the top, as in a matrix. UI thread only.
 */
public class HeatmapCanvas extends Canvas {

    /** The cell under the mouse. */
    public record Hover(int row, int column, float value, double x, double y) {
    }

    private static final int LEFT = 56;
    private static final int BOTTOM = 40;
    private static final int TOP = 8;
    private static final int BAR_GAP = 14;
    private static final int BAR_WIDTH = 16;
    private static final int BAR_LABELS = 56;

    private FloatTensor plane;
    private ColorScale scale;
    private Axis xAxis = Axis.index("column");
    private Axis yAxis = Axis.index("row");
    private Image image;
    private Image barImage;
    private Consumer<Hover> hoverListener = h -> { };
    private Point hovered;

    /** @param parent the parent; style bits as for {@link Canvas} */
    public HeatmapCanvas(Composite parent, int style) {
        super(parent, style | SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        addListener(SWT.Paint, this::paint);
        addListener(SWT.MouseMove, this::mouseMoved);
        addListener(SWT.MouseExit, e -> setHovered(null));
        addListener(SWT.Dispose, e -> disposeImages());
    }

    /**
     * Shows {@code plane} (rank 2: rows × columns) with {@code colorScale}.
     *
     * @throws IllegalArgumentException when the tensor is not 2-D
     */
    public void setData(FloatTensor values, ColorScale colorScale) {
        checkWidget();
        if (values.rank() != 2) {
            throw new IllegalArgumentException("a heatmap needs a 2-D plane, got " + values);
        }
        disposeImages();
        this.plane = values;
        this.scale = colorScale;
        this.image = ColorImages.plane(getDisplay(), values, colorScale);
        this.barImage = ColorImages.colorBar(getDisplay(), colorScale.map());
        redraw();
    }

    /** Calibrates the axes (titles and index-to-value mapping). */
    public void setAxes(Axis x, Axis y) {
        checkWidget();
        this.xAxis = x;
        this.yAxis = y;
        redraw();
    }

    /** Receives the hovered cell, or null when the mouse leaves the plane. */
    public void setHoverListener(Consumer<Hover> listener) {
        this.hoverListener = listener == null ? h -> { } : listener;
    }

    /** The plane shown, or null. */
    public FloatTensor data() {
        return plane;
    }

    /** The colour scale in use, or null. */
    public ColorScale colorScale() {
        return scale;
    }

    /** The rectangle the plane is drawn into, in widget coordinates. */
    public Rectangle plotArea() {
        Rectangle c = getClientArea();
        int right = BAR_GAP + BAR_WIDTH + BAR_LABELS;
        return new Rectangle(c.x + LEFT, c.y + TOP, Math.max(1, c.width - LEFT - right),
                Math.max(1, c.height - TOP - BOTTOM));
    }

    private void paint(Event e) {
        GC gc = e.gc;
        Rectangle client = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(client);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        if (plane == null) {
            gc.drawText("No data", client.x + LEFT, client.y + TOP, true);
            return;
        }
        Rectangle plot = plotArea();
        int rows = plane.dim(0);
        int cols = plane.dim(1);
        gc.setInterpolation(SWT.NONE);
        gc.drawImage(image, 0, 0, cols, rows, plot.x, plot.y, plot.width, plot.height);
        gc.drawRectangle(plot.x - 1, plot.y - 1, plot.width + 1, plot.height + 1);
        drawXAxis(gc, plot, cols);
        drawYAxis(gc, plot, rows);
        drawColorBar(gc, plot);
        if (hovered != null) {
            Rectangle cell = cellBounds(plot, hovered.y, hovered.x);
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
            gc.drawRectangle(cell);
        }
    }

    private void drawXAxis(GC gc, Rectangle plot, int cols) {
        int h = gc.getFontMetrics().getHeight();
        for (double t : xAxis.ticks(cols, Math.max(2, plot.width / 80))) {
            int px = plot.x + (int) Math.round((xAxis.index(t) + 0.5) * plot.width / cols);
            gc.drawLine(px, plot.y + plot.height, px, plot.y + plot.height + 4);
            String s = Axis.format(t);
            gc.drawText(s, px - gc.textExtent(s).x / 2, plot.y + plot.height + 5, true);
        }
        Point title = gc.textExtent(xAxis.label());
        gc.drawText(xAxis.label(), plot.x + (plot.width - title.x) / 2, plot.y + plot.height + 6 + h, true);
    }

    private void drawYAxis(GC gc, Rectangle plot, int rows) {
        int h = gc.getFontMetrics().getHeight();
        for (double t : yAxis.ticks(rows, Math.max(2, plot.height / 50))) {
            int py = plot.y + (int) Math.round((yAxis.index(t) + 0.5) * plot.height / rows);
            gc.drawLine(plot.x - 4, py, plot.x, py);
            String s = Axis.format(t);
            gc.drawText(s, plot.x - 6 - gc.textExtent(s).x, py - h / 2, true);
        }
        VerticalText.drawVertical(gc, yAxis.label(), getClientArea().x + 2, plot.y + plot.height / 2);
    }

    private void drawColorBar(GC gc, Rectangle plot) {
        int x = plot.x + plot.width + BAR_GAP;
        gc.drawImage(barImage, 0, 0, 1, ColorMap.SIZE, x, plot.y, BAR_WIDTH, plot.height);
        gc.drawRectangle(x - 1, plot.y - 1, BAR_WIDTH + 1, plot.height + 1);
        int h = gc.getFontMetrics().getHeight();
        double[] marks = {scale.high(), (scale.low() + scale.high()) / 2, scale.low()};
        for (int i = 0; i < marks.length; i++) {
            int y = plot.y + i * (plot.height - 1) / 2;
            gc.drawLine(x + BAR_WIDTH, y, x + BAR_WIDTH + 3, y);
            gc.drawText(Axis.format(marks[i]), x + BAR_WIDTH + 5, Math.max(plot.y - 2, y - h / 2), true);
        }
    }

    private Rectangle cellBounds(Rectangle plot, int row, int col) {
        int rows = plane.dim(0);
        int cols = plane.dim(1);
        int x0 = plot.x + col * plot.width / cols;
        int x1 = plot.x + (col + 1) * plot.width / cols;
        int y0 = plot.y + row * plot.height / rows;
        int y1 = plot.y + (row + 1) * plot.height / rows;
        return new Rectangle(x0, y0, Math.max(1, x1 - x0 - 1), Math.max(1, y1 - y0 - 1));
    }

    private void mouseMoved(Event e) {
        if (plane == null) {
            return;
        }
        Rectangle plot = plotArea();
        if (!plot.contains(e.x, e.y)) {
            setHovered(null);
            return;
        }
        int col = Math.min(plane.dim(1) - 1, (e.x - plot.x) * plane.dim(1) / plot.width);
        int row = Math.min(plane.dim(0) - 1, (e.y - plot.y) * plane.dim(0) / plot.height);
        setHovered(new Point(col, row));
    }

    private void setHovered(Point cell) {
        if (cell == null ? hovered == null : cell.equals(hovered)) {
            return;
        }
        hovered = cell;
        redraw();
        hoverListener.accept(cell == null ? null
                : new Hover(cell.y, cell.x, plane.get(cell.y, cell.x), xAxis.value(cell.x), yAxis.value(cell.y)));
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
