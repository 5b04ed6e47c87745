package io.avlens.ui.retrieval.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.swt.graphics.Device;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;

import io.avlens.media.DisplayFrame;

/** SWT images of {@link Thumbnails}, made once per clip on the UI thread and disposed with the owner. */
final class Pictures {

    /** A clip's frame strip and spectrogram (either may be null). */
    record Strip(Image frames, Image spectrogram) {
    }

    private final Map<Path, Strip> images = new HashMap<>();

    /** The images of a decoded clip. */
    Strip of(Device device, Path media, Thumbnails.Clip clip) {
        return images.computeIfAbsent(media, m -> new Strip(strip(device, clip.frames()),
                clip.spectrogram() == null ? null : image(device, Thumbnails.SPEC_W, Thumbnails.SPEC_H,
                        clip.spectrogram())));
    }

    private static Image strip(Device device, DisplayFrame[] frames) {
        if (frames.length == 0) {
            return null;
        }
        int w = Thumbnails.FRAME_W * frames.length + 2 * (frames.length - 1);
        int h = Thumbnails.FRAME_H;
        int[] argb = new int[w * h];
        java.util.Arrays.fill(argb, 0xFF202020);
        for (int i = 0; i < frames.length; i++) {
            DisplayFrame f = frames[i];
            int x0 = i * (Thumbnails.FRAME_W + 2) + (Thumbnails.FRAME_W - f.width()) / 2;
            int y0 = (h - f.height()) / 2;
            for (int y = 0; y < f.height(); y++) {
                System.arraycopy(f.argb(), y * f.width(), argb, (y0 + y) * w + x0, f.width());
            }
        }
        return image(device, w, h, argb);
    }

    static Image image(Device device, int w, int h, int[] argb) {
        ImageData data = new ImageData(w, h, 24, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
        for (int y = 0; y < h; y++) {
            data.setPixels(0, y, w, argb, y * w);
        }
        return new Image(device, data);
    }

    void dispose() {
        for (Strip s : images.values()) {
            if (s.frames() != null) {
                s.frames().dispose();
            }
            if (s.spectrogram() != null) {
                s.spectrogram().dispose();
            }
        }
        images.clear();
    }
}
