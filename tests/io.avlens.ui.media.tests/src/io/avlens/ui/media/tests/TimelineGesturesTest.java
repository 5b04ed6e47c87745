package io.avlens.ui.media.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.avlens.core.time.TimeRange;
import io.avlens.core.time.TimeSelection;
import io.avlens.ui.media.internal.TimelineCanvas;
import io.avlens.ui.testing.Ui;

/** The timeline's mouse: cursor, range, zoom around the pointer, pan, and back to the whole clip, on a 4 s clip. */
class TimelineGesturesTest {

    private Shell shell;
    private TimelineCanvas canvas;
    private final List<TimeSelection> selections = new ArrayList<>();
    private final List<TimeRange> windows = new ArrayList<>();

    @BeforeEach
    void open() {
        Ui.run(() -> {
            shell = new Shell(Ui.display());
            shell.setSize(700, 320);
            shell.setLayout(new org.eclipse.swt.layout.FillLayout());
            canvas = new TimelineCanvas(shell);
            canvas.setExtent(new TimeRange(0, 4));
            canvas.setWindow(new TimeRange(0, 4));
            canvas.setMessage(null);
            canvas.setListener(new TimelineCanvas.Listener() {
                @Override
                public void selected(TimeSelection selection, boolean adjusting) {
                    if (!adjusting) {
                        selections.add(selection);
                        canvas.setSelection(selection);
                    }
                }

                @Override
                public void windowChanged(TimeRange window) {
                    windows.add(window);
                }
            });
            shell.open();
            shell.layout();
        });
    }

    @AfterEach
    void close() {
        Ui.run(shell::dispose);
    }

    private void send(int type, int x, int button, int state, int count) {
        Ui.run(() -> {
            Event e = Ui.mouse(x, Ui.sync(() -> canvas.plotArea().y + 10));
            e.button = button;
            e.stateMask = state;
            e.count = count;
            canvas.notifyListeners(type, e);
        });
    }

    private int xOf(double t) {
        return Ui.sync(() -> canvas.xOf(t));
    }

    private void click(double t, int state) {
        send(SWT.MouseDown, xOf(t), 1, state, 1);
        send(SWT.MouseUp, xOf(t), 1, state, 1);
    }

    private <T> T on(java.util.function.Supplier<T> s) {
        return Ui.sync(s);
    }

    @Test
    void aClickSetsTheCursorAndAShiftClickExtendsItToARange() {
        click(1.0, 0);
        assertThat(selections.get(selections.size() - 1).cursor()).isCloseTo(1.0, within(0.02));
        click(2.5, SWT.SHIFT);
        TimeSelection range = selections.get(selections.size() - 1);
        assertThat(range.isCursor()).isFalse();
        assertThat(range.range().start()).isCloseTo(1.0, within(0.02));
        assertThat(range.range().end()).isCloseTo(2.5, within(0.02));
    }

    @Test
    void theWheelZoomsAroundThePointerAndShiftWheelAndRightDragPan() {
        int x = xOf(1.0);
        send(SWT.MouseVerticalWheel, x, 0, 0, 1); // one notch up: zoom in by 1.25
        TimeRange w = on(canvas::window);
        assertThat(w.duration()).isCloseTo(4 / 1.25, within(1e-9));
        assertThat(on(() -> canvas.timeAt(x))).as("the time under the pointer stays").isCloseTo(1.0, within(0.01));
        assertThat(windows).containsExactly(w);

        send(SWT.MouseVerticalWheel, x, 0, SWT.SHIFT, -1); // pans later by 1/20 of the window
        assertThat(on(canvas::window).start()).isCloseTo(w.start() + w.duration() / 20, within(1e-9));

        TimeRange before = on(canvas::window);
        Rectangle p = on(canvas::plotArea);
        int from = p.x + p.width / 2;
        send(SWT.MouseDown, from, 3, 0, 1);
        send(SWT.MouseMove, from - p.width / 4, 3, 0, 1);
        send(SWT.MouseUp, from - p.width / 4, 3, 0, 1);
        assertThat(on(canvas::window).start()).as("dragging left shows later times")
                .isCloseTo(Math.min(4 - before.duration(), before.start() + before.duration() / 4), within(0.01));
        assertThat(selections).as("a right drag selects nothing").isEmpty();
    }

    @Test
    void aDoubleClickZoomsToTheSelectedRangeOrBackToTheWholeClip() {
        click(1.0, 0);
        click(2.0, SWT.SHIFT);
        send(SWT.MouseDoubleClick, xOf(1.5), 1, 0, 2);
        assertThat(on(canvas::window).start()).isCloseTo(1.0, within(0.02));
        assertThat(on(canvas::window).end()).isCloseTo(2.0, within(0.02));
        click(1.5, 0);
        send(SWT.MouseDoubleClick, xOf(1.5), 1, 0, 2);
        assertThat(on(canvas::window)).isEqualTo(new TimeRange(0, 4));
    }
}
