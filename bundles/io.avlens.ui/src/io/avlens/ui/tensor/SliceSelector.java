package io.avlens.ui.tensor;

import java.util.Arrays;

import io.avlens.core.tensor.FloatTensor;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;

/**
 * One spinner per leading axis of an N-d tensor (all but the last two), choosing which 2-D plane to draw.
 * A 1-D tensor is drawn as one row, a 0-d tensor as one cell.
 */
final class SliceSelector {

    private final Composite panel;
    private final Runnable onChange;
    private Spinner[] spinners = new Spinner[0];
    private int[] shape = new int[0];

    SliceSelector(Composite parent, Runnable onChange) {
        this.panel = new Composite(parent, SWT.NONE);
        RowLayout layout = new RowLayout(SWT.HORIZONTAL);
        layout.center = true;
        this.panel.setLayout(layout);
        this.onChange = onChange;
    }

    void setShape(int[] newShape) {
        shape = newShape.clone();
        for (Control c : panel.getChildren()) {
            c.dispose();
        }
        int leading = Math.max(0, shape.length - 2);
        spinners = new Spinner[leading];
        for (int axis = 0; axis < leading; axis++) {
            new Label(panel, SWT.NONE).setText("axis " + axis + ":");
            Spinner s = new Spinner(panel, SWT.BORDER);
            s.setValues(0, 0, Math.max(0, shape[axis] - 1), 0, 1, 10);
            s.setToolTipText("index along axis " + axis + " (size " + shape[axis] + ")");
            s.addListener(SWT.Selection, e -> onChange.run());
            spinners[axis] = s;
        }
        panel.setVisible(leading > 0);
    }

    void select(int... index) {
        for (int i = 0; i < Math.min(index.length, spinners.length); i++) {
            spinners[i].setSelection(index[i]);
        }
    }

    /** The selected 2-D plane of {@code tensor}. */
    FloatTensor plane(FloatTensor tensor) {
        FloatTensor t = tensor;
        for (Spinner s : spinners) {
            t = t.slice(s.getSelection());
        }
        return switch (t.rank()) {
            case 0 -> t.reshape(1, 1);
            case 1 -> t.reshape(1, t.dim(0));
            case 2 -> t;
            default -> throw new IllegalStateException("plane of rank " + t.rank() + " from " + Arrays.toString(shape));
        };
    }
}
