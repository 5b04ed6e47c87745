package io.avlens.ui.widgets;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

import io.avlens.core.color.ColorScale;
import io.avlens.core.tensor.FloatTensor;

/**
 * The one heatmap widget: a 2-D plane of values as a colour-mapped image with a title, axes and a colour bar; the
 * cell under the mouse is outlined and reported, a click reports its cell. Views add their own decorations as
 * {@link Layer}s (the Similarity view: diagonal, lag line, linked cursor). The plane is coloured once into an image
 * when it changes; the plane, axes and bar are rendered once into a cached image per size, so a paint is one blit plus
 * the layers. Row 0 is at the top, as in a matrix. UI thread only.
 */
public class HeatmapCanvas extends Canvas {

    /** A cell: its row and column, its value, and its x and y in axis units. */
    public record Hover(int row, int column, float value, double x, double y) {
    }

    /** A decoration drawn over the plot on every paint, clipped to it. */
    @FunctionalInterface
    public interface Layer {
        /** Draws into {@code gc}; {@code plot} is {@link HeatmapCanvas#plotArea()}. */
        void paint(GC gc, Rectangle plot);
    }

    /** The title's distance from the client area's top. */
    private static final int TITLE_Y = 3;

    private final HeatmapLook look;
    private final CachedImage background = new CachedImage();
    private final List<Layer> layers = new ArrayList<>();
    private FloatTensor plane;
    private boolean squareCells;
    private ColorScale scale;
    private Axis xAxis = Axis.index("column");
    private Axis yAxis = Axis.index("row");
    private String title = "";
    /** The height above the plot the title needs (0 without one). */
    private int titleRoom;
    private Image image;
    private Image barImage;
    private boolean backgroundValid;
    private Hover hovered;
    private Consumer<Hover> hoverListener = h -> { };
    private Consumer<Hover> clickListener = h -> { };
    private long lastPaintNanos;
    private long lastBackgroundNanos;

    /** A canvas with the {@link HeatmapLook#PLAIN} look; style bits as for {@link Canvas}. */
    public HeatmapCanvas(Composite parent, int style) {
        this(parent, style, HeatmapLook.PLAIN);
    }

    /** A canvas with {@code look}; style bits as for {@link Canvas}. */
    public HeatmapCanvas(Composite parent, int style, HeatmapLook look) {
        super(parent, style | SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        this.look = look;
        addListener(SWT.Paint, e -> paint(e.gc));
        addListener(SWT.MouseMove, e -> setHovered(hoverAt(e.x, e.y)));
        addListener(SWT.MouseExit, e -> setHovered(null));
        addListener(SWT.MouseDown, this::mouseDown);
        addListener(SWT.Resize, e -> invalidate());
        addListener(SWT.Dispose, e -> {
            disposeImages();
            background.dispose();
        });
    }

    /**
     * Shows {@code values} (rank 2: rows × columns) with {@code colorScale}; null shows nothing.
     *
     * @throws IllegalArgumentException when the tensor is not 2-D
     */
    public void setData(FloatTensor values, ColorScale colorScale) {
        checkWidget();
        if (values != null && values.rank() != 2) {
            throw new IllegalArgumentException("a heatmap needs a 2-D plane, got " + values);
        }
        disposeImages();
        plane = values;
        scale = values == null ? null : colorScale;
        hovered = null;
        if (values != null) {
            image = ColorImages.plane(getDisplay(), values, colorScale);
            barImage = ColorImages.colorBar(getDisplay(), colorScale.map());
        }
        invalidate();
    }

    /** Calibrates the axes (titles and index-to-value mapping). */
    public void setAxes(Axis x, Axis y) {
        checkWidget();
        xAxis = x;
        yAxis = y;
        invalidate();
    }

    /**
     * Sets the title drawn above the plot; the plot moves down when the look's top margin leaves no room for it (a
     * title never covers the plot).
     */
    public void setTitle(String text) {
        checkWidget();
        title = text == null ? "" : text;
        if (title.isEmpty()) {
            titleRoom = 0;
        } else {
            GC gc = new GC(this);
            try {
                titleRoom = TITLE_Y + gc.textExtent(title).y;
            } finally {
                gc.dispose();
            }
        }
        invalidate();
    }

    /** Adds a decoration drawn over the plot, after those added before. */
    public void addLayer(Layer layer) {
        layers.add(layer);
        redraw();
    }

    /** Receives the hovered cell, or null when the mouse leaves the plane. */
    public void setHoverListener(Consumer<Hover> listener) {
        hoverListener = listener == null ? h -> { } : listener;
    }

    /** Receives the cell clicked with the first button. */
    public void setClickListener(Consumer<Hover> listener) {
        clickListener = listener == null ? h -> { } : listener;
    }

    /** The plane shown, or null. */
    public FloatTensor data() {
        return plane;
    }

    /** The colour scale in use, or null. */
    public ColorScale colorScale() {
        return scale;
    }

    /** The cell under the mouse, or null. */
    public Hover hovered() {
        return hovered;
    }

    /** Nanoseconds the last paint took (blit and layers). */
    public long lastPaintNanos() {
        return lastPaintNanos;
    }

    /** Nanoseconds the last rendering of the cached plane, axes and colour bar took. */
    public long lastBackgroundNanos() {
        return lastBackgroundNanos;
    }

    /**
     * Whether each cell is drawn square (a map of space, e.g. 16 × 16 cells of a frame) rather than stretched to the
     * canvas (a matrix of times); the plot then takes the largest square-celled rectangle that fits, at the top left.
     */
    public void setSquareCells(boolean square) {
        checkWidget();
        squareCells = square;
        invalidate();
    }

    /** The rectangle the plane is drawn into, in widget coordinates. */
    public Rectangle plotArea() {
        Rectangle c = getClientArea();
        int top = Math.max(look.top(), titleRoom);
        int w = Math.max(1, c.width - look.left() - look.right());
        int h = Math.max(1, c.height - top - look.bottom());
        if (squareCells && plane != null) {
            double cell = Math.min((double) w / plane.dim(1), (double) h / plane.dim(0));
            w = Math.max(1, (int) Math.floor(cell * plane.dim(1)));
            h = Math.max(1, (int) Math.floor(cell * plane.dim(0)));
        }
        return new Rectangle(c.x + look.left(), c.y + top, w, h);
    }

    /** The x of the centre of column {@code index} (fractional between columns). */
    public int xOf(double index) {
        Rectangle p = plotArea();
        return p.x + (int) Math.floor((index + 0.5) * p.width / plane.dim(1));
    }

    /** The y of the centre of row {@code index} (fractional between rows). */
    public int yOf(double index) {
        Rectangle p = plotArea();
        return p.y + (int) Math.floor((index + 0.5) * p.height / plane.dim(0));
    }

    /** The cell at widget point ({@code x}, {@code y}), or null outside the plane. */
    public Hover hoverAt(int x, int y) {
        Rectangle p = plotArea();
        if (plane == null || !p.contains(x, y)) {
            return null;
        }
        int column = Math.min(plane.dim(1) - 1, (x - p.x) * plane.dim(1) / p.width);
        int row = Math.min(plane.dim(0) - 1, (y - p.y) * plane.dim(0) / p.height);
        return new Hover(row, column, plane.get(row, column), xAxis.value(column), yAxis.value(row));
    }

    /** The outline of cell ({@code row}, {@code column}): one pixel outside the cell, at least 2 × 2. */
    public Rectangle cellBounds(int row, int column) {
        Rectangle p = plotArea();
        int x0 = p.x + column * p.width / plane.dim(1);
        int x1 = p.x + (column + 1) * p.width / plane.dim(1);
        int y0 = p.y + row * p.height / plane.dim(0);
        int y1 = p.y + (row + 1) * p.height / plane.dim(0);
        return new Rectangle(x0 - 1, y0 - 1, Math.max(2, x1 - x0 + 1), Math.max(2, y1 - y0 + 1));
    }

    /**
     * Draws the canvas into {@code gc}: the cached plane, axes and bar (rendered first when data, axes or size
     * changed), then the layers and the hovered cell. The paint listener calls this; exports and benchmarks call it
     * with an off-screen GC.
     */
    public void paint(GC gc) {
        long t0 = System.nanoTime();
        Rectangle client = getClientArea();
        if (client.width <= 0 || client.height <= 0) {
            return;
        }
        if (!backgroundValid || !background.fits(client)) {
            long b0 = System.nanoTime();
            background.render(getDisplay(), client, g -> drawBackground(g, client));
            backgroundValid = true;
            lastBackgroundNanos = System.nanoTime() - b0;
        }
        gc.drawImage(background.image(), 0, 0);
        if (plane != null) {
            Rectangle p = plotArea();
            gc.setClipping(p);
            try {
                layers.forEach(layer -> layer.paint(gc, p));
                if (hovered != null) {
                    gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
                    gc.drawRectangle(cellBounds(hovered.row(), hovered.column()));
                }
            } finally {
                gc.setClipping((Rectangle) null);
            }
        }
        lastPaintNanos = System.nanoTime() - t0;
    }

    private void drawBackground(GC gc, Rectangle client) {
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(client);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        if (plane == null) {
            gc.drawText(look.empty(), client.x + look.emptyAt().x, client.y + look.emptyAt().y, true);
            return;
        }
        Rectangle p = plotArea();
        gc.setInterpolation(SWT.NONE);
        gc.drawImage(image, 0, 0, plane.dim(1), plane.dim(0), p.x, p.y, p.width, p.height);
        gc.drawRectangle(p.x - 1, p.y - 1, p.width + 1, p.height + 1);
        if (!title.isEmpty()) {
            gc.drawText(title, p.x, client.y + TITLE_Y, true);
        }
        HeatmapAxes.draw(gc, this, look, xAxis, yAxis);
        HeatmapAxes.drawColorBar(gc, p, look, barImage, scale);
    }

    private void invalidate() {
        backgroundValid = false;
        redraw();
    }

    private void mouseDown(Event e) {
        setFocus();
        Hover cell = hoverAt(e.x, e.y);
        if (e.button == 1 && cell != null) {
            clickListener.accept(cell);
        }
    }

    private void setHovered(Hover cell) {
        if (cell == null ? hovered == null
                : hovered != null && cell.row() == hovered.row() && cell.column() == hovered.column()) {
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
