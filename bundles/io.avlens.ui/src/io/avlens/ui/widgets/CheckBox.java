package io.avlens.ui.widgets;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;

/**
 * Check boxes whose tick shows under the workbench theme on GTK 3. The theme gives every check box in a view its
 * parent's colour explicitly ({@code .View Button[style~='SWT.CHECK'] { background-color: inherit; }} in
 * {@code e4_default_gtk.css}); set on a GTK 3 check button, that colour also fills the checked indicator, so a checked
 * box is drawn as an empty one (the Heads view's "head 1" and "head 2" looked off while both heads were shown). On
 * GTK these boxes ignore background colours: they are transparent and show their parent's colour anyway. Elsewhere
 * they are plain check buttons.
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
