package io.avlens.ui.embeddings.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

/**
 * The scatter widget: shows the picture a background thread renders (the last request wins, so pan and zoom never
 * wait for it: until the new picture arrives, the previous one is drawn moved and scaled to the new viewport), and
 * turns the mouse into pan (drag, or right-drag in any tool), zoom around the cursor (wheel), hover, click and
 * lasso or box selection. Hit-testing goes through a {@link SpatialGrid} built once per layout.
 */
public final class ScatterCanvas extends org.eclipse.swt.widgets.Canvas {

    /** What a left drag does. */
    public enum Tool {
        PAN, LASSO, BOX
    }

    /** Pixels within which the mouse hits a point. */
    static final int HIT_PIXELS = 6;
    private static final int CLICK_SLOP = 3;

    private final ExecutorService renderer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "AV Lens scatter renderer");
        t.setDaemon(true);
        return t;
    });
    private final ScatterRenderer drawing = new ScatterRenderer();
    private Scene scene;
    private SpatialGrid grid;
    /** Pixels left around the points when the view frames them all. */
    private static final int MARGIN = 16;
    private Viewport viewport;
    /** The viewport as last set by a fit, pan or zoom (never null once {@link #viewport} is set). */
    private Viewport chosen;
    /** Whether the view frames all the scene's points (set by a fit; a pan, zoom or set viewport clears it). */
    private boolean fitted;
    private Image image;
    private Viewport imageViewport;
    private Scene drawn;
    private boolean renderPending;
    private boolean renderAgain;
    private int rendered;
    private Tool tool = Tool.PAN;
    private Point down;
    private Viewport downViewport;
    private boolean panning;
    private final List<Point> path = new ArrayList<>();
    private int hovered = -1;
    private Consumer<Integer> onClick = i -> { };
    private Consumer<Event> onHover = e -> { };
    private Consumer<Lasso> onLasso = l -> { };

    public ScatterCanvas(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        addListener(SWT.Paint, e -> paint(e.gc));
        addListener(SWT.Resize, e -> {
            Point size = getSize();
            if (viewport != null) {
                int w = Math.max(1, size.x);
                int h = Math.max(1, size.y);
                // a view that frames all its points keeps doing so; one the user moved refits the viewport last
                // chosen (not the last resized one), so growing the view back restores the same picture
                viewport = fitted && scene != null ? Viewport.fit(scene.xy(), w, h, MARGIN) : chosen.refit(w, h);
                requestRender();
            }
        });
        addListener(SWT.MouseDown, this::mouseDown);
        addListener(SWT.MouseMove, this::mouseMove);
        addListener(SWT.MouseUp, this::mouseUp);
        addListener(SWT.MouseVerticalWheel, e -> zoomAt(e.x, e.y, Math.pow(1.15, e.count / 3.0 * 2)));
        addListener(SWT.MouseExit, e -> hover(-1, e));
        addListener(SWT.Dispose, e -> {
            renderer.shutdownNow();
            if (image != null) {
                image.dispose();
            }
        });
    }

    /** Shows {@code next}; {@code fit}: frame all its points (else keep the viewport). UI thread. */
    public void setScene(Scene next, boolean fit) {
        if (scene == null || next.xy() != scene.xy()) {
            grid = null; // built when first needed: an animated layout changes many times before anyone points
        }
        scene = next;
        Point size = getSize();
        if (fit || viewport == null) {
            viewport = Viewport.fit(next.xy(), Math.max(1, size.x), Math.max(1, size.y), MARGIN);
            chosen = viewport;
            fitted = true;
        }
        requestRender();
    }

    public Scene scene() {
        return scene;
    }

    /** The grid of the scene's points (built on first use after each layout). */
    public SpatialGrid grid() {
        if (grid == null && scene != null) {
            grid = new SpatialGrid(scene.xy());
        }
        return grid;
    }

    public Viewport viewport() {
        return viewport;
    }

    /** Whether the view frames all the scene's points (as last fitted, resized since or not) rather than as moved. */
    public boolean isFitted() {
        return fitted;
    }

    /** Moves the view (tests, keyboard). */
    public void setViewport(Viewport v) {
        viewport = v;
        chosen = v;
        fitted = false;
        requestRender();
    }

    /** Zooms by {@code factor} around the screen point {@code (x, y)}. */
    public void zoomAt(int x, int y, double factor) {
        if (viewport != null) {
            setViewport(viewport.zoomAt(x, y, factor));
        }
    }

    public void setTool(Tool t) {
        tool = t;
        setCursor(getDisplay().getSystemCursor(t == Tool.PAN ? SWT.CURSOR_HAND : SWT.CURSOR_CROSS));
    }

    public Tool tool() {
        return tool;
    }

    public void onClick(Consumer<Integer> c) {
        onClick = c;
    }

    /** Hears the clip under the mouse ({@code event.index}, -1 for none) at {@code event.x, event.y}. */
    public void onHover(Consumer<Event> c) {
        onHover = c;
    }

    public void onLasso(Consumer<Lasso> c) {
        onLasso = c;
    }

    /** The point under screen {@code (x, y)} among the clips the filter keeps, or -1. */
    public int pointAt(int x, int y) {
        if (scene == null || viewport == null) {
            return -1;
        }
        return grid().nearest(viewport.dataX(x), viewport.dataY(y), HIT_PIXELS / viewport.scale(), scene::isShown);
    }

    /** Screen position of point p. */
    public Point screenOf(int p) {
        return new Point((int) Math.floor(viewport.screenX(scene.xy()[2 * p])),
                (int) Math.floor(viewport.screenY(scene.xy()[2 * p + 1])));
    }

    /** A lasso through screen points {@code x0, y0, x1, y1, …}, in data coordinates. */
    public Lasso lassoOfScreen(int[] polygon) {
        double[] d = new double[polygon.length];
        for (int k = 0; k < polygon.length; k += 2) {
            d[k] = viewport.dataX(polygon[k]);
            d[k + 1] = viewport.dataY(polygon[k + 1]);
        }
        return new Lasso(d);
    }

    /** The scene of the picture on show (it may lag {@link #scene} while a newer one renders), or null. */
    public Scene drawnScene() {
        return drawn;
    }

    /** Whether the picture on show is of the scene last set (nothing newer is being rendered). */
    public boolean isCurrent() {
        return drawn != null && drawn == scene && !renderPending;
    }

    /** Pictures rendered so far (tests wait on it). */
    public int renderedCount() {
        return rendered;
    }

    /** Renders the scene now, on this thread, as the view shows it (exports). */
    public ImageData renderNow() {
        int[] px = new ScatterRenderer().render(scene, viewport, null);
        return Pixels.imageData(px, viewport.width(), viewport.height());
    }

    private void requestRender() {
        if (scene == null || viewport == null || isDisposed()) {
            return;
        }
        redraw();
        if (renderPending) {
            renderAgain = true;
            return;
        }
        renderPending = true;
        Scene s = scene;
        Viewport v = viewport;
        renderer.execute(() -> {
            ImageData data;
            try {
                data = Pixels.imageData(drawing.render(s, v, null), v.width(), v.height());
            } catch (RuntimeException e) {
                // a picture that cannot be drawn must not stop the next ones: the canvas would go on showing a scene
                // the controls no longer describe
                data = null;
            }
            ImageData d = data;
            if (!isDisposedSafe()) {
                getDisplay().asyncExec(() -> delivered(d, s, v));
            }
        });
    }

    private boolean isDisposedSafe() {
        return getDisplay().isDisposed();
    }

    private void delivered(ImageData data, Scene s, Viewport v) {
        renderPending = false;
        if (isDisposed()) {
            return;
        }
        if (data != null) {
            if (image != null) {
                image.dispose();
            }
            image = new Image(getDisplay(), data);
            imageViewport = v;
            drawn = s;
            rendered++;
            redraw();
        }
        if (renderAgain) {
            renderAgain = false;
            requestRender();
        }
    }

    private void paint(GC gc) {
        Point size = getSize();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(0, 0, size.x, size.y);
        if (image != null && viewport != null) {
            double k = viewport.scale() / imageViewport.scale();
            int x = (int) Math.round(viewport.screenX(imageViewport.dataX(0)));
            int y = (int) Math.round(viewport.screenY(imageViewport.dataY(0)));
            var b = image.getBounds();
            if (k == 1 && x == 0 && y == 0) {
                gc.drawImage(image, 0, 0);
            } else if (k < 64 && k > 1.0 / 64) { // far beyond, the stale picture says nothing: wait for the new one
                gc.drawImage(image, 0, 0, b.width, b.height, x, y, (int) Math.round(b.width * k),
                        (int) Math.round(b.height * k));
            }
        }
        if (down != null && tool != Tool.PAN && !panning && !path.isEmpty()) {
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_DARK_BLUE));
            gc.setLineStyle(SWT.LINE_DASH);
            if (tool == Tool.BOX) {
                Point p = path.get(path.size() - 1);
                gc.drawRectangle(Math.min(down.x, p.x), Math.min(down.y, p.y), Math.abs(p.x - down.x),
                        Math.abs(p.y - down.y));
            } else {
                int[] poly = new int[path.size() * 2];
                for (int i = 0; i < path.size(); i++) {
                    poly[2 * i] = path.get(i).x;
                    poly[2 * i + 1] = path.get(i).y;
                }
                gc.drawPolygon(poly);
            }
        }
    }

    private void mouseDown(Event e) {
        if (e.button != 1 && e.button != 3) {
            return;
        }
        down = new Point(e.x, e.y);
        downViewport = viewport;
        panning = e.button == 3 || tool == Tool.PAN;
        path.clear();
        path.add(down);
    }

    private void mouseMove(Event e) {
        if (down == null) {
            int p = pointAt(e.x, e.y);
            hover(p < 0 ? -1 : p / scene.modalities(), e);
            return;
        }
        if (panning && downViewport != null) {
            setViewport(downViewport.pan(e.x - down.x, e.y - down.y));
        } else {
            path.add(new Point(e.x, e.y));
            redraw();
        }
    }

    private void mouseUp(Event e) {
        if (down == null) {
            return;
        }
        Point start = down;
        down = null;
        boolean click = Math.abs(e.x - start.x) <= CLICK_SLOP && Math.abs(e.y - start.y) <= CLICK_SLOP;
        if (click && e.button == 1) {
            int p = pointAt(e.x, e.y);
            if (p >= 0) {
                onClick.accept(p / scene.modalities());
            }
        } else if (!panning && viewport != null) {
            if (tool == Tool.BOX) {
                onLasso.accept(Lasso.box(viewport.dataX(start.x), viewport.dataY(start.y), viewport.dataX(e.x),
                        viewport.dataY(e.y)));
            } else if (path.size() >= 3) {
                int[] poly = new int[path.size() * 2];
                for (int i = 0; i < path.size(); i++) {
                    poly[2 * i] = path.get(i).x;
                    poly[2 * i + 1] = path.get(i).y;
                }
                onLasso.accept(lassoOfScreen(poly));
            }
        }
        path.clear();
        redraw();
    }

    private void hover(int item, Event e) {
        if (item != hovered) {
            hovered = item;
            Event h = new Event();
            h.index = item;
            h.x = e.x;
            h.y = e.y;
            onHover.accept(h);
        }
    }
}
