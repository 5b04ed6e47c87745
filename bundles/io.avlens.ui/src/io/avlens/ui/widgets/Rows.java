package io.avlens.ui.widgets;

import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** Row layouts for tool rows that wrap onto more lines in a narrow view instead of cutting their last controls off. */
public final class Rows {

    private Rows() {
    }

    /**
     * A horizontal, wrapping row layout with its controls centred on each line, no left or right margin, the given
     * top and bottom margins and {@code spacing} pixels between controls.
     */
    public static RowLayout wrapping(int spacing, int verticalMargin) {
        RowLayout layout = new RowLayout(SWT.HORIZONTAL);
        layout.wrap = true;
        layout.center = true;
        layout.marginLeft = 0;
        layout.marginRight = 0;
        layout.marginTop = verticalMargin;
        layout.marginBottom = verticalMargin;
        layout.spacing = spacing;
        return layout;
    }

    /**
     * A label in {@code row} with a composite for the control that follows it (create that control with the returned
     * composite as its parent), so in a wrapping row the two stay on one line.
     */
    public static Composite labelled(Composite row, String label) {
        Composite pair = new Composite(row, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(pair);
        new Label(pair, SWT.NONE).setText(label);
        return pair;
    }
}
