package io.avlens.ui.widgets;

import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;

/** Rotated text for vertical axis titles. */
public final class VerticalText {

    private VerticalText() {
    }

    /**
     * {@code text} as long as fits {@code room} pixels in {@code gc}'s font: whole when it fits, else without a
     * trailing parenthesis ("ω (classifier-free)" becomes "ω"), else cut with an ellipsis.
     */
    public static String fit(GC gc, String text, int room) {
        if (gc.textExtent(text).x <= room) {
            return text;
        }
        int paren = text.lastIndexOf(" (");
        if (paren > 0 && text.endsWith(")") && gc.textExtent(text.substring(0, paren)).x <= room) {
            return text.substring(0, paren);
        }
        for (int n = text.length() - 1; n > 0; n--) {
            String cut = text.substring(0, n).strip() + "…";
            if (gc.textExtent(cut).x <= room) {
                return cut;
            }
        }
        return "";
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
