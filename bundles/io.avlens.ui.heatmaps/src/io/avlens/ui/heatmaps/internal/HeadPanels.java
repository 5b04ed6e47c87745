package io.avlens.ui.heatmaps.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;

import io.avlens.core.color.ColorMap;
import io.avlens.core.color.ColorScale;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.ui.widgets.Axis;
import io.avlens.ui.widgets.HeatmapCanvas;
import io.avlens.ui.widgets.HeatmapLook;

/**
 * The small multiples of the Heads view: one {@link HeatmapCanvas} per head and one for their maximum, each the
 * normalised heatmap of the instant shown (inferno, 0..1). Dragging on a panel chooses a rectangle of cells, the
 * region whose activation the curves add; a click chooses one cell. UI thread.
 */
public final class HeadPanels {

    private static final HeatmapLook LOOK = new HeatmapLook(28, 20, 22, 6, 10, 30, 50, true, Axis::format, false,
            "No heatmap", new Point(8, 8));

    private final Composite panel;
    private final Consumer<String> hover;
    private final Runnable regionChosen;
    private final List<HeatmapCanvas> canvases = new ArrayList<>();
    private int heads;
    private int regionHead = -1;
    private Rectangle region;
    private int dragPanel = -1;
    private HeatmapCanvas.Hover dragStart;

    /**
     * @param hover        receives a line about the cell under the mouse (null when it leaves)
     * @param regionChosen runs after the user chose a region
     */
    public HeadPanels(Composite parent, Consumer<String> hover, Runnable regionChosen) {
        this.hover = hover;
        this.regionChosen = regionChosen;
        panel = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(panel);
    }

    /** The composite holding the panels. */
    public Control control() {
        return panel;
    }

    /** Makes one panel per head and one for the maximum (none for 0 heads). */
    public void setHeads(int count) {
        canvases.forEach(Control::dispose);
        canvases.clear();
        heads = count;
        clearRegion();
        GridLayoutFactory.fillDefaults().numColumns(Math.max(1, count + 1)).equalWidth(true).applyTo(panel);
        for (int i = 0; count > 0 && i <= count; i++) {
            int index = i;
            HeatmapCanvas c = new HeatmapCanvas(panel, SWT.NONE, LOOK);
            GridDataFactory.fillDefaults().grab(true, true).hint(160, 160).applyTo(c);
            c.setAxes(Axis.index("column"), Axis.index("row"));
            c.setSquareCells(true); // a map of the frame's cells: stretched, a 16 × 16 map read as a strip
            c.setTitle(title(i));
            c.setToolTipText("Drag a rectangle (or click a cell): plot that region's activation over audio time");
            c.setHoverListener(h -> hover.accept(h == null ? null : String.format(Locale.ROOT,
                    "%s · cell (%d, %d) · %.2f of the range", title(index), h.row(), h.column(), h.value())));
            c.addListener(SWT.MouseDown, e -> dragStart(index, e));
            c.addListener(SWT.MouseMove, e -> drag(index, e, false));
            c.addListener(SWT.MouseUp, e -> drag(index, e, true));
            c.addLayer((gc, plot) -> drawRegion(c, gc));
            canvases.add(c);
        }
        panel.layout(true, true);
    }

    private String title(int index) {
        return index < heads ? "head " + (index + 1) : "max of heads";
    }

    /** Shows {@code slice}: each head's normalised values, then their maximum. */
    public void show(HeatmapSlice slice, int height, int width, HeatmapSettings settings) {
        ColorScale scale = new ColorScale(ColorMap.INFERNO, 0, 1);
        for (int k = 0; k < canvases.size(); k++) {
            float[] values = k < heads ? slice.values()[k] : slice.max();
            HeatmapCanvas c = canvases.get(k);
            c.setData(FloatTensor.of(new int[] {height, width}, values.clone()), scale);
            c.setTitle(title(k) + (k < heads && !settings.shown(k) ? " (muted)" : ""));
        }
    }

    /** The panels (heads, then the maximum). */
    public List<HeatmapCanvas> canvases() {
        return List.copyOf(canvases);
    }

    private void dragStart(int index, Event e) {
        HeatmapCanvas.Hover cell = canvases.get(index).hoverAt(e.x, e.y);
        if (e.button == 1 && cell != null) {
            dragPanel = index;
            dragStart = cell;
            setRegion(index < heads ? index : -1, cellRect(cell, cell));
        }
    }

    private void drag(int index, Event e, boolean done) {
        if (dragPanel != index || dragStart == null) {
            return;
        }
        HeatmapCanvas c = canvases.get(index);
        Rectangle p = c.plotArea();
        HeatmapCanvas.Hover cell = c.hoverAt(Math.max(p.x, Math.min(p.x + p.width - 1, e.x)),
                Math.max(p.y, Math.min(p.y + p.height - 1, e.y)));
        if (cell != null) {
            region = cellRect(dragStart, cell);
            canvases.forEach(Control::redraw);
        }
        if (done) {
            dragPanel = -1;
            dragStart = null;
            regionChosen.run();
        }
    }

    private static Rectangle cellRect(HeatmapCanvas.Hover a, HeatmapCanvas.Hover b) {
        int c0 = Math.min(a.column(), b.column());
        int r0 = Math.min(a.row(), b.row());
        return new Rectangle(c0, r0, Math.abs(a.column() - b.column()) + 1, Math.abs(a.row() - b.row()) + 1);
    }

    /** Chooses the region {@code cells} (x: columns, y: rows) of {@code head}'s panel (−1: the maximum's). */
    public void setRegion(int head, Rectangle cells) {
        regionHead = head;
        region = cells;
        canvases.forEach(Control::redraw);
    }

    /** Forgets the region. */
    public void clearRegion() {
        region = null;
        canvases.forEach(Control::redraw);
    }

    /** The region as a mask over {@code [h, w]} cells, or null when none is chosen. */
    public boolean[] region() {
        if (region == null || canvases.isEmpty() || canvases.get(0).data() == null) {
            return null;
        }
        int h = canvases.get(0).data().dim(0);
        int w = canvases.get(0).data().dim(1);
        boolean[] mask = new boolean[h * w];
        for (int r = region.y; r < Math.min(h, region.y + region.height); r++) {
            for (int c = region.x; c < Math.min(w, region.x + region.width); c++) {
                mask[r * w + c] = true;
            }
        }
        return mask;
    }

    /** The head whose panel holds the region (−1: the maximum of the heads). */
    public int regionHead() {
        return regionHead;
    }

    /** The region's name in the curves' legend. */
    public String regionName() {
        return String.format(Locale.ROOT, "region rows %d–%d, columns %d–%d (%s)", region.y,
                region.y + region.height - 1, region.x, region.x + region.width - 1,
                regionHead < 0 ? "max of heads" : "head " + (regionHead + 1));
    }

    private void drawRegion(HeatmapCanvas c, GC gc) {
        if (region == null || c.data() == null) {
            return;
        }
        Rectangle a = c.cellBounds(region.y, region.x);
        Rectangle b = c.cellBounds(region.y + region.height - 1, region.x + region.width - 1);
        gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_CYAN));
        gc.setLineWidth(2);
        gc.drawRectangle(a.x, a.y, b.x + b.width - a.x, b.y + b.height - a.y);
        gc.setLineWidth(1);
    }
}
