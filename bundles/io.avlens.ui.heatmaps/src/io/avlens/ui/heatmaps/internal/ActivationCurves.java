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
    private static final int SWATCH = 18;

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

    private static Color colour(Curve curve) {
        return new Color(curve.rgb() >> 16 & 0xff, curve.rgb() >> 8 & 0xff, curve.rgb() & 0xff);
    }

    /** A value-axis label short enough for the left margin: three decimals below 1, two up to 100. */
    static String tick(float v) {
        float a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 1 ? "%.2f" : "%.3f", v);
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
        int textHeight = gc.getFontMetrics().getHeight();
        String top = tick(hi);
        String bottom = tick(lo);
        gc.drawText(top, Math.max(2, p.x - 4 - gc.textExtent(top).x), p.y - 1, true);
        gc.drawText(bottom, Math.max(2, p.x - 4 - gc.textExtent(bottom).x), p.y + p.height - textHeight + 1, true);
        String title = "S, max over space";
        gc.drawText(title, 2, 2, true);
        double end = time.timeOf(steps() - 1);
        gc.drawText(String.format(Locale.ROOT, "%.1f s", time.start()), p.x, p.y + p.height + 3, true);
        String last = String.format(Locale.ROOT, "%.1f s", end);
        gc.drawText(last, p.x + p.width - gc.textExtent(last).x, p.y + p.height + 3, true);
        // the legend on the title's row, above the plot: a swatch of each line (dashed when the line is) and its name
        int legendX = 2 + gc.textExtent(title).x + 16;
        int swatchY = 2 + textHeight / 2;
        gc.setClipping(new Rectangle(0, 0, c.width, p.y - 1));
        gc.setLineWidth(2);
        for (Curve curve : curves) {
            gc.setForeground(colour(curve));
            gc.setLineStyle(curve.dashed() ? SWT.LINE_DASH : SWT.LINE_SOLID);
            gc.drawLine(legendX, swatchY, legendX + SWATCH, swatchY);
            gc.drawText(curve.name(), legendX + SWATCH + 4, 2, true);
            legendX += SWATCH + 4 + gc.textExtent(curve.name()).x + 14;
        }
        gc.setClipping(p);
        for (Curve curve : curves) {
            gc.setForeground(colour(curve));
            gc.setLineStyle(curve.dashed() ? SWT.LINE_DASH : SWT.LINE_SOLID);
            float[] v = curve.values();
            int[] points = new int[v.length * 2];
            for (int t = 0; t < v.length; t++) {
                points[2 * t] = xOf(time.timeOf(t));
                points[2 * t + 1] = p.y + p.height - Math.round((v[t] - lo) / (hi - lo) * (p.height - 1));
            }
            gc.drawPolyline(points);
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
