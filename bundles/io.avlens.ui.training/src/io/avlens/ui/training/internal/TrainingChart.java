package io.avlens.ui.training.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.axis.TickUnitSource;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The JFreeChart chart of a {@link LossCurve}: one line per loss column over the step on the left axis (linear or
 * logarithmic, optionally smoothed by a trailing moving average) and the secondary columns (CAVP's temperature),
 * raw, on their own right axis, named after them.
 * What is drawn is kept as plain arrays ({@link #shown}) for export and tests. UI thread (JFreeChart is not
 * thread-safe).
 */
public final class TrainingChart {

    /** How the curve is drawn. */
    public record Options(int smoothingWindow, boolean logScale, boolean showTemperature) {
        public Options {
            if (smoothingWindow < 1) {
                throw new IllegalArgumentException("smoothing window below 1: " + smoothingWindow);
            }
        }
    }

    /** One drawn line: its name and points (a NaN y is a gap). */
    public record Line(String name, double[] x, double[] y) {
    }

    private static final Color[] COLOURS = {new Color(0x1F77B4), new Color(0xD62728), new Color(0x2CA02C),
            new Color(0x9467BD), new Color(0x8C564B), new Color(0x17BECF), new Color(0xBCBD22)};
    private static final Color TEMPERATURE_COLOUR = new Color(0xFF7F0E);

    /** The smallest span a value axis shows, relative to the largest value's size. */
    public static final double MIN_RELATIVE_SPAN = 0.2;

    private final JFreeChart chart;
    private final XYPlot plot;
    private Options options = new Options(1, false, true);
    private LossCurve curve;
    private java.util.List<Line> shown = java.util.List.of();

    public TrainingChart() {
        NumberAxis steps = new NumberAxis("step");
        steps.setAutoRangeIncludesZero(false);
        steps.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // steps are whole numbers
        plot = new XYPlot(new XYSeriesCollection(), steps, lossAxis(false), lineRenderer(false));
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setNoDataMessage("No loss curve: Open... a loss.csv or Folder... a training run, or train a model (File >"
                + " Train...)");
        plot.getDomainAxis().setVisible(false);
        plot.getRangeAxis().setVisible(false);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        NumberAxis temperature = sparseAxis("temperature");
        temperature.setAutoRangeIncludesZero(false);
        temperature.setLabelPaint(TEMPERATURE_COLOUR);
        temperature.setTickLabelPaint(TEMPERATURE_COLOUR);
        plot.setRangeAxis(1, temperature);
        temperature.setVisible(false); // until a curve has such a column
        plot.setDataset(1, new XYSeriesCollection());
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, lineRenderer(true));
        chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.PLAIN, 12), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.TOP);
    }

    private static ValueAxis lossAxis(boolean log) {
        if (log) {
            LogAxis axis = new LogAxis("loss (log)") {
                private static final long serialVersionUID = 1L;

                @Override
                protected void selectVerticalAutoTickUnit(Graphics2D g2, Rectangle2D area, RectangleEdge edge) {
                    super.selectVerticalAutoTickUnit(g2, area, edge);
                    double decades = calculateLog(getUpperBound()) - calculateLog(getLowerBound());
                    NumberTickUnit unit = (NumberTickUnit) sparse(getTickUnit(), getStandardTickUnits(), decades,
                            area.getHeight());
                    setTickUnit(unit, false, false);
                    // enough digits that neighbouring ticks differ: a tick is 10^u times the one below it
                    double relative = Math.pow(10, unit.getSize()) - 1;
                    setNumberFormatOverride(new SignificantDigits(Math.max(2,
                            (int) Math.ceil(-Math.log10(relative)) + 1)));
                }
            };
            axis.setSmallestValue(1e-6);
            // tick labels as plain values of two significant digits (13, 7.9, 0.079), not powers of ten; more
            // digits where the ticks are closer (a plateau)
            axis.setNumberFormatOverride(new SignificantDigits(2));
            axis.setAutoRange(true);
            return axis;
        }
        NumberAxis axis = sparseAxis("loss");
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    /** At most one tick label per {@value #TICK_PIXELS} pixels of height. */
    private static final int TICK_PIXELS = 45;

    /** A value axis that keeps its tick labels {@value #TICK_PIXELS} pixels apart or more (round 1-2-5 steps). */
    static NumberAxis sparseAxis(String label) {
        return new NumberAxis(label) {
            private static final long serialVersionUID = 1L;

            @Override
            protected void selectVerticalAutoTickUnit(Graphics2D g2, Rectangle2D area, RectangleEdge edge) {
                super.selectVerticalAutoTickUnit(g2, area, edge);
                double span = getUpperBound() - getLowerBound();
                setTickUnit((NumberTickUnit) sparse(getTickUnit(), getStandardTickUnits(), span, area.getHeight()),
                        false, false);
            }
        };
    }

    /** {@code unit}, or the next larger standard unit until {@code span} holds no more ticks than the height allows. */
    static TickUnit sparse(TickUnit unit, TickUnitSource units, double span, double height) {
        double most = Math.max(2, height / TICK_PIXELS);
        TickUnit u = unit;
        for (int guard = 0; guard < 64 && span / u.getSize() > most; guard++) {
            TickUnit larger = units.getLargerTickUnit(u);
            if (larger.getSize() <= u.getSize()) {
                break;
            }
            u = larger;
        }
        return u;
    }

    /** Plain values of a number of significant digits (13, 7.9, 0.079 at two). */
    static final class SignificantDigits extends java.text.NumberFormat {
        private static final long serialVersionUID = 1L;
        private final int digits;

        SignificantDigits(int digits) {
            this.digits = digits;
        }

        @Override
        public StringBuffer format(double number, StringBuffer to, java.text.FieldPosition pos) {
            if (!Double.isFinite(number) || number == 0) {
                return to.append(number == 0 ? "0" : Double.toString(number));
            }
            return to.append(new java.math.BigDecimal(number).round(new java.math.MathContext(digits))
                    .stripTrailingZeros().toPlainString());
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, java.text.FieldPosition pos) {
            return format((double) number, to, pos);
        }

        @Override
        public Number parse(String source, java.text.ParsePosition pos) {
            return null;
        }
    }

    private static XYLineAndShapeRenderer lineRenderer(boolean temperature) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDrawSeriesLineAsPath(true);
        if (temperature) {
            for (int i = 0; i < COLOURS.length; i++) {
                renderer.setSeriesPaint(i, i == 0 ? TEMPERATURE_COLOUR : COLOURS[COLOURS.length - i]);
                renderer.setSeriesStroke(i, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                        new float[] {6f, 4f}, 0f));
            }
        } else {
            for (int i = 0; i < COLOURS.length; i++) {
                renderer.setSeriesPaint(i, COLOURS[i]);
                renderer.setSeriesStroke(i, new BasicStroke(1.5f));
            }
        }
        return renderer;
    }

    /** The chart, for a ChartComposite and for export. */
    public JFreeChart chart() {
        return chart;
    }

    /** The options in use. */
    public Options options() {
        return options;
    }

    /** Draws {@code newCurve} (null: nothing) with the options in use. */
    public void setCurve(LossCurve newCurve) {
        curve = newCurve;
        rebuild();
    }

    /** Redraws with {@code newOptions}. */
    public void setOptions(Options newOptions) {
        boolean axisChanged = newOptions.logScale() != options.logScale();
        options = newOptions;
        if (axisChanged) {
            plot.setRangeAxis(0, lossAxis(options.logScale()));
        }
        rebuild();
    }

    /** A value axis as drawn: its label and the range it shows. */
    public record Axis(String label, double lower, double upper, boolean visible) {
    }

    /** Value axis {@code index} (0 the losses', 1 the secondary columns'). */
    public Axis axis(int index) {
        ValueAxis a = plot.getRangeAxis(index);
        return new Axis(a.getLabel(), a.getLowerBound(), a.getUpperBound(), a.isVisible());
    }

    /** The lines drawn now: the losses first, then the secondary columns when they are shown. */
    public java.util.List<Line> shown() {
        return shown;
    }

    private void rebuild() {
        XYSeriesCollection losses = new XYSeriesCollection();
        XYSeriesCollection temperature = new XYSeriesCollection();
        java.util.List<Line> lines = new java.util.ArrayList<>();
        if (curve != null) {
            double[] steps = curve.steps();
            for (String column : curve.lossColumns()) {
                double[] y = Smoothing.movingAverage(curve.values(column), options.smoothingWindow());
                if (options.logScale()) {
                    for (int i = 0; i < y.length; i++) {
                        y[i] = y[i] > 0 ? y[i] : Double.NaN;
                    }
                }
                String name = options.smoothingWindow() > 1 ? column + " (avg " + options.smoothingWindow() + ")"
                        : column;
                lines.add(new Line(name, steps, y));
                losses.addSeries(series(name, steps, y));
            }
            if (options.showTemperature()) {
                for (String column : curve.secondaryColumns()) {
                    double[] t = curve.values(column);
                    lines.add(new Line(column, steps, t));
                    temperature.addSeries(series(column, steps, t));
                }
            }
            if (!curve.secondaryColumns().isEmpty()) {
                plot.getRangeAxis(1).setLabel(String.join(", ", curve.secondaryColumns()));
            }
            if (!curve.lossColumns().isEmpty()) { // the columns drawn on the left ("loss", "error" …)
                plot.getRangeAxis(0).setLabel(String.join(", ", curve.lossColumns())
                        + (options.logScale() ? " (log)" : ""));
            }
        }
        shown = java.util.List.copyOf(lines);
        plot.setDataset(0, losses);
        plot.setDataset(1, temperature);
        plot.getRangeAxis(1).setVisible(temperature.getSeriesCount() > 0);
        boolean any = losses.getSeriesCount() > 0 || temperature.getSeriesCount() > 0;
        plot.getDomainAxis().setVisible(any); // no curve: the message alone, not axes of made-up ranges
        plot.getRangeAxis(0).setVisible(any);
        if (plot.getRangeAxis(0) instanceof NumberAxis lossAxis) {
            fitRange(lossAxis, losses);
        }
        fitRange((NumberAxis) plot.getRangeAxis(1), temperature);
    }

    /**
     * Auto range, except for values that hardly change (a constant learning rate, a temperature that moves by 0.4 %):
     * those get a range of at least {@value #MIN_RELATIVE_SPAN} of their size around their middle, so a flat line is
     * drawn flat instead of a small wobble stretched over the whole height with ten-digit tick labels.
     */
    public static void fitRange(NumberAxis axis, XYSeriesCollection data) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            for (int i = 0; i < data.getItemCount(s); i++) {
                double y = data.getYValue(s, i);
                if (Double.isFinite(y)) {
                    lo = Math.min(lo, y);
                    hi = Math.max(hi, y);
                }
            }
        }
        double size = Math.max(Math.abs(lo), Math.abs(hi));
        if (!(hi >= lo) || size == 0 || hi - lo >= MIN_RELATIVE_SPAN * size) {
            axis.setAutoRange(true);
            return;
        }
        double middle = (lo + hi) / 2;
        axis.setRange(middle - MIN_RELATIVE_SPAN * size / 2, middle + MIN_RELATIVE_SPAN * size / 2);
    }

    private static XYSeries series(String name, double[] x, double[] y) {
        XYSeries series = new XYSeries(name, false, true);
        for (int i = 0; i < x.length; i++) {
            series.add(x[i], Double.isNaN(y[i]) ? null : Double.valueOf(y[i]), false);
        }
        return series;
    }
}
