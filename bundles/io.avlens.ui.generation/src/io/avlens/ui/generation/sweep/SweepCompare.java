package io.avlens.ui.generation.sweep;

import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.core.color.ColorMap;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.ui.widgets.VerticalText;

/**
 * Two cells side by side: the selected cell's log-mel (A), the compared cell's (B, shift-click in the grid) and
 * their difference A − B (cool-warm, ±{@value #RANGE} of the mel's [0, 1] range; red: A louder), each on the clip's
 * time axis. The mean |A − B| is in the title. UI thread.
 */
public final class SweepCompare extends Canvas {

    /** The difference that saturates the colour map, in the mel's [0, 1] units. */
    static final double RANGE = 0.5;

    private Image a;
    private Image b;
    private Image diff;
    private String title = "Shift-click a second cell in the grid to compare it with the selected one.";
    private double meanAbs = Double.NaN;

    /** The panel in {@code parent}. */
    public SweepCompare(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED);
        addListener(SWT.Paint, e -> paint(e.gc));
        addListener(SWT.Dispose, e -> disposeImages());
    }

    /** Compares sample {@code first} with {@code second} of {@code data} (either null: nothing). */
    public void compare(SweepData data, GeneratedSample first, GeneratedSample second) {
        disposeImages();
        meanAbs = Double.NaN;
        if (data == null || first == null || second == null) {
            redraw();
            return;
        }
        FloatTensor ma = data.mels().get(first.stem());
        FloatTensor mb = data.mels().get(second.stem());
        int bins = ma.dim(0);
        int frames = ma.dim(1);
        float[] d = new float[ma.size()];
        double sum = 0;
        for (int i = 0; i < d.length; i++) {
            d[i] = ma.getFlat(i) - mb.getFlat(i);
            sum += Math.abs(d[i]);
        }
        meanAbs = sum / d.length;
        a = image(ma, ColorMap.MAGMA, 0, 1);
        b = image(mb, ColorMap.MAGMA, 0, 1);
        diff = image(FloatTensor.wrap(new int[] {bins, frames}, d), ColorMap.COOLWARM, -RANGE, RANGE);
        title = String.format(Locale.ROOT, "A: %s   B: %s   A − B: mean |Δ| %.3f", label(first), label(second),
                meanAbs);
        redraw();
    }

    /** The mean |A − B| of the cells compared, NaN without two. */
    public double meanAbsoluteDifference() {
        return meanAbs;
    }

    private static String label(GeneratedSample s) {
        return "ω " + SweepGridCanvas.number(s.settings().omega()) + ", γ "
                + SweepGridCanvas.number(s.settings().gamma()) + ", seed " + s.settings().seed();
    }

    private void paint(GC gc) {
        Rectangle area = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_BACKGROUND));
        gc.fillRectangle(area);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        gc.drawText(title, 4, 2, true);
        if (a == null) {
            return;
        }
        int w = (area.width - 16) / 3;
        int h = area.height - 40;
        // what the colours mean, on each panel (log-mel units: 1 = 100 dB, as the Timeline's lanes)
        String[] names = {"A: log-mel, bright 0 dB … dark −100 dB", "B: the same scale",
            String.format(Locale.ROOT, "A − B: red A louder, blue B louder, ±%.0f dB saturates", RANGE * 100)};
        Image[] images = {a, b, diff};
        for (int i = 0; i < 3; i++) {
            int x = 4 + i * (w + 4);
            gc.drawText(VerticalText.fit(gc, names[i], w), x, 20, true);
            Rectangle s = images[i].getBounds();
            gc.drawImage(images[i], 0, 0, s.width, s.height, x, 36, w, Math.max(1, h));
        }
    }

    private Image image(FloatTensor mel, ColorMap map, double lo, double hi) {
        int bins = mel.dim(0);
        int frames = mel.dim(1);
        ImageData data = new ImageData(frames, bins, 24, new PaletteData(0xff0000, 0xff00, 0xff));
        for (int bin = 0; bin < bins; bin++) {
            for (int t = 0; t < frames; t++) {
                double v = (mel.getFlat(bin * frames + t) - lo) / (hi - lo);
                data.setPixel(t, bins - 1 - bin, map.argb(Math.max(0, Math.min(1, v))) & 0xffffff);
            }
        }
        return new Image(getDisplay(), data);
    }

    private void disposeImages() {
        for (Image i : new Image[] {a, b, diff}) {
            if (i != null) {
                i.dispose();
            }
        }
        a = null;
        b = null;
        diff = null;
    }
}
