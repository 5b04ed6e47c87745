package io.avlens.ui.media.internal;

import java.util.function.DoubleSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;

import io.avlens.media.MediaInfo;
import io.avlens.ui.media.OverlayFrame;
import io.avlens.ui.widgets.ColorImages;

/**
 * The Video view's picture: the decoded frame fitted and centred on black, the overlays drawn over it in the frame's
 * coordinates, and a message (decoding, no video, an error) over both. Owns the frame's image. UI thread only.
 */
public final class PictureCanvas {

    private final Display display;
    private final Canvas canvas;
    private OverlayStack overlays;
    private MediaInfo media;
    private DoubleSupplier audioCursor = () -> Double.NaN;
    private Image image;
    private Frame shown;
    private String message;

    /** A canvas in {@code parent} showing {@code message} until the first frame. */
    public PictureCanvas(Composite parent, String message) {
        display = parent.getDisplay();
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        canvas.addListener(SWT.Paint, e -> paint(e.gc));
        this.message = message;
    }

    /** The canvas, for layout, listeners and focus. */
    public Canvas control() {
        return canvas;
    }

    /** The overlays drawn over the picture. */
    public void setOverlays(OverlayStack overlays) {
        this.overlays = overlays;
    }

    /**
     * A clip opened: its media (for the frame size the overlays are drawn in) and the audio time the overlays show;
     * {@code message} until its first frame.
     */
    public void open(MediaInfo clip, DoubleSupplier audioTime, String text) {
        clear();
        media = clip;
        audioCursor = audioTime;
        setMessage(text);
    }

    /** Shows {@code text} over the picture (null: none). */
    public void setMessage(String text) {
        message = text;
        redraw();
    }

    /** Shows a decoded frame (and drops the message). */
    public void frameLoaded(Frame frame) {
        ImageData data = ColorImages.rgb(frame.width(), frame.height());
        for (int y = 0; y < frame.height(); y++) {
            data.setPixels(0, y, frame.width(), frame.argb(), y * frame.width());
        }
        if (image != null) {
            image.dispose();
        }
        image = new Image(display, data);
        shown = frame;
        message = null;
        redraw();
    }

    /** Forgets the clip and its frame. */
    public void clear() {
        if (image != null) {
            image.dispose();
            image = null;
        }
        shown = null;
        media = null;
    }

    /** Repaints, unless disposed. */
    public void redraw() {
        if (!canvas.isDisposed()) {
            canvas.redraw();
        }
    }

    /** Draws what the view shows (picture, overlays, message) into {@code gc} at the canvas's size. */
    public void paint(GC gc) {
        Rectangle area = canvas.getClientArea();
        gc.setBackground(display.getSystemColor(SWT.COLOR_BLACK));
        gc.fillRectangle(area);
        Rectangle picture = pictureArea();
        if (picture != null) {
            Rectangle b = image.getBounds();
            gc.drawImage(image, 0, 0, b.width, b.height, picture.x, picture.y, picture.width, picture.height);
            if (overlays != null) {
                overlays.paint(gc, overlayFrame(picture));
            }
        }
        if (message != null) {
            gc.setForeground(display.getSystemColor(SWT.COLOR_WHITE));
            Point extent = gc.textExtent(message);
            gc.drawText(message, Math.max(4, (area.width - extent.x) / 2), area.height / 2 - extent.y / 2, true);
        }
    }

    /** What the overlays show at canvas point ({@code x}, {@code y}); empty outside the picture. */
    public String valueAt(int x, int y) {
        Rectangle picture = pictureArea();
        if (picture == null || overlays == null || !picture.contains(x, y)) {
            return "";
        }
        OverlayFrame frame = overlayFrame(picture);
        return overlays.valueAt(frame, (x - picture.x + 0.5) * frame.frameWidth() / picture.width,
                (y - picture.y + 0.5) * frame.frameHeight() / picture.height);
    }

    private OverlayFrame overlayFrame(Rectangle picture) {
        Rectangle b = image.getBounds();
        boolean sized = media != null && media.hasVideo() && media.video().width() > 0
                && media.video().height() > 0;
        return new OverlayFrame(shown.time(), audioCursor.getAsDouble(), sized ? media.video().width() : b.width,
                sized ? media.video().height() : b.height, picture, 1);
    }

    /** Where the picture is drawn in the canvas (fitted, centred), or null before the first frame. */
    public Rectangle pictureArea() {
        if (image == null) {
            return null;
        }
        Rectangle area = canvas.getClientArea();
        Rectangle b = image.getBounds();
        double scale = Math.min(area.width / (double) b.width, area.height / (double) b.height);
        int w = (int) Math.round(b.width * scale);
        int h = (int) Math.round(b.height * scale);
        return new Rectangle((area.width - w) / 2, (area.height - h) / 2, w, h);
    }

    /** The media time of the frame on screen, NaN before the first. */
    public double shownTime() {
        return shown == null ? Double.NaN : shown.time();
    }
}
