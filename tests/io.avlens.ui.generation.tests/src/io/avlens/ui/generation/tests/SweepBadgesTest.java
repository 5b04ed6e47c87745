package io.avlens.ui.generation.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Rectangle;
import org.junit.jupiter.api.Test;

import io.avlens.ui.generation.sweep.SweepGridCanvas;
import io.avlens.ui.testing.Ui;

/**
 * A small grid keeps its thumbnails readable: a cell draws whole badges from the first while they fit its width, and
 * none when it is less than two lines of text tall.
 */
class SweepBadgesTest {

    private static final String BADGES = "P 0.91  AP 0.50  lag 0.04";

    @Test
    void badgesFitTheCellOrStepAside() {
        List<String> fitted = Ui.sync(() -> {
            Image image = new Image(Ui.display(), 10, 10);
            GC gc = new GC(image);
            try {
                int line = gc.getFontMetrics().getHeight();
                int all = gc.textExtent(BADGES).x + 4;
                int first = gc.textExtent("P 0.91").x + 4;
                int two = gc.textExtent("P 0.91  AP 0.50").x + 4;
                return List.of(SweepGridCanvas.fitted(gc, BADGES, new Rectangle(0, 0, all + 10, 3 * line)),
                        SweepGridCanvas.fitted(gc, BADGES, new Rectangle(0, 0, two, 3 * line)),
                        SweepGridCanvas.fitted(gc, BADGES, new Rectangle(0, 0, first, 3 * line)),
                        SweepGridCanvas.fitted(gc, BADGES, new Rectangle(0, 0, first - 1, 3 * line)),
                        SweepGridCanvas.fitted(gc, BADGES, new Rectangle(0, 0, all + 10, 2 * line - 1)),
                        SweepGridCanvas.fitted(gc, "", new Rectangle(0, 0, all, 3 * line)));
            } finally {
                gc.dispose();
                image.dispose();
            }
        });
        assertThat(fitted.get(0)).as("a wide cell").isEqualTo(BADGES);
        assertThat(fitted.get(1)).as("room for two").isEqualTo("P 0.91  AP 0.50");
        assertThat(fitted.get(2)).as("room for one").isEqualTo("P 0.91");
        assertThat(fitted.get(3)).as("room for none").isEmpty();
        assertThat(fitted.get(4)).as("a thumbnail under two lines tall").isEmpty();
        assertThat(fitted.get(5)).as("no badges").isEmpty();
    }
}
