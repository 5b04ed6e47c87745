package io.avlens.ui.embeddings.internal;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Composite;


/**
 * The colour legend (a swatch per category, or the colormap from minimum to maximum), the marker of each modality,
 * and a histogram of the colour variable over the clips on show.
 */
public final class LegendPanel extends org.eclipse.swt.widgets.Canvas {

    static final int HISTOGRAM_BINS = 24;
    private Colouring colouring;
    private List<String> modalities = List.of();
    private int[] histogram = new int[0];
    private String[] lines = new String[0];

    public LegendPanel(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED);
        addListener(SWT.Paint, e -> paint(e.gc));
    }

    /** Shows {@code c} with its histogram {@code counts} (see {@link Colouring#histogram}). */
    public void show(Colouring c, List<String> modalityNames, int[] counts) {
        colouring = c;
        modalities = modalityNames;
        histogram = counts;
        lines = texts().toArray(String[]::new);
        redraw();
    }

    /** The legend's texts, top to bottom (tests). */
    public List<String> texts() {
        if (colouring == null) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        out.add(colouring.variable());
        if (colouring.isContinuous()) {
            out.add(Colouring.format(colouring.min()) + " … " + Colouring.format(colouring.max()));
        } else {
            colouring.legend().forEach(e -> out.add(e.label() + " (" + e.count() + ")"));
        }
        return out;
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        return new Point(wHint == SWT.DEFAULT ? 190 : wHint, hHint == SWT.DEFAULT ? 300 : hHint);
    }

    private void paint(GC gc) {
        Point size = getSize();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(0, 0, size.x, size.y);
        if (colouring == null) {
            return;
        }
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
        int line = gc.getFontMetrics().getHeight() + 2;
        int y = 4;
        gc.drawText(lines[0], 6, y, true);
        y += line + 2;
        if (colouring.isContinuous()) {
            for (int x = 0; x < size.x - 12; x++) {
                fill(gc, Colouring.MAP.argb(x / (double) Math.max(1, size.x - 13)), 6 + x, y, 1, 12);
            }
            y += 14;
            gc.drawText(lines[1], 6, y, true);
            y += line;
        } else {
            for (Colouring.Entry e : colouring.legend()) {
                fill(gc, e.argb(), 6, y + 2, 12, line - 5);
                gc.drawText(e.label() + " (" + e.count() + ")", 24, y, true);
                y += line;
            }
        }
        y += 6;
        String[] marks = {"●", "■", "▲", "◆"};
        StringBuilder key = new StringBuilder();
        for (int m = 0; m < modalities.size(); m++) {
            key.append(marks[Math.min(m, marks.length - 1)]).append(' ').append(modalities.get(m)).append("  ");
        }
        gc.drawText(key.toString().trim(), 6, y, true);
        y += line + 8;
        gc.drawText("histogram (points on show)", 6, y, true);
        y += line;
        histogram(gc, y, size);
    }

    private void histogram(GC gc, int top, Point size) {
        int bottom = size.y - 6;
        if (histogram.length == 0 || bottom - top < 20) {
            return;
        }
        int most = 1;
        for (int c : histogram) {
            most = Math.max(most, c);
        }
        double w = (size.x - 12) / (double) histogram.length;
        for (int b = 0; b < histogram.length; b++) {
            int h = (int) Math.round((bottom - top) * histogram[b] / (double) most);
            int argb = colouring.isContinuous() ? Colouring.MAP.argb((b + 0.5) / histogram.length)
                    : colouring.legend().get(b).argb();
            fill(gc, argb, 6 + (int) Math.round(b * w), bottom - h, Math.max(1, (int) Math.round(w) - 1), h);
        }
    }

    private void fill(GC gc, int argb, int x, int y, int w, int h) {
        Color c = new Color(getDisplay(), (argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF);
        gc.setBackground(c);
        gc.fillRectangle(x, y, w, h);
        c.dispose();
    }
}
