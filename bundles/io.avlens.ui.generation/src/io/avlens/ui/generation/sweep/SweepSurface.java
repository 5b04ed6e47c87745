package io.avlens.ui.generation.sweep;

import java.util.Locale;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.avlens.analysis.generation.SweepGrid;
import io.avlens.core.color.ColorMap;
import io.avlens.core.color.ColorScale;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.ui.widgets.Axis;
import io.avlens.ui.widgets.HeatmapCanvas;
import io.avlens.ui.widgets.KeyWords;

/**
 * The metric surface: one metric's cell means over (ω, γ) as a heatmap (the workbench's {@link HeatmapCanvas}),
 * per clip or, for a dataset sweep, averaged over its clips; each cell's value written on it, the best cell ringed,
 * and the tooltip gives mean ± standard deviation over seeds (and clips) with n ({@link SweepGrid#summary}). UI
 * thread.
 */
public final class SweepSurface extends Composite {

    private final Combo metrics;
    private java.util.List<String> keys = java.util.List.of(); // the metrics combo's keys, its items in words
    private final Label caption;
    private final HeatmapCanvas heatmap;
    private SweepGrid grid;
    private int clips;
    private SweepGrid.Position best;

    /** The surface in {@code parent}. */
    public SweepSurface(Composite parent) {
        super(parent, SWT.NONE);
        // one row for the metric and its best cell, the rest of the height for the surface (it is often short)
        GridLayoutFactory.fillDefaults().numColumns(3).margins(4, 4).applyTo(this);
        new Label(this, SWT.NONE).setText("Metric:");
        metrics = new Combo(this, SWT.READ_ONLY);
        metrics.addListener(SWT.Selection, e -> show(metric()));
        caption = new Label(this, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(caption);
        heatmap = new HeatmapCanvas(this, SWT.BORDER);
        GridDataFactory.fillDefaults().span(3, 1).grab(true, true).applyTo(heatmap);
        heatmap.addLayer(this::paintValues);
        heatmap.setHoverListener(h -> heatmap.setToolTipText(h == null ? null : tooltip(h.row(), h.column())));
    }

    /** Shows the metrics of {@code sweepGrid} ({@code clipCount} clips), keeping the chosen metric if it has it. */
    public void setGrid(SweepGrid sweepGrid, int clipCount) {
        grid = sweepGrid;
        clips = clipCount;
        String chosen = metric();
        keys = java.util.List.copyOf(grid.metricNames());
        metrics.setItems(keys.stream().map(KeyWords::of).toArray(String[]::new));
        int i = chosen == null ? -1 : grid.metricNames().indexOf(chosen);
        if (i < 0) {
            i = Math.max(0, grid.metricNames().indexOf("classifierScore"));
        }
        if (metrics.getItemCount() > 0) {
            metrics.select(i);
            show(metric());
        }
    }

    /** Shows {@code metric}'s surface. */
    public void show(String metric) {
        if (grid == null || metric == null || !grid.metricNames().contains(metric)) {
            return;
        }
        metrics.select(keys.indexOf(metric));
        String words = KeyWords.of(metric);
        int rows = grid.omegas().size();
        int cols = grid.gammas().size();
        float[] values = new float[rows * cols];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = grid.summary(metric, r, c).mean();
                values[r * cols + c] = (float) v;
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    double score = MetricDirection.score(metric, v);
                    if (score > bestScore) {
                        bestScore = score;
                        best = new SweepGrid.Position(r, c);
                    }
                }
            }
        }
        if (!(hi > lo)) {
            hi = Double.isFinite(lo) ? lo + 1e-6 : 1;
            lo = Double.isFinite(lo) ? lo : 0;
        }
        heatmap.setAxes(Axis.categories("γ (classifier)", grid.gammas().stream()
                .map(SweepGridCanvas::number).toList()), Axis.categories("ω (classifier-free)", grid.omegas().stream()
                .map(SweepGridCanvas::number).toList()));
        heatmap.setTitle(null); // the combo names the metric; the caption says over how many clips
        heatmap.setData(FloatTensor.wrap(new int[] {rows, cols}, values), new ColorScale(ColorMap.VIRIDIS, lo, hi));
        caption.setText(best == null ? words + ": no cell has it"
                : String.format(Locale.ROOT, "%sbest: ω %s, γ %s (%s)", clips > 1 ? "mean over " + clips
                        + " clips · " : "",
                        SweepGridCanvas.number(grid.omegas().get(best.row())),
                        SweepGridCanvas.number(grid.gammas().get(best.column())),
                        MetricDirection.higherIsBetter(metric) ? "highest" : metric.equals("syncOffset")
                                ? "closest to 0" : "lowest"));
        layout(true);
    }

    /** The metric shown (its key), or null. */
    public String metric() {
        int i = metrics.getSelectionIndex();
        return i < 0 || i >= keys.size() ? null : keys.get(i);
    }

    /** The best cell of the metric shown, or null. */
    public SweepGrid.Position best() {
        return best;
    }

    /** The heatmap. */
    public HeatmapCanvas heatmap() {
        return heatmap;
    }

    /** The tooltip of a cell: its value ± spread over seeds and clips, with n. */
    public String tooltip(int r, int c) {
        SweepGrid.Summary s = grid.summary(metric(), r, c);
        return String.format(Locale.ROOT, "ω %s, γ %s: %s = %.4f ± %.4f (n = %d)",
                SweepGridCanvas.number(grid.omegas().get(r)), SweepGridCanvas.number(grid.gammas().get(c)),
                metric(), s.mean(), s.sd(), s.n());
    }

    private void paintValues(GC gc, Rectangle plot) {
        if (grid == null || heatmap.data() == null) {
            return;
        }
        for (int r = 0; r < grid.omegas().size(); r++) {
            for (int c = 0; c < grid.gammas().size(); c++) {
                Rectangle b = heatmap.cellBounds(r, c);
                float v = heatmap.data().getFlat(r * grid.gammas().size() + c);
                String value = Float.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "–";
                String text = "ω " + SweepGridCanvas.number(grid.omegas().get(r)) + ", γ "
                        + SweepGridCanvas.number(grid.gammas().get(c)) + "\n" + value;
                var e = gc.textExtent(text);
                if (e.y > b.height - 8 || e.x > b.width - 8) { // a cell too small for its name: the value alone
                    text = value;
                    e = gc.textExtent(text);
                }
                gc.setForeground(getDisplay().getSystemColor(heatmap.colorScale().normalize(v) > 0.6 ? SWT.COLOR_BLACK
                        : SWT.COLOR_WHITE));
                gc.drawText(text, b.x + (b.width - e.x) / 2, b.y + (b.height - e.y) / 2, true);
                if (best != null && best.row() == r && best.column() == c) {
                    gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_RED));
                    gc.setLineWidth(3);
                    gc.drawRectangle(b.x + 2, b.y + 2, b.width - 5, b.height - 5);
                    gc.setLineWidth(1);
                }
            }
        }
    }
}
