package io.avlens.ui.media.internal;

import java.util.Locale;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

import io.avlens.media.MediaInfo;

/**
 * The Video view's clock and frame counter in its transport bar: long ({@code 0:02.500 / 0:04.000   frame 21 / 32})
 * where it fits beside the controls left of it, else short ({@code 0:02.500  21/32}: without the duration and the
 * word "frame") instead of cut off; the long form is its tooltip. Which form fits is decided once per clip and bar
 * width, not on every frame played. UI thread.
 */
public final class ClockLabel {

    private final Label label;
    private MediaInfo fitFor;
    private boolean longForm = true;

    /** Adds the label to {@code bar} (a {@code GridLayout}), after the controls whose width it leaves room for. */
    public ClockLabel(Composite bar) {
        label = new Label(bar, SWT.NONE);
        GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.CENTER).applyTo(label);
    }

    /** The bar's width changed: the next {@link #show} decides the form again. */
    public void refit() {
        fitFor = null;
    }

    /** The label. */
    public Label control() {
        return label;
    }

    /** Shows no clip. */
    public void clear() {
        label.setText("--:--.---");
        label.setToolTipText(null);
    }

    /** Shows {@code position} of {@code media} at {@code fps} frames a second (no frame count without video). */
    public void show(MediaInfo media, double position, double fps) {
        long frames = media.hasVideo() ? Math.max(1, (long) Math.ceil(media.durationSeconds() * fps - 1e-9)) : 0;
        long frame = Math.min(Math.max(0, frames - 1), (long) Math.floor(position * fps + 1e-6));
        if (fitFor != media) {
            fitFor = media; // fits() forgets it again while the bar has no width yet
            longForm = fits(text(media, media.durationSeconds(), frames, frames, true));
        }
        String full = text(media, position, frame + 1, frames, true);
        label.setText(longForm ? full : text(media, position, frame + 1, frames, false));
        label.setToolTipText(full);
    }

    private static String text(MediaInfo media, double seconds, long frame, long frames, boolean full) {
        if (!full) {
            return clock(seconds) + (frames > 0 ? String.format(Locale.ROOT, "  %d/%d", frame, frames) : "");
        }
        return clock(seconds) + " / " + clock(media.durationSeconds())
                + (frames > 0 ? String.format(Locale.ROOT, "   frame %d / %d", frame, frames) : "");
    }

    /** Whether {@code text} fits the bar beside the controls left of the label. */
    private boolean fits(String text) {
        Composite bar = label.getParent();
        int width = bar.getClientArea().width;
        if (width <= 0) {
            fitFor = null; // not laid out yet: decide when it is
            return true;
        }
        int used = 0;
        for (Control c : bar.getChildren()) {
            if (c == label) {
                break;
            }
            used += c.computeSize(SWT.DEFAULT, SWT.DEFAULT).x + 6;
        }
        GC gc = new GC(label);
        try {
            return used + gc.textExtent(text).x + 12 <= width;
        } finally {
            gc.dispose();
        }
    }

    /** {@code m:ss.mmm}. */
    public static String clock(double seconds) {
        long ms = Math.round(Math.max(0, seconds) * 1000);
        return String.format(Locale.ROOT, "%d:%02d.%03d", ms / 60_000, ms / 1000 % 60, ms % 1000);
    }
}
