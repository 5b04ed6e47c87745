package io.avlens.ui.retrieval.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.analysis.search.RetrievalHit;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthSpec;
import io.avlens.ui.retrieval.RetrievalView;
import io.avlens.ui.retrieval.internal.InspectorController;
import io.avlens.ui.retrieval.internal.RetrievalController;
import io.avlens.ui.testing.EmbedRuns;
import io.avlens.ui.testing.Ui;

/**
 * A typed text query in the retrieval inspector over a table MC3-small made of a generated dataset: the text goes
 * through the table's model's language encoder (as {@code avlens retrieve --query-text}), so a clip's own narration,
 * typed, finds a clip with that narration first.
 */
class RetrievalTextQueryTest {

    private static final int CLIPS = 8;

    @TempDir
    Path dir;

    @Test
    void typedNarrationFindsItsClip() throws Exception {
        IWorkbenchWindow window = Ui.window();
        Path data = dir.resolve("avshapes");
        new AvShapesGenerator(Ui.sessions().store()).generate(SynthSpec.of(CLIPS, 23), data, SynthProgress.NONE);
        Path folder = dir.resolve("mc3-table");
        EmbeddingTable table = EmbedRuns.embed(data, "mc3-small", folder);
        assertThat(table.modalities()).containsExactly("audio", "video", "text");

        IViewPart part = Ui.sync(() -> {
            try {
                return window.getActivePage().showView(RetrievalView.ID);
            } catch (org.eclipse.ui.PartInitException e) {
                throw new IllegalStateException(e);
            }
        });
        RetrievalView view = Ui.part(window, RetrievalView.ID, RetrievalView.class);
        InspectorController inspector = Ui.sync(view::inspector);
        Ui.run(() -> view.open(folder));
        Ui.waitUntil("the table", 60, () -> view.controller().table() != null && inspector.textTip().isEmpty());
        Ui.maximize(part, true);
        try {
            String narration = table.item(5).narration();
            Ui.run(() -> {
                inspector.setQuery(table.item(0).id(), "audio", "text", 5, false);
                inspector.setText(narration);
            });
            int before = Ui.sync(inspector::searches);
            Ui.run(inspector::search);
            Ui.waitUntil("the text search", 60, () -> inspector.searches() > before || inspector.problem() != null);
            assertThat(Ui.sync(inspector::problem)).isNull();
            RetrievalController.Results r = Ui.sync(() -> inspector.results().results());
            assertThat(r.query().item()).as("a text query, not clip 0").isEqualTo(-1);
            assertThat(r.query().text()).isEqualTo(narration);
            RetrievalHit first = r.hits().get(0);
            assertThat(table.item(first.row()).narration()).as("the first hit's narration").isEqualTo(narration);
            assertThat(first.score()).isGreaterThan(0.999f);
            Ui.settle();
            Ui.screenshot(window.getShell(), "retrieval-text");
        } finally {
            Ui.maximize(part, false);
            Ui.run(() -> window.getActivePage().hideView(part));
        }
    }
}
