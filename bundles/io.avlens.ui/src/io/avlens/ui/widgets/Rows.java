package io.avlens.ui.widgets;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.RowLayout;

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
}
