package io.avlens.ui.media.internal;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.avlens.ui.widgets.Ellipsis;

/**
 * The Video view's note at the end of its transport bar (playback speed, loop, an audio problem, the value under the
 * mouse). It takes only the room left (width hint 0, then grabbed), so a long note is cut with "…" instead of
 * squeezing the clock; the whole note is its tooltip. The text is fitted only when it or the room changed, not on
 * every frame played. UI thread.
 */
public final class NoteLabel {

    private final Label label;
    private String text = "";
    private int fittedWidth = -1;

    /** Adds the label to {@code bar} (a {@code GridLayout}), last. */
    public NoteLabel(Composite bar) {
        label = new Label(bar, SWT.RIGHT);
        GridDataFactory.fillDefaults().grab(true, false).hint(0, SWT.DEFAULT).align(SWT.FILL, SWT.CENTER)
                .applyTo(label);
    }

    /**
     * Shows {@code note} cut to the room the bar's layout left it, with {@code tooltip} (null: the note itself).
     * Call after the bar is laid out.
     */
    public void show(String note, String tooltip) {
        int width = label.getSize().x;
        if (!note.equals(text) || width != fittedWidth) {
            text = note;
            fittedWidth = width;
            Ellipsis.set(label, note);
        }
        label.setToolTipText(tooltip != null ? tooltip : note.isEmpty() ? null : note);
    }

    /** Says {@code message} (an error) at once, laying the bar out again. */
    public void say(String message) {
        text = message;
        fittedWidth = -1;
        label.setText(message);
        label.getParent().layout();
    }
}
