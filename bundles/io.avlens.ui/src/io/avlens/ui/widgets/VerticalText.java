package io.avlens.ui.widgets;

import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;

/** Rotated text for vertical axis titles. */
public final class VerticalText {

    private VerticalText() {
    }

    /** Draws {@code text} rotated 90° counter-clockwise, centred vertically on {@code centreY}. */
    public static void drawVertical(GC gc, String text, int x, int centreY) {
        Point extent = gc.textExtent(text);
        org.eclipse.swt.graphics.Transform t = new org.eclipse.swt.graphics.Transform(gc.getDevice());
        try {
            t.translate(x, centreY + extent.x / 2f);
            t.rotate(-90);
            gc.setTransform(t);
            gc.drawText(text, 0, 0, true);
        } finally {
            gc.setTransform(null);
            t.dispose();
        }
    }
}
