package io.avlens.ui.generation.sweep;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.SweepGrid;
import io.avlens.core.color.ColorMap;
import io.avlens.core.tensor.FloatTensor;

/**
 * The guidance grid: rows ω, columns γ; each cell the log-mel of its sample on the clip's time axis (low frequencies
 * at the bottom) with its detected onsets (white ticks at the top), the clip's ground-truth sound events (cyan
 * lines), the shared time cursor (red) and selected range, badges with the cell's metric means (the chosen metric
 * first), and its frame coloured by the chosen metric (viridis from the worst to the best cell). The selected cell
 * has a selection-coloured outline, the compared one a dashed magenta one, both outside the frame. Click selects (shift-click: compare), arrow keys move the selection, a drag across
 * a thumbnail selects a time range. UI thread.
 */
public final class SweepGridCanvas extends Canvas {

    private static final int LEFT = 56;
    private static final int TOP = 22;
    private static final int GAP = 12;
    private static final int FRAME = 4;

    private SweepData data;
    private final Map<String, Image> thumbnails = new HashMap<>();
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

    /** A grid canvas in {@code parent}. */
    public SweepGridCanvas(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        addListener(SWT.Paint, e -> paint(e.gc, getClientArea()));
        addListener(SWT.MouseDown, this::mouseDown);
        addListener(SWT.MouseMove, this::mouseMove);
        addListener(SWT.MouseUp, this::mouseUp);
        addListener(SWT.KeyDown, this::keyDown);
        addListener(SWT.Dispose, e -> disposeThumbnails());
    }

    /** Shows {@code sweep}, the first cell selected. */
    public void setData(SweepData sweep) {
        disposeThumbnails();
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
        double[] span = span(grid);
        for (int r = 0; r < grid.omegas().size(); r++) {
            Rectangle b = cellBounds(area, r, 0);
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
            gc.drawText("ω " + number(grid.omegas().get(r)), area.x + 4, b.y + b.height / 2 - 8, true);
            for (int c = 0; c < grid.gammas().size(); c++) {
                paintCell(gc, cellBounds(area, r, c), r, c, span);
            }
        }
    }

    private void paintCell(GC gc, Rectangle b, int r, int c, double[] span) {
        GeneratedSample sample = data.sample(r, c, seedIndex);
        Color frame = frameColor(r, c, span);
        gc.setBackground(frame);
        gc.fillRectangle(b.x - FRAME, b.y - FRAME, b.width + 2 * FRAME, b.height + 2 * FRAME);
        frame.dispose();
        if (sample == null) {
            return;
        }
        Image thumb = thumbnail(sample.stem());
        Rectangle t = thumb.getBounds();
        gc.drawImage(thumb, 0, 0, t.width, t.height, b.x, b.y, b.width, b.height);
        double seconds = data.seconds();
        if (!Double.isNaN(rangeBegin)) {
            gc.setAlpha(70);
            gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
            int x0 = b.x + (int) Math.round(rangeBegin / seconds * b.width);
            int x1 = b.x + (int) Math.round(rangeEnd / seconds * b.width);
            gc.fillRectangle(x0, b.y, Math.max(1, x1 - x0), b.height);
            gc.setAlpha(255);
        }
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_CYAN));
        gc.setLineStyle(SWT.LINE_DASH);
        for (double e : data.events()) {
            int x = b.x + (int) Math.round(e / seconds * b.width);
            gc.drawLine(x, b.y + b.height / 3, x, b.y + b.height - 1);
        }
        gc.setLineStyle(SWT.LINE_SOLID);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.setLineWidth(2);
        for (double o : data.onsets().getOrDefault(sample.stem(), new double[0])) {
            int x = b.x + (int) Math.round(o / seconds * b.width);
            gc.drawLine(x, b.y, x, b.y + Math.max(4, b.height / 4));
        }
        gc.setLineWidth(1);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_RED));
        int cx = b.x + (int) Math.round(cursor / seconds * b.width);
        gc.drawLine(cx, b.y, cx, b.y + b.height - 1);
        paintBadges(gc, b, r, c);
        if (compared != null && compared[0] == r && compared[1] == c) {
            gc.setLineStyle(SWT.LINE_DASH);
            outline(gc, b, SWT.COLOR_MAGENTA);
            gc.setLineStyle(SWT.LINE_SOLID);
        }
        if (r == row && c == column) {
            outline(gc, b, SWT.COLOR_LIST_SELECTION);
        }
    }

    private void outline(GC gc, Rectangle b, int color) {
        gc.setForeground(getDisplay().getSystemColor(color));
        gc.setLineWidth(3);
        // in the gap around the coloured frame, so the frame's colour stays visible
        int o = FRAME + 2;
        gc.drawRectangle(b.x - o, b.y - o, b.width + 2 * o - 1, b.height + 2 * o - 1);
        gc.setLineWidth(1);
    }

    private String help = "";

    private void paintBadges(GC gc, Rectangle b, int r, int c) {
        String text = fitted(gc, badgeText(r, c), b);
        if (text.isEmpty()) {
            return;
        }
        var extent = gc.textExtent(text);
        gc.setAlpha(170);
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.fillRectangle(b.x, b.y + b.height - extent.y, Math.min(b.width, extent.x + 4), extent.y);
        gc.setAlpha(255);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.setClipping(b);
        gc.drawText(text, b.x + 2, b.y + b.height - extent.y, true);
        gc.setClipping((Rectangle) null);
    }

    /**
     * The badges that fit cell {@code b} without hiding its spectrogram: whole badges from the first (the frames'
     * metric) while they fit the width, none when the cell is less than twice a line of text tall (a small grid keeps
     * its thumbnails readable; the cell's tooltip and the metric surface give every value).
     */
    public static String fitted(GC gc, String text, Rectangle b) {
        if (text.isEmpty() || b.height < 2 * gc.getFontMetrics().getHeight()) {
            return "";
        }
        String[] parts = text.split("  ");
        String shown = "";
        for (String part : parts) {
            String longer = shown.isEmpty() ? part : shown + "  " + part;
            if (gc.textExtent(longer).x + 4 > b.width) {
                break;
            }
            shown = longer;
        }
        return shown;
    }

    /**
     * The badges drawn on cell ({@code r}, {@code c}) at the seed shown: the frames' metric, classifier score, onset
     * AP and sync offset, each its mean over the cell's samples to two decimals (e.g. {@code P 0.91  AP 0.50  lag
     * 0.04}); empty when the cell has none.
     */
    public String badgeText(int r, int c) {
        StringBuilder text = new StringBuilder();
        java.util.List<String> names = new java.util.ArrayList<>();
        if (metric != null) {
            names.add(metric);
        }
        for (String name : java.util.List.of("classifierScore", "onsetAP", "syncOffset")) {
            if (!names.contains(name) && data.grid().metricNames().contains(name)) {
                names.add(name);
            }
        }
        for (String name : names) {
            SweepGrid.Summary s = data.grid().summary(name, r, c);
            if (s.n() > 0) {
                text.append(text.isEmpty() ? "" : "  ").append(badge(name)).append(' ')
                        .append(String.format(Locale.ROOT, "%.2f", s.mean()));
            }
        }
        return text.toString();
    }

    /** A short badge name for a metric. */
    static String badge(String name) {
        return switch (name) {
            case "classifierScore" -> "P";
            case "syncOffset" -> "lag";
            case "onsetAcc" -> "acc";
            case "onsetDetAcc" -> "det";
            case "onsetAP" -> "AP";
            default -> name;
        };
    }

    private double[] span(SweepGrid grid) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        if (metric != null) {
            for (int r = 0; r < grid.omegas().size(); r++) {
                for (int c = 0; c < grid.gammas().size(); c++) {
                    double v = MetricDirection.score(metric, grid.summary(metric, r, c).mean());
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        return new double[] {lo, hi};
    }

    private Color frameColor(int r, int c, double[] span) {
        double v = metric == null ? Double.NaN
                : MetricDirection.score(metric, data.grid().summary(metric, r, c).mean());
        if (!Double.isFinite(v)) {
            return new Color(getDisplay(), 128, 128, 128);
        }
        double t = span[1] > span[0] ? (v - span[0]) / (span[1] - span[0]) : 1;
        int argb = ColorMap.VIRIDIS.argb(t);
        return new Color(getDisplay(), (argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff);
    }

    /** The ARGB colour of a cell's frame as painted (for tests). */
    public int frameArgb(int r, int c) {
        Color color = frameColor(r, c, span(data.grid()));
        int argb = 0xff000000 | color.getRed() << 16 | color.getGreen() << 8 | color.getBlue();
        color.dispose();
        return argb;
    }

    private Image thumbnail(String stem) {
        return thumbnails.computeIfAbsent(stem, s -> melImage(data.mels().get(s)));
    }

    private Image melImage(FloatTensor mel) {
        int bins = mel.dim(0);
        int frames = mel.dim(1);
        ImageData image = new ImageData(frames, bins, 24, new PaletteData(0xff0000, 0xff00, 0xff));
        for (int b = 0; b < bins; b++) {
            for (int t = 0; t < frames; t++) {
                int argb = ColorMap.MAGMA.argb(mel.getFlat(b * frames + t));
                image.setPixel(t, bins - 1 - b, argb & 0xffffff);
            }
        }
        return new Image(getDisplay(), image);
    }

    private void disposeThumbnails() {
        thumbnails.values().forEach(Image::dispose);
        thumbnails.clear();
    }

    static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
