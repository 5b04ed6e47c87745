package io.avlens.ui.embeddings.internal;

import java.io.ByteArrayOutputStream;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.PaletteData;

/** Conversions of the renderer's ARGB buffers to SWT image data and PNG. */
public final class Pixels {

    private Pixels() {
    }

    /** Opaque 24-bit image data of {@code argb} ({@code width × height}, row by row). Any thread. */
    public static ImageData imageData(int[] argb, int width, int height) {
        ImageData data = new ImageData(width, height, 24, new PaletteData(0xFF0000, 0xFF00, 0xFF));
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = argb[y * width + x] & 0xFFFFFF;
            }
            data.setPixels(0, y, width, row, 0);
        }
        return data;
    }

    /** The pixels as PNG bytes. */
    public static byte[] png(ImageData data) {
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {data};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        loader.save(out, SWT.IMAGE_PNG);
        return out.toByteArray();
    }
}
