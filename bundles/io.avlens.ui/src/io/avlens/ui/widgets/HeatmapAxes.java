package io.avlens.ui.widgets;

import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;

import io.avlens.core.color.ColorMap;
import io.avlens.core.color.ColorScale;

/** Draws the frame of a {@link HeatmapCanvas}'s plot: its axes with ticks and titles and its colour bar. UI thread. */
final class HeatmapAxes {

    private HeatmapAxes() {
    }

    /** Ticks and title of {@code x} under the plot, of {@code y} left of it. */
    static void draw(GC gc, HeatmapCanvas canvas, HeatmapLook look, Axis x, Axis y) {
        Rectangle p = canvas.plotArea();
        int h = gc.getFontMetrics().getHeight();
        int cols = canvas.data().dim(1);
        int rows = canvas.data().dim(0);
        int lastRight = Integer.MIN_VALUE; // a label that would touch the one before it is left out (its tick stays)
        for (double t : x.ticks(cols, Math.max(2, p.width / look.xTickPixels()))) {
            int px = look.roundTicks() ? p.x + (int) Math.round((x.index(t) + 0.5) * p.width / cols)
                    : canvas.xOf(x.index(t));
            gc.drawLine(px, p.y + p.height, px, p.y + p.height + 4);
            String s = x.tickLabel(t);
            int left = px - gc.textExtent(s).x / 2;
            if (left >= lastRight + 4) {
                gc.drawText(s, left, p.y + p.height + 5, true);
                lastRight = left + gc.textExtent(s).x;
            }
        }
        Point title = gc.textExtent(x.label());
        gc.drawText(x.label(), p.x + (p.width - title.x) / 2, p.y + p.height + 6 + h, true);
        int widestTick = 0;
        int lastY = Integer.MIN_VALUE;
        for (double t : y.ticks(rows, Math.max(2, p.height / 50))) {
            int py = look.roundTicks() ? p.y + (int) Math.round((y.index(t) + 0.5) * p.height / rows)
                    : canvas.yOf(y.index(t));
            gc.drawLine(p.x - 4, py, p.x, py);
            String s = y.tickLabel(t);
            if (Math.abs(py - lastY) >= h) { // in a short plot, labels that would overlap are left out
                widestTick = Math.max(widestTick, gc.textExtent(s).x);
                gc.drawText(s, p.x - 6 - gc.textExtent(s).x, py - h / 2, true);
                lastY = py;
            }
        }
        Rectangle client = canvas.getClientArea();
        if (p.x - 6 - widestTick - (client.x + 2) < h) {
            return; // a small tile: no room left of the tick labels for the title without covering them
        }
        int centre = p.y + p.height / 2;
        int room = 2 * Math.min(centre - client.y, client.y + client.height - centre);
        String label = VerticalText.fit(gc, y.label(), room);
        if (!label.equals(y.label()) && !label.endsWith("…") && gc.textExtent(label).x <= h) {
            gc.drawText(label, client.x + 2, centre - h / 2, true); // a lone symbol reads upright ("ω", not "3")
        } else {
            VerticalText.drawVertical(gc, label, client.x + 2, centre);
        }
    }

    /** The colour bar right of the plot, labelled at its high, middle and low values. */
    static void drawColorBar(GC gc, Rectangle p, HeatmapLook look, Image bar, ColorScale scale) {
        int x = p.x + p.width + look.barGap();
        int w = look.barWidth();
        gc.drawImage(bar, 0, 0, 1, ColorMap.SIZE, x, p.y, w, p.height);
        gc.drawRectangle(x - 1, p.y - 1, w + 1, p.height + 1);
        int h = gc.getFontMetrics().getHeight();
        double[] marks = {scale.high(), (scale.low() + scale.high()) / 2, scale.low()};
        for (int i = 0; i < marks.length; i++) {
            if (i == 1 && p.height < 3 * h || i == 2 && p.height < 2 * h) {
                continue; // a bar too short for three labels keeps its high (and low) end
            }
            int y = p.y + i * (p.height - 1) / 2;
            gc.drawLine(x + w, y, x + w + 3, y);
            int top = look.barLabelsInside() ? Math.min(p.y + p.height - h, y - h / 2) : y - h / 2;
            gc.drawText(look.barFormat().apply(marks[i]), x + w + 5, Math.max(p.y - 2, top), true);
        }
    }
}
