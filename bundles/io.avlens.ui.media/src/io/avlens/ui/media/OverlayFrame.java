package io.avlens.ui.media;

import org.eclipse.swt.graphics.Rectangle;

/**
 * Where and when an overlay draws: the picture's time and size and the rectangle of the canvas it fills. Frame
 * coordinates (pixels of the decoded frame, 0..{@code frameWidth}) map linearly onto {@code picture}.
 *
 * @param videoTime   the media time of the frame on screen, seconds
 * @param audioTime   the audio time paired with it (the shared audio cursor), seconds
 * @param frameWidth  width of the frame, frame pixels
 * @param frameHeight height of the frame, frame pixels
 * @param picture     where the frame is drawn, canvas pixels
 * @param opacity     the user's opacity for this overlay, 0..1
 */
public record OverlayFrame(double videoTime, double audioTime, int frameWidth, int frameHeight, Rectangle picture,
        double opacity) {

    /** The canvas x of frame x {@code fx}. */
    public int toCanvasX(double fx) {
        return picture.x + (int) Math.round(fx * picture.width / frameWidth);
    }

    /** The canvas y of frame y {@code fy}. */
    public int toCanvasY(double fy) {
        return picture.y + (int) Math.round(fy * picture.height / frameHeight);
    }

    /** The canvas rectangle covering frame pixels {@code [fx, fx + w) × [fy, fy + h)}. */
    public Rectangle toCanvas(double fx, double fy, double w, double h) {
        int x0 = toCanvasX(fx);
        int y0 = toCanvasY(fy);
        return new Rectangle(x0, y0, toCanvasX(fx + w) - x0, toCanvasY(fy + h) - y0);
    }
}
