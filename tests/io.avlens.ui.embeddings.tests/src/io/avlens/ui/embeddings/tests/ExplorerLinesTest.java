package io.avlens.ui.embeddings.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.ui.embeddings.EmbeddingExplorerView;
import io.avlens.ui.embeddings.OpenEmbeddingTableHandler;
import io.avlens.ui.embeddings.internal.ScatterCanvas;
import io.avlens.ui.embeddings.internal.ScatterRenderer;
import io.avlens.ui.embeddings.internal.Scene;
import io.avlens.ui.testing.Ui;

/**
 * The explorer's Lines checkbox says what the canvas draws: checked exactly when the picture on show has lines
 * joining each clip's points (it differs from the same scene drawn without them), through user clicks, a new
 * projection, a table of one modality (nothing to join: unchecked and disabled) and a table of two again (the choice
 * kept). Tables are made in memory: no model needed.
 */
class ExplorerLinesTest {

    @TempDir
    Path dir;

    @Test
    void theLinesCheckboxMatchesWhatTheCanvasDraws() {
        IWorkbenchWindow window = Ui.window();
        EmbeddingTable two = table(2, 1);
        EmbeddingTable one = table(1, 2);
        EmbeddingExplorerView view = Ui.sync(() -> OpenEmbeddingTableHandler.show(window, two, dir,
                new JsonObject()));
        try {
            check(view, two, false, "a table opened: no lines");
            Ui.run(view::clickLines);
            check(view, two, true, "the box clicked: lines");
            Ui.run(() -> view.project("pca"));
            check(view, two, true, "projected again: still lines");
            Ui.sync(() -> OpenEmbeddingTableHandler.show(window, one, dir, new JsonObject()));
            check(view, one, false, "one modality: nothing to join");
            assertThat(Ui.sync(() -> isLinesEnabled(view))).as("the box is disabled").isFalse();
            Ui.run(view::clickLines); // a click on a disabled box does nothing
            check(view, one, false, "one modality, clicked: still nothing");
            Ui.sync(() -> OpenEmbeddingTableHandler.show(window, two, dir, new JsonObject()));
            check(view, two, true, "two modalities again: the choice kept");
            Ui.run(view::clickLines);
            check(view, two, false, "clicked off");
            Ui.screenshot(window.getShell(), "explorer-lines-off");
        } finally {
            Ui.run(() -> window.getActivePage().hideView(window.getActivePage().findView(EmbeddingExplorerView.ID)));
        }
    }

    private static boolean isLinesEnabled(EmbeddingExplorerView view) {
        // the box is the toolbar's only check button labelled Lines
        return findLines(view.canvas().getParent()).isEnabled();
    }

    private static org.eclipse.swt.widgets.Button findLines(org.eclipse.swt.widgets.Composite c) {
        for (var child : c.getChildren()) {
            if (child instanceof org.eclipse.swt.widgets.Button b && "Lines".equals(b.getText())) {
                return b;
            }
            if (child instanceof org.eclipse.swt.widgets.Composite k) {
                var found = findLines(k);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Waits for the layout and its picture, then compares the checkbox with the picture on show. */
    private static void check(EmbeddingExplorerView view, EmbeddingTable table, boolean expected, String when) {
        Ui.waitUntil("the layout of " + when, 60, () -> view.table() == table && !view.isProjecting()
                && view.layout() != null && view.canvas().scene() != null && view.canvas().scene().xy() == view
                        .layout());
        Ui.waitUntil("the picture of " + when, 30, () -> view.canvas().isCurrent());
        boolean checked = Ui.sync(view::linesChecked);
        ScatterCanvas canvas = view.canvas();
        Scene drawn = Ui.sync(canvas::drawnScene);
        var viewport = Ui.sync(canvas::viewport);
        ScatterRenderer r = new ScatterRenderer();
        boolean linesVisible = !Arrays.equals(r.render(drawn, viewport, null), r.render(drawn.withLines(false),
                viewport, null));
        assertThat(checked).as("the box, %s", when).isEqualTo(expected);
        assertThat(linesVisible).as("lines in the picture on show, %s (box checked: %s)", when, checked)
                .isEqualTo(checked);
        assertThat(Ui.sync(view::linesDrawn)).isEqualTo(checked);
    }

    /** 12 clips of {@code m} modalities, D 8, random vectors (a modality's points apart from the clip's others). */
    private static EmbeddingTable table(int m, long seed) {
        int n = 12;
        int d = 8;
        Random random = new Random(seed);
        float[] values = new float[n * m * d];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        List<EmbeddingItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new EmbeddingItem("clip-" + i, "clip-" + i + ".mp4", i < 8 ? "train" : "test", "", Map.of()));
        }
        return new EmbeddingTable("test-model", m == 1 ? List.of("audio") : List.of("audio", "video"), d, values,
                items);
    }
}
