package io.avlens.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

import io.avlens.core.color.ColorMap;
import io.avlens.core.color.ColorScale;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.ui.testing.Ui;
import io.avlens.ui.widgets.Axis;
import io.avlens.ui.widgets.HeatmapCanvas;
import io.avlens.ui.widgets.VerticalText;

/**
 * The one heatmap canvas the Tensor and Similarity views share: a view's layer draws over the plot and only there,
 * the cell under a click is reported with its value and axis values.
 */
class HeatmapCanvasTest {

    @Test
    void layersDrawInsideThePlotAndAClickReportsItsCell() {
        List<HeatmapCanvas.Hover> clicks = new ArrayList<>();
        Shell shell = Ui.sync(() -> new Shell(Ui.display()));
        try {
            HeatmapCanvas canvas = Ui.sync(() -> {
                shell.setLayout(new FillLayout());
                shell.setSize(400, 300);
                float[] values = new float[4 * 5];
                for (int i = 0; i < values.length; i++) {
                    values[i] = i;
                }
                FloatTensor plane = FloatTensor.of(new int[] {4, 5}, values);
                HeatmapCanvas c = new HeatmapCanvas(shell, SWT.NONE);
                c.setData(plane, ColorScale.fit(ColorMap.VIRIDIS, plane.stats()));
                c.setAxes(new Axis("x (s)", 10, 0.5), Axis.index("row"));
                c.addLayer((gc, plot) -> { // tries to paint everything: the canvas clips it to the plot
                    gc.setBackground(gc.getDevice().getSystemColor(SWT.COLOR_RED));
                    gc.fillRectangle(c.getClientArea());
                });
                c.setClickListener(clicks::add);
                shell.open();
                shell.layout(true, true);
                return c;
            });
            Rectangle plot = Ui.sync(canvas::plotArea);
            ImageData drawn = Ui.sync(() -> {
                Rectangle area = canvas.getClientArea();
                Image image = new Image(Ui.display(), area.width, area.height);
                GC gc = new GC(image);
                try {
                    canvas.paint(gc);
                    return image.getImageData();
                } finally {
                    gc.dispose();
                    image.dispose();
                }
            });
            RGB red = new RGB(255, 0, 0);
            assertThat(rgb(drawn, plot.x + plot.width / 2, plot.y + plot.height / 2)).isEqualTo(red);
            assertThat(rgb(drawn, plot.x - 10, plot.y + plot.height / 2)).as("left of the plot").isNotEqualTo(red);
            assertThat(rgb(drawn, plot.x + plot.width / 2, plot.y + plot.height + 10)).as("below the plot")
                    .isNotEqualTo(red);

            // the centre of row 2, column 3
            int x = Ui.sync(() -> canvas.xOf(3));
            int y = Ui.sync(() -> canvas.yOf(2));
            Ui.run(() -> {
                canvas.notifyListeners(SWT.MouseMove, Ui.mouse(x, y));
                canvas.notifyListeners(SWT.MouseDown, Ui.mouse(x, y));
            });
            assertThat(clicks).containsExactly(new HeatmapCanvas.Hover(2, 3, 13f, 11.5, 2));
            assertThat(Ui.sync(canvas::hovered)).isEqualTo(clicks.get(0));
        } finally {
            Ui.run(shell::dispose);
        }
    }

    @Test
    void aTitleMovesThePlotDownInsteadOfCoveringIt() {
        Shell shell = Ui.sync(() -> new Shell(Ui.display()));
        try {
            HeatmapCanvas canvas = Ui.sync(() -> {
                shell.setLayout(new FillLayout());
                shell.setSize(400, 300);
                FloatTensor plane = FloatTensor.of(new int[] {2, 2}, new float[] {0, 1, 2, 3});
                HeatmapCanvas c = new HeatmapCanvas(shell, SWT.NONE); // the plain look: 8 pixels above the plot
                c.setData(plane, ColorScale.fit(ColorMap.VIRIDIS, plane.stats()));
                shell.open();
                shell.layout(true, true);
                return c;
            });
            int untitledTop = Ui.sync(() -> canvas.plotArea().y - canvas.getClientArea().y);
            Ui.run(() -> canvas.setTitle("classifierScore (mean over 3 clips)"));
            int titledTop = Ui.sync(() -> canvas.plotArea().y - canvas.getClientArea().y);
            int titleHeight = Ui.sync(() -> {
                GC gc = new GC(canvas);
                try {
                    return gc.textExtent("classifierScore (mean over 3 clips)").y;
                } finally {
                    gc.dispose();
                }
            });
            assertThat(untitledTop).isEqualTo(8);
            assertThat(titledTop).as("the plot starts below the title").isGreaterThanOrEqualTo(3 + titleHeight);
            Ui.run(() -> canvas.setTitle(""));
            assertThat(Ui.sync(() -> canvas.plotArea().y - canvas.getClientArea().y)).isEqualTo(8);
        } finally {
            Ui.run(shell::dispose);
        }
    }

    @Test
    void aVerticalTitleTooLongForItsRoomLosesItsParenthesisThenItsEnd() {
        Shell shell = Ui.sync(() -> new Shell(Ui.display()));
        try {
            List<String> fitted = Ui.sync(() -> {
                GC gc = new GC(shell);
                try {
                    String label = "ω (classifier-free)";
                    int whole = gc.textExtent(label).x;
                    int symbol = gc.textExtent("ω").x;
                    int room = gc.textExtent("classifier-free guidance").x * 2 / 3;
                    String cut = VerticalText.fit(gc, "classifier-free guidance", room);
                    return List.of(VerticalText.fit(gc, label, whole), VerticalText.fit(gc, label, whole - 1),
                            VerticalText.fit(gc, label, symbol), cut, String.valueOf(gc.textExtent(cut).x <= room),
                            VerticalText.fit(gc, label, 0));
                } finally {
                    gc.dispose();
                }
            });
            assertThat(fitted.get(0)).isEqualTo("ω (classifier-free)");
            assertThat(fitted.get(1)).isEqualTo("ω");
            assertThat(fitted.get(2)).isEqualTo("ω");
            assertThat(fitted.get(3)).startsWith("classifier").endsWith("…");
            assertThat(fitted.get(4)).isEqualTo("true");
            assertThat(fitted.get(5)).isEmpty();
        } finally {
            Ui.run(shell::dispose);
        }
    }

    private static RGB rgb(ImageData data, int x, int y) {
        return data.palette.getRGB(data.getPixel(x, y));
    }
}
