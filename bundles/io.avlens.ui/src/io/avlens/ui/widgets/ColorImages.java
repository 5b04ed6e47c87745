package io.avlens.ui.widgets;

import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.widgets.Display;

import io.avlens.core.color.ColorMap;
import io.avlens.core.color.ColorScale;
import io.avlens.core.tensor.FloatTensor;

/** SWT images made from colour-mapped data; the caller disposes them. */
public final class ColorImages {

    private ColorImages() {
    }

    /** A 24-bit image data of the given size with an RGB direct palette. */
    public static ImageData rgb(int width, int height) {
        return new ImageData(Math.max(1, width), Math.max(1, height), 24, new PaletteData(0xff0000, 0xff00, 0xff));
    }

    /**
     * Colours a plane (rank 2: rows × columns, row 0 at the top) into an image, transparent where values are not
     * finite.
     */
    public static Image plane(Display display, FloatTensor values, ColorScale colorScale) {
        int rows = values.dim(0);
        int cols = values.dim(1);
        ImageData data = rgb(cols, rows);
        float[] all = values.toArray();
        int[] argb = new int[cols];
        byte[] alpha = new byte[cols];
        for (int r = 0; r < rows; r++) {
            colorScale.colorize(all, r * cols, argb, 0, cols);
            for (int c = 0; c < cols; c++) {
                alpha[c] = (byte) (argb[c] >>> 24);
            }
            data.setPixels(0, r, cols, argb, 0);
            data.setAlphas(0, r, cols, alpha, 0);
        }
        return new Image(display, data);
    }

    /** A 1 × {@link ColorMap#SIZE} image of the map, high values at the top, for colour bars. */
    public static Image colorBar(Display display, ColorMap map) {
        ImageData data = rgb(1, ColorMap.SIZE);
        int[] lut = map.lut();
        for (int i = 0; i < ColorMap.SIZE; i++) {
            data.setPixel(0, ColorMap.SIZE - 1 - i, lut[i] & 0xffffff);
        }
        return new Image(display, data);
    }
}
