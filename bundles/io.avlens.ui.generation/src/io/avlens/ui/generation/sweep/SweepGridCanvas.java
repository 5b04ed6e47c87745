package io.avlens.ui.generation.sweep;

import java.util.Locale;
import java.util.function.BiConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

import io.avlens.analysis.generation.SweepGrid;

/**
 * The guidance grid: rows ω, columns γ, a cell per (ω, γ) at the seed shown, painted by {@link SweepCellPainter}
 * (the log-mel, onsets, events, cursor, range, badges and a frame coloured by the chosen metric). This class holds
 * what is shown and selected, lays the cells out and takes the input: click selects (shift-click: compare), arrow
 * keys move the selection, a drag across a thumbnail selects a time range; the tooltip gives a cell's values.
 * UI thread.
 */
public final class SweepGridCanvas extends Canvas {

    private static final int LEFT = 56;
    private static final int TOP = 22;
    private static final int GAP = 12;
    private static final int FRAME = SweepCellPainter.FRAME;

    private SweepData data;
    private final SweepCellPainter cells;
    private String metric;
    private int row;
    private int column;
    private int[] compared;
    private int seedIndex;
    private double cursor;
    private double rangeBegin = Double.NaN;
    private double rangeEnd = Double.NaN;
    private double dragStart = Double.NaN;
    /** Whether the press now going on dragged a range (a plain click leaves the range as it was). */
    private boolean dragged;
    private BiConsumer<Integer, Integer> selectionListener = (r, c) -> { };
    private Runnable compareListener = () -> { };
    private BiConsumer<Double, Double> rangeListener = (a, b) -> { };
    private String help = "";

    /** A grid canvas in {@code parent}. */
    public SweepGridCanvas(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        cells = new SweepCellPainter(getDisplay());
        addListener(SWT.Paint, e -> paint(e.gc, getClientArea()));
        addListener(SWT.MouseDown, this::mouseDown);
        addListener(SWT.MouseMove, this::mouseMove);
        addListener(SWT.MouseUp, this::mouseUp);
        addListener(SWT.KeyDown, this::keyDown);
        addListener(SWT.Dispose, e -> cells.clear());
    }

    /** Shows {@code sweep}, the first cell selected. */
    public void setData(SweepData sweep) {
        cells.clear();
        data = sweep;
        row = 0;
        column = 0;
        compared = null;
        if (metric == null && sweep != null && !sweep.grid().metricNames().isEmpty()) {
            metric = sweep.grid().metricNames().contains("classifierScore") ? "classifierScore"
                    : sweep.grid().metricNames().get(0);
        }
        redraw();
    }

    /** The sweep shown, or null. */
    public SweepData data() {
        return data;
    }

    /** Colours the frames by {@code name} (null: grey). */
    public void setMetric(String name) {
        metric = name;
        redraw();
    }

    /** The metric that colours the frames. */
    public String metric() {
        return metric;
    }

    /** Which seed's sample the cells show (index into the manifest's seeds). */
    public void setSeedIndex(int index) {
        seedIndex = index;
        redraw();
    }

    /** Receives (row, column) whenever the selection changes. */
    public void setSelectionListener(BiConsumer<Integer, Integer> listener) {
        selectionListener = listener;
    }

    /** Runs when the compared cell changes. */
    public void setCompareListener(Runnable listener) {
        compareListener = listener;
    }

    /** Receives a time range dragged across a thumbnail, seconds. */
    public void setRangeListener(BiConsumer<Double, Double> listener) {
        rangeListener = listener;
    }

    /** Selects a cell (clamped to the grid) and tells the listener when it changed. */
    public void select(int newRow, int newColumn) {
        if (data == null) {
            return;
        }
        int r = Math.max(0, Math.min(data.grid().omegas().size() - 1, newRow));
        int c = Math.max(0, Math.min(data.grid().gammas().size() - 1, newColumn));
        if (r != row || c != column) {
            row = r;
            column = c;
            redraw();
            selectionListener.accept(r, c);
        }
    }

    /** The selected cell {row, column}. */
    public int[] selected() {
        return new int[] {row, column};
    }

    /** Marks a cell to compare with the selected one (null: none). */
    public void setCompared(int[] cell) {
        compared = cell == null ? null : cell.clone();
        redraw();
        compareListener.run();
    }

    /** The compared cell, or null. */
    public int[] compared() {
        return compared == null ? null : compared.clone();
    }

    /** Moves the time cursor drawn through every thumbnail, seconds. */
    public void setCursor(double seconds) {
        if (seconds != cursor) {
            cursor = seconds;
            redraw();
        }
    }

    /** The time cursor, seconds. */
    public double cursor() {
        return cursor;
    }

    /** Shades a selected time range (NaN: none). */
    public void setRange(double begin, double end) {
        if (Double.compare(begin, rangeBegin) != 0 || Double.compare(end, rangeEnd) != 0) {
            rangeBegin = begin;
            rangeEnd = end;
            redraw();
        }
    }

    /** Shades the clip's selected range (NaN: none), unless the user is dragging one across a thumbnail now. */
    public void showSelection(double begin, double end) {
        if (Double.isNaN(dragStart)) {
            setRange(begin, end);
        }
    }

    /** The shaded time range {begin, end} in seconds, or null. */
    public double[] range() {
        return Double.isNaN(rangeBegin) ? null : new double[] {rangeBegin, rangeEnd};
    }

    /** The bounds of a cell's thumbnail in a client area of {@code area}. */
    public Rectangle cellBounds(Rectangle area, int r, int c) {
        int rows = data.grid().omegas().size();
        int cols = data.grid().gammas().size();
        int w = Math.max(8, (area.width - LEFT - GAP * cols) / cols);
        int h = Math.max(8, (area.height - TOP - GAP * rows) / rows);
        return new Rectangle(area.x + LEFT + c * (w + GAP) + FRAME, area.y + TOP + r * (h + GAP) + FRAME,
                w - 2 * FRAME, h - 2 * FRAME);
    }

    private int[] cellAt(int x, int y) {
        if (data == null) {
            return null;
        }
        Rectangle area = getClientArea();
        for (int r = 0; r < data.grid().omegas().size(); r++) {
            for (int c = 0; c < data.grid().gammas().size(); c++) {
                Rectangle b = cellBounds(area, r, c);
                if (x >= b.x - FRAME && x < b.x + b.width + FRAME && y >= b.y - FRAME && y < b.y + b.height + FRAME) {
                    return new int[] {r, c};
                }
            }
        }
        return null;
    }

    private double timeAt(int x, int[] cell) {
        Rectangle b = cellBounds(getClientArea(), cell[0], cell[1]);
        return Math.max(0, Math.min(1, (x - b.x) / (double) b.width)) * data.seconds();
    }

    private void mouseDown(Event e) {
        setFocus();
        int[] cell = cellAt(e.x, e.y);
        if (cell == null || e.button != 1) {
            return;
        }
        if ((e.stateMask & SWT.SHIFT) != 0) {
            setCompared(cell);
            return;
        }
        dragStart = timeAt(e.x, cell);
        dragged = false;
        select(cell[0], cell[1]);
    }

    private void mouseMove(Event e) {
        hoverHelp(cellAt(e.x, e.y));
        if (!Double.isNaN(dragStart) && (e.stateMask & SWT.BUTTON1) != 0) {
            double t = timeAt(e.x, new int[] {row, column});
            if (Math.abs(t - dragStart) > 0.05) {
                setRange(Math.min(t, dragStart), Math.max(t, dragStart));
                dragged = true;
            }
        }
    }

    /** The tooltip over a cell names it and gives all its badges, also those a small cell does not draw. */
    private void hoverHelp(int[] cell) {
        String text = cell == null || data == null ? help : String.format(Locale.ROOT, "ω %s, γ %s: %s%n%s",
                trim(data.grid().omegas().get(cell[0])), trim(data.grid().gammas().get(cell[1])),
                badgeText(cell[0], cell[1]), help);
        if (!text.equals(getToolTipText())) {
            setToolTipText(text);
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** What the grid's tooltip says under every cell's values (how to use the grid). */
    public void setHelp(String text) {
        help = text;
        setToolTipText(text);
    }

    private void mouseUp(Event e) {
        if (!Double.isNaN(dragStart) && dragged && !Double.isNaN(rangeBegin)) {
            rangeListener.accept(rangeBegin, rangeEnd);
        }
        dragStart = Double.NaN;
        dragged = false;
    }

    private void keyDown(Event e) {
        switch (e.keyCode) {
            case SWT.ARROW_UP -> select(row - 1, column);
            case SWT.ARROW_DOWN -> select(row + 1, column);
            case SWT.ARROW_LEFT -> select(row, column - 1);
            case SWT.ARROW_RIGHT -> select(row, column + 1);
            default -> {
                return;
            }
        }
        e.doit = false;
    }

    /** Paints the grid into {@code gc} over {@code area} (the screen, or an image for the PNG export). */
    public void paint(GC gc, Rectangle area) {
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_BACKGROUND));
        gc.fillRectangle(area);
        if (data == null) {
            gc.drawText("No sweep. Open one with File > Open Sweep... or from a sweep run.", area.x + 8,
                    area.y + 8, true);
            return;
        }
        SweepGrid grid = data.grid();
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        for (int c = 0; c < grid.gammas().size(); c++) {
            Rectangle b = cellBounds(area, 0, c);
            gc.drawText("γ " + number(grid.gammas().get(c)), b.x, area.y + 3, true);
        }
        double[] span = SweepCellPainter.span(grid, metric);
        SweepCellPainter.View view = new SweepCellPainter.View(data, metric, seedIndex, cursor, rangeBegin, rangeEnd,
                new int[] {row, column}, compared);
        for (int r = 0; r < grid.omegas().size(); r++) {
            Rectangle b = cellBounds(area, r, 0);
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
            gc.drawText("ω " + number(grid.omegas().get(r)), area.x + 4, b.y + b.height / 2 - 8, true);
            for (int c = 0; c < grid.gammas().size(); c++) {
                cells.paint(gc, cellBounds(area, r, c), view, r, c, span);
            }
        }
    }

    /**
     * The badges drawn on cell ({@code r}, {@code c}) at the seed shown: the frames' metric, classifier score, onset
     * AP and sync offset, each its mean over the cell's samples to two decimals (e.g. {@code P 0.91  AP 0.50  lag
     * 0.04}); empty when the cell has none.
     */
    public String badgeText(int r, int c) {
        return SweepCellPainter.badgeText(data.grid(), metric, r, c);
    }

    /**
     * The badges that fit cell {@code b} without hiding its spectrogram: whole badges from the first (the frames'
     * metric) while they fit the width, none when the cell is less than twice a line of text tall (a small grid keeps
     * its thumbnails readable; the cell's tooltip and the metric surface give every value).
     */
    public static String fitted(GC gc, String text, Rectangle b) {
        return SweepCellPainter.fitted(gc, text, b);
    }

    /** The ARGB colour of a cell's frame as painted (for tests). */
    public int frameArgb(int r, int c) {
        Color color = cells.frameColor(data.grid(), metric, r, c, SweepCellPainter.span(data.grid(), metric));
        int argb = 0xff000000 | color.getRed() << 16 | color.getGreen() << 8 | color.getBlue();
        color.dispose();
        return argb;
    }

    static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
