package io.avlens.ui.heatmaps.internal;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

import io.avlens.analysis.similarity.TimeBase;

/**
 * Activation over audio time: one line per curve (a head's maximum over space, a region's), the audio time shown as a
 * vertical line, seconds along the bottom. A click reports the audio time under the mouse. UI thread.
 */
public final class ActivationCurves extends Canvas {

    /** One line: its name in the legend, colour (RGB), values per audio step, and whether it is dashed. */
    public record Curve(String name, int rgb, float[] values, boolean dashed) {
    }

    private static final int LEFT = 52;
    private static final int RIGHT = 10;
    private static final int TOP = 20;
    private static final int BOTTOM = 22;

    private List<Curve> curves = List.of();
    private TimeBase time = new TimeBase(0, 1);
    private double cursor = Double.NaN;
    private DoubleConsumer seek = t -> { };

    public ActivationCurves(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        addListener(SWT.Paint, e -> paint(e.gc));
        addListener(SWT.MouseDown, e -> {
            if (e.button == 1 && plotArea().contains(e.x, e.y) && !curves.isEmpty()) {
                seek.accept(timeAt(e.x));
            }
        });
        setToolTipText("Click: move the cursor to this audio time");
    }

    /** Shows {@code lines} over audio steps of {@code audioTime}. */
    public void setCurves(TimeBase audioTime, List<Curve> lines) {
        time = audioTime;
        curves = List.copyOf(lines);
        redraw();
    }

    /** The curves shown. */
    public List<Curve> curves() {
        return curves;
    }

    /** Marks audio time {@code seconds} (NaN: none). */
    public void setCursor(double seconds) {
        if (Double.compare(seconds, cursor) != 0) {
            cursor = seconds;
            redraw();
        }
    }

    /** Receives the audio time clicked, seconds. */
    public void onSeek(DoubleConsumer listener) {
        seek = listener;
    }

    /** Where the lines are drawn. */
    public Rectangle plotArea() {
        Rectangle c = getClientArea();
        return new Rectangle(LEFT, TOP, Math.max(1, c.width - LEFT - RIGHT), Math.max(1, c.height - TOP - BOTTOM));
    }

    private int steps() {
        return curves.isEmpty() ? 1 : curves.get(0).values().length;
    }

    /** The x of audio time {@code seconds}. */
    public int xOf(double seconds) {
        Rectangle p = plotArea();
        double span = Math.max(1e-9, time.step() * Math.max(1, steps() - 1));
        return p.x + (int) Math.round((seconds - time.start()) / span * p.width);
    }

    /** The audio time at {@code x}, seconds, within the curves' span. */
    public double timeAt(int x) {
        Rectangle p = plotArea();
        double span = time.step() * Math.max(1, steps() - 1);
        double u = Math.max(0, Math.min(1, (x - p.x) / (double) p.width));
        return time.start() + u * span;
    }

    /** Draws the curves into {@code gc} at the widget's size (the paint listener, exports). */
    public void paint(GC gc) {
        Rectangle c = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(c);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        Rectangle p = plotArea();
        gc.drawRectangle(p.x - 1, p.y - 1, p.width + 1, p.height + 1);
        if (curves.isEmpty()) {
            gc.drawText("No activation", p.x + 6, p.y + 6, true);
            return;
        }
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (Curve curve : curves) {
            for (float v : curve.values()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        gc.drawText(String.format(Locale.ROOT, "%.3g", hi), 2, p.y - 6, true);
        gc.drawText(String.format(Locale.ROOT, "%.3g", lo), 2, p.y + p.height - 10, true);
        gc.drawText("S, max over space", 2, 2, true);
        double end = time.timeOf(steps() - 1);
        gc.drawText(String.format(Locale.ROOT, "%.1f s", time.start()), p.x, p.y + p.height + 3, true);
        String last = String.format(Locale.ROOT, "%.1f s", end);
        gc.drawText(last, p.x + p.width - gc.textExtent(last).x, p.y + p.height + 3, true);
        gc.setClipping(p);
        gc.setLineWidth(2);
        int legendX = p.x + 6;
        for (Curve curve : curves) {
            Color colour = new Color(curve.rgb() >> 16 & 0xff, curve.rgb() >> 8 & 0xff, curve.rgb() & 0xff);
            gc.setForeground(colour);
            gc.setLineStyle(curve.dashed() ? SWT.LINE_DASH : SWT.LINE_SOLID);
            float[] v = curve.values();
            int[] points = new int[v.length * 2];
            for (int t = 0; t < v.length; t++) {
                points[2 * t] = xOf(time.timeOf(t));
                points[2 * t + 1] = p.y + p.height - Math.round((v[t] - lo) / (hi - lo) * (p.height - 1));
            }
            gc.drawPolyline(points);
            gc.drawText(curve.name(), legendX, p.y + 2, true);
            legendX += gc.textExtent(curve.name()).x + 14;
        }
        gc.setLineStyle(SWT.LINE_SOLID);
        gc.setLineWidth(1);
        if (!Double.isNaN(cursor)) {
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
            int x = xOf(cursor);
            gc.drawLine(x, p.y, x, p.y + p.height);
        }
        gc.setClipping((Rectangle) null);
    }
}
