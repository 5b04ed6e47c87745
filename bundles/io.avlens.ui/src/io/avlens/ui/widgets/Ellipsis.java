package io.avlens.ui.widgets;

import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Label;

/** Text cut at its end with "…" to fit a width, so a cut shows as a cut rather than as a stray fragment ("lo"). */
public final class Ellipsis {

    private Ellipsis() {
    }

    /** {@code text}, cut with "…" to fit {@code width} pixels in {@code gc}'s font; "" when not even "…" fits. */
    public static String fit(GC gc, String text, int width) {
        if (text.isEmpty() || gc.textExtent(text).x <= width) {
            return text;
        }
        int n = text.length();
        while (n > 0 && gc.textExtent(text.substring(0, n) + "…").x > width) {
            n--;
        }
        return n == 0 ? "" : text.substring(0, n).stripTrailing() + "…";
    }

    /** Sets {@code text} on {@code label}, cut to the label's present width (its tooltip keeps the whole text). */
    public static void set(Label label, String text) {
        int width = label.getSize().x;
        if (width <= 0) {
            label.setText(text);
            return;
        }
        GC gc = new GC(label);
        try {
            label.setText(fit(gc, text, width));
        } finally {
            gc.dispose();
        }
    }
}
