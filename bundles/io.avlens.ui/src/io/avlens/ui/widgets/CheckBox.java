package io.avlens.ui.widgets;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;

/**
 * Check boxes whose tick shows under the workbench theme on GTK 3. The theme styles every check box in a view
 * ({@code .View Button[style~='SWT.CHECK'] { background-color: inherit; }} in {@code e4_default_gtk.css}), and a
 * plain SWT check button styled so was drawn empty when checked (the Heads view's "head 1" and "head 2" looked off
 * while both heads were shown); clearing its background brought the tick back. These boxes are a subclass that
 * ignores background colours on GTK (they are transparent and show their parent's colour anyway); which of the two
 * keeps the tick (the subclass no longer matching the theme's rule, or the ignored colour) was not pinned down.
 * Elsewhere they are plain check buttons.
 */
public final class CheckBox {

    private CheckBox() {
    }

    /** A check box in {@code parent} (style {@code SWT.CHECK} plus {@code style}). */
    public static Button create(Composite parent, int style) {
        return new Button(parent, SWT.CHECK | style) {
            @Override
            protected void checkSubclass() {
                // only setBackground differs from SWT's Button
            }

            @Override
            public void setBackground(Color color) {
                if (!"gtk".equals(SWT.getPlatform())) {
                    super.setBackground(color);
                }
            }
        };
    }

    /** A check box in {@code parent}. */
    public static Button create(Composite parent) {
        return create(parent, SWT.NONE);
    }
}
