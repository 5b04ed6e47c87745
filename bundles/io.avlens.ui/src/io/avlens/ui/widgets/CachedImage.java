package io.avlens.ui.widgets;

import java.util.function.Consumer;

import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;

/**
 * An off-screen image a canvas draws its expensive, rarely changing layer into (a heatmap, a spectrogram, axes), so
 * that a paint while scrubbing is one blit plus a light overlay. The image is kept while the canvas keeps its size
 * and replaced when the size changes. UI thread only; the owner disposes it with its widget.
 */
public final class CachedImage {

    private Image image;

    /** Whether an image of exactly {@code client}'s size is held. */
    public boolean fits(Rectangle client) {
        return image != null && image.getBounds().equals(client);
    }

    /**
     * Draws {@code painter} into an image of {@code client}'s size (the last one when its size still fits) and
     * returns it.
     */
    public Image render(Display display, Rectangle client, Consumer<GC> painter) {
        if (image != null && !fits(client)) {
            image.dispose();
            image = null;
        }
        if (image == null) {
            image = new Image(display, client.width, client.height);
        }
        GC gc = new GC(image);
        try {
            painter.accept(gc);
        } finally {
            gc.dispose();
        }
        return image;
    }

    /** The image last rendered, or null. */
    public Image image() {
        return image;
    }

    /** Frees the image; a later {@link #render} makes a new one. */
    public void dispose() {
        if (image != null) {
            image.dispose();
            image = null;
        }
    }
}
