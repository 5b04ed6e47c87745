package io.avlens.ui.embeddings.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

import io.avlens.ui.embeddings.internal.ScatterCanvas;
import io.avlens.ui.embeddings.internal.Scene;
import io.avlens.ui.embeddings.internal.Viewport;
import io.avlens.ui.testing.Ui;

/**
 * The scatter canvas resized: a view that frames all its points keeps framing them; a view the user moved keeps
 * every point it showed in view when made smaller, and comes back exactly when grown back, whatever the order of
 * the sides' changes.
 */
class ScatterResizeTest {

    private static final float[] XY = {-5, 1, 15, 3, 0, -9};

    @Test
    void aFittedViewStaysFittedAndAMovedOneComesBackWhenGrownBack() {
        Shell shell = Ui.sync(() -> new Shell(Ui.display(), SWT.NO_TRIM));
        try {
            ScatterCanvas canvas = Ui.sync(() -> {
                shell.setLayout(new FillLayout());
                ScatterCanvas c = new ScatterCanvas(shell);
                shell.setSize(800, 600);
                shell.open();
                c.setScene(new Scene(XY, 1, new int[3], null, new BitSet(), false, -1), true);
                return c;
            });
            Viewport fitted = Ui.sync(canvas::viewport);
            assertThat(Ui.sync(canvas::isFitted)).isTrue();

            // fitted: every size frames all points with the margin
            for (int[] size : new int[][] {{300, 600}, {300, 200}, {900, 250}}) {
                resize(shell, size);
                Point s = Ui.sync(canvas::getSize);
                assertThat(Ui.sync(canvas::viewport)).isEqualTo(Viewport.fit(XY, s.x, s.y, 16));
                assertThat(Ui.sync(canvas::isFitted)).isTrue();
            }
            resize(shell, new int[] {800, 600});
            assertThat(Ui.sync(canvas::viewport)).isEqualTo(fitted);

            // moved (zoomed out around a corner): shrink one side, then the other, then grow both back
            Ui.run(() -> canvas.zoomAt(100, 100, 0.7));
            Viewport moved = Ui.sync(canvas::viewport);
            assertThat(Ui.sync(canvas::isFitted)).isFalse();
            for (int[] size : new int[][] {{400, 600}, {400, 300}, {1000, 300}}) {
                resize(shell, size);
                Viewport v = Ui.sync(canvas::viewport);
                for (int i = 0; i < XY.length; i += 2) {
                    assertThat(v.screenX(XY[i])).as("x of point %d at %s", i / 2, size[0]).isBetween(0.0,
                            (double) size[0]);
                    assertThat(v.screenY(XY[i + 1])).as("y of point %d at %s", i / 2, size[1]).isBetween(0.0,
                            (double) size[1]);
                }
            }
            resize(shell, new int[] {800, 600});
            assertThat(Ui.sync(canvas::viewport)).as("the picture before the resizes").isEqualTo(moved);
            // refitting what is shown instead of what was chosen would not come back: the scale only shrinks
            assertThat(moved.refit(400, 600).refit(400, 300).refit(1000, 300).refit(800, 600).scale())
                    .isLessThan(moved.scale());
        } finally {
            Ui.run(shell::dispose);
        }
    }

    private static void resize(Shell shell, int[] size) {
        Ui.run(() -> shell.setSize(size[0], size[1]));
        Ui.settle();
        Point s = Ui.sync(() -> shell.getChildren()[0].getSize());
        assertThat(s.x).as("the canvas fills the shell").isEqualTo(size[0]);
        assertThat(s.y).isEqualTo(size[1]);
    }
}
