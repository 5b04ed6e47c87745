package io.avlens.ui.media.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.ScrollBar;

import io.avlens.core.time.TimeRange;
import io.avlens.core.time.TimeSelection;

/**
 * What the mouse and the scroll bar do on a {@link TimelineCanvas}: a click sets the cursor, a drag selects a range,
 * shift-click extends it, the wheel zooms around the pointer, shift-wheel, the horizontal wheel, the scroll bar or a
 * right/middle drag pan, a double click zooms to the selection (or shows the whole clip). The canvas draws; this
 * class only turns gestures into its listener's selections and its window. UI thread only.
 */
final class TimelineGestures {

    /** Pixels the pointer must move before a press becomes a drag. */
    private static final int DRAG_SLOP = 3;
    /** The share of the window one wheel notch pans. */
    private static final double PAN_PER_NOTCH = 1 / 20.0;
    /** The window's change of size per wheel notch. */
    private static final double ZOOM_PER_NOTCH = 1.25;

    private final TimelineCanvas canvas;
    private int dragButton;
    private int dragStartX;
    private double dragAnchor;
    private TimeRange dragWindow;
    private boolean dragged;

    TimelineGestures(TimelineCanvas canvas) {
        this.canvas = canvas;
        canvas.addListener(SWT.MouseDown, this::mouseDown);
        canvas.addListener(SWT.MouseMove, this::mouseMove);
        canvas.addListener(SWT.MouseUp, this::mouseUp);
        canvas.addListener(SWT.MouseDoubleClick, e -> doubleClick());
        canvas.addListener(SWT.MouseVerticalWheel, this::wheel);
        canvas.addListener(SWT.MouseHorizontalWheel, e -> canvas.pan(-e.count * notch()));
        ScrollBar bar = canvas.getHorizontalBar();
        if (bar != null) {
            bar.addListener(SWT.Selection, e -> scrolled(bar));
        }
    }

    private double notch() {
        return canvas.window().duration() * PAN_PER_NOTCH;
    }

    private void mouseDown(Event e) {
        canvas.setFocus();
        Rectangle p = canvas.plotArea();
        if (canvas.showsMessage() || e.x < p.x || e.x > p.x + p.width) {
            return;
        }
        dragButton = e.button;
        dragStartX = e.x;
        dragged = false;
        if (e.button == 1) {
            double t = canvas.extent().clamp(canvas.timeAt(e.x));
            boolean extend = (e.stateMask & SWT.SHIFT) != 0;
            dragAnchor = extend ? canvas.selection().cursor() : t;
            if (extend) {
                canvas.listener().selected(new TimeSelection(dragAnchor, t), false);
                dragButton = 0;
            }
        } else {
            dragWindow = canvas.window();
        }
    }

    private void mouseMove(Event e) {
        canvas.hover(e);
        if (dragButton == 0) {
            return;
        }
        if (Math.abs(e.x - dragStartX) > DRAG_SLOP) {
            dragged = true;
        }
        if (dragButton == 1 && dragged) {
            canvas.listener().selected(new TimeSelection(dragAnchor, canvas.extent().clamp(canvas.timeAt(e.x))),
                    true);
        } else if (dragButton != 1 && dragged) {
            double dt = (dragStartX - e.x) / (double) canvas.plotArea().width * dragWindow.duration();
            canvas.changeWindow(TimeRange.ofDuration(dragWindow.start() + dt, dragWindow.duration()));
        }
    }

    private void mouseUp(Event e) {
        if (dragButton == 1) {
            double t = canvas.extent().clamp(canvas.timeAt(e.x));
            canvas.listener().selected(dragged ? new TimeSelection(dragAnchor, t) : TimeSelection.at(t), false);
        }
        dragButton = 0;
    }

    private void doubleClick() {
        TimeSelection selection = canvas.selection();
        if (!selection.isCursor() && selection.range().duration() > 0) {
            canvas.changeWindow(selection.range());
        } else {
            canvas.changeWindow(canvas.extent());
        }
    }

    private void wheel(Event e) {
        if ((e.stateMask & SWT.SHIFT) != 0) {
            canvas.pan(-e.count * notch());
            return;
        }
        canvas.zoom(Math.pow(ZOOM_PER_NOTCH, -Math.signum(e.count)), canvas.timeAt(e.x));
    }

    private void scrolled(ScrollBar bar) {
        TimeRange extent = canvas.extent();
        double start = bar.getSelection() / (double) TimelineCanvas.SCROLL_UNITS * extent.duration() + extent.start();
        canvas.changeWindow(TimeRange.ofDuration(start, canvas.window().duration()));
    }
}
