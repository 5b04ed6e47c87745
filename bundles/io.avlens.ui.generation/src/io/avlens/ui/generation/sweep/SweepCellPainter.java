package io.avlens.ui.generation.sweep;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.SweepGrid;
import io.avlens.core.color.ColorMap;
import io.avlens.core.tensor.FloatTensor;

/**
 * Paints one cell of the guidance grid ({@link SweepGridCanvas}): the log-mel of its sample on the clip's time axis
 * (low frequencies at the bottom) with its detected onsets (white ticks at the top), the clip's ground-truth sound
 * events (cyan lines), the shared time cursor (red) and selected range, badges with the cell's metric means (the
 * chosen metric first), and its frame coloured by the chosen metric (viridis from the worst to the best cell). The
 * selected cell has a selection-coloured outline, the compared one a dashed magenta one, both outside the frame.
 * Keeps each sample's log-mel image until {@link #clear}. UI thread.
 */
final class SweepCellPainter {

    /** Width of a cell's coloured frame, pixels. */
    static final int FRAME = 4;

    /**
     * What the grid shows, for painting a cell.
     *
     * @param selected {@code [row, column]}
     * @param compared {@code [row, column]} or null
     */
    record View(SweepData data, String metric, int seedIndex, double cursor, double rangeBegin, double rangeEnd,
            int[] selected, int[] compared) {
    }

    private final Display display;
    private final Map<String, Image> thumbnails = new HashMap<>();

    SweepCellPainter(Display display) {
        this.display = display;
    }

    /** Paints cell ({@code r}, {@code c}) of {@code v} into thumbnail bounds {@code b}; {@code span}: {@link #span}. */
    void paint(GC gc, Rectangle b, View v, int r, int c, double[] span) {
        SweepData data = v.data();
        GeneratedSample sample = data.sample(r, c, v.seedIndex());
        Color frame = frameColor(data.grid(), v.metric(), r, c, span);
        gc.setBackground(frame);
        gc.fillRectangle(b.x - FRAME, b.y - FRAME, b.width + 2 * FRAME, b.height + 2 * FRAME);
        frame.dispose();
        if (sample == null) {
            return;
        }
        Image thumb = thumbnail(data, sample.stem());
        Rectangle t = thumb.getBounds();
        gc.drawImage(thumb, 0, 0, t.width, t.height, b.x, b.y, b.width, b.height);
        double seconds = data.seconds();
        if (!Double.isNaN(v.rangeBegin())) {
            gc.setAlpha(70);
            gc.setBackground(display.getSystemColor(SWT.COLOR_WHITE));
            int x0 = b.x + (int) Math.round(v.rangeBegin() / seconds * b.width);
            int x1 = b.x + (int) Math.round(v.rangeEnd() / seconds * b.width);
            gc.fillRectangle(x0, b.y, Math.max(1, x1 - x0), b.height);
            gc.setAlpha(255);
        }
        gc.setForeground(display.getSystemColor(SWT.COLOR_CYAN));
        gc.setLineStyle(SWT.LINE_DASH);
        for (double e : data.events()) {
            int x = b.x + (int) Math.round(e / seconds * b.width);
            gc.drawLine(x, b.y + b.height / 3, x, b.y + b.height - 1);
        }
        gc.setLineStyle(SWT.LINE_SOLID);
        gc.setForeground(display.getSystemColor(SWT.COLOR_WHITE));
        gc.setLineWidth(2);
        for (double o : data.onsets().getOrDefault(sample.stem(), new double[0])) {
            int x = b.x + (int) Math.round(o / seconds * b.width);
            gc.drawLine(x, b.y, x, b.y + Math.max(4, b.height / 4));
        }
        gc.setLineWidth(1);
        gc.setForeground(display.getSystemColor(SWT.COLOR_RED));
        int cx = b.x + (int) Math.round(v.cursor() / seconds * b.width);
        gc.drawLine(cx, b.y, cx, b.y + b.height - 1);
        paintBadges(gc, b, badgeText(data.grid(), v.metric(), r, c));
        if (v.compared() != null && v.compared()[0] == r && v.compared()[1] == c) {
            gc.setLineStyle(SWT.LINE_DASH);
            outline(gc, b, SWT.COLOR_MAGENTA);
            gc.setLineStyle(SWT.LINE_SOLID);
        }
        if (v.selected()[0] == r && v.selected()[1] == c) {
            outline(gc, b, SWT.COLOR_LIST_SELECTION);
        }
    }

    private void outline(GC gc, Rectangle b, int color) {
        gc.setForeground(display.getSystemColor(color));
        gc.setLineWidth(3);
        // in the gap around the coloured frame, so the frame's colour stays visible
        int o = FRAME + 2;
        gc.drawRectangle(b.x - o, b.y - o, b.width + 2 * o - 1, b.height + 2 * o - 1);
        gc.setLineWidth(1);
    }

    private void paintBadges(GC gc, Rectangle b, String badges) {
        String text = fitted(gc, badges, b);
        if (text.isEmpty()) {
            return;
        }
        var extent = gc.textExtent(text);
        gc.setAlpha(170);
        gc.setBackground(display.getSystemColor(SWT.COLOR_BLACK));
        gc.fillRectangle(b.x, b.y + b.height - extent.y, Math.min(b.width, extent.x + 4), extent.y);
        gc.setAlpha(255);
        gc.setForeground(display.getSystemColor(SWT.COLOR_WHITE));
        gc.setClipping(b);
        gc.drawText(text, b.x + 2, b.y + b.height - extent.y, true);
        gc.setClipping((Rectangle) null);
    }

    /**
     * The badges that fit cell {@code b} without hiding its spectrogram: whole badges from the first (the frames'
     * metric) while they fit the width, none when the cell is less than twice a line of text tall (a small grid keeps
     * its thumbnails readable; the cell's tooltip and the metric surface give every value).
     */
    static String fitted(GC gc, String text, Rectangle b) {
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
    static String badgeText(SweepGrid grid, String metric, int r, int c) {
        StringBuilder text = new StringBuilder();
        java.util.List<String> names = new java.util.ArrayList<>();
        if (metric != null) {
            names.add(metric);
        }
        for (String name : java.util.List.of("classifierScore", "onsetAP", "syncOffset")) {
            if (!names.contains(name) && grid.metricNames().contains(name)) {
                names.add(name);
            }
        }
        for (String name : names) {
            SweepGrid.Summary s = grid.summary(name, r, c);
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

    /** The worst and best score of {@code metric} over the grid's cells (the frames' colour range). */
    static double[] span(SweepGrid grid, String metric) {
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

    /** The colour of a cell's frame (the caller disposes it). */
    Color frameColor(SweepGrid grid, String metric, int r, int c, double[] span) {
        double v = metric == null ? Double.NaN
                : MetricDirection.score(metric, grid.summary(metric, r, c).mean());
        if (!Double.isFinite(v)) {
            return new Color(display, 128, 128, 128);
        }
        double t = span[1] > span[0] ? (v - span[0]) / (span[1] - span[0]) : 1;
        int argb = ColorMap.VIRIDIS.argb(t);
        return new Color(display, (argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff);
    }

    private Image thumbnail(SweepData data, String stem) {
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
        return new Image(display, image);
    }

    /** Disposes the thumbnails (new data, or the canvas goes). */
    void clear() {
        thumbnails.values().forEach(Image::dispose);
        thumbnails.clear();
    }
}
