package io.avlens.ui.widgets;

import java.util.function.DoubleFunction;

import org.eclipse.swt.graphics.Point;

/**
 * How a {@link HeatmapCanvas} lays out its plot, axes and colour bar. Sizes are pixels.
 *
 * @param left            room left of the plot (tick labels, vertical axis title)
 * @param top             room above the plot (a title gets at least 3 pixels plus its height: the plot moves down)
 * @param bottom          room below the plot (tick labels, axis title)
 * @param barGap          gap between the plot and the colour bar
 * @param barWidth        width of the colour bar
 * @param barLabels       room right of the colour bar for its labels
 * @param xTickPixels     about one x tick per this many pixels
 * @param roundTicks      whether ticks sit on the rounded pixel of a value (else floored, like the cells' centres
 *                        {@link HeatmapCanvas#xOf} gives, which lines drawn by layers use)
 * @param barFormat       the colour bar's labels
 * @param barLabelsInside whether the bar's lowest label is kept above the plot's bottom edge
 * @param empty           the text shown without data
 * @param emptyAt         where that text is drawn, from the client area's corner
 */
public record HeatmapLook(int left, int top, int bottom, int barGap, int barWidth, int barLabels, int xTickPixels,
        boolean roundTicks, DoubleFunction<String> barFormat, boolean barLabelsInside, String empty, Point emptyAt) {

    /** The look of plain planes (the Tensor view): no title, labels as {@link Axis#format}. */
    public static final HeatmapLook PLAIN = new HeatmapLook(56, 8, 40, 14, 16, 56, 80, true, Axis::format, false,
            "No data", new Point(56, 8));

    /** Room right of the plot: the colour bar and its labels. */
    public int right() {
        return barGap + barWidth + barLabels;
    }
}
