package io.avlens.ui.retrieval.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.analysis.embedding.ClipEmbedding;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.analysis.search.ClipRetrieval;
import io.avlens.analysis.search.RetrievalHit;
import io.avlens.core.time.TimeSelection;
import io.avlens.models.QueryEncoder;
import io.avlens.models.QueryEncoderCatalog;
import io.avlens.runner.ExperimentSnapshots;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthSpec;
import io.avlens.ui.media.OpenClipHandler;
import io.avlens.ui.project.Inference;
import io.avlens.ui.retrieval.RetrievalView;
import io.avlens.ui.retrieval.internal.InspectorController;
import io.avlens.ui.retrieval.internal.RetrievalController;
import io.avlens.ui.testing.EmbedRuns;
import io.avlens.ui.testing.Ui;

/**
 * "Where else does this sound happen?" on a table CAVP-small made: a time span selected on the timeline of a clip is
 * offered as the query (CAVP's query encoders embed spans, not text), embedded as {@code avlens retrieve
 * --query-file F --start S --end E} embeds it (the family's encoder: the span's per-step features pooled) and ranked
 * as that command ranks it ({@link ClipRetrieval}), audio→audio.
 */
class RetrievalCavpSpanTest {

    private static final int CLIPS = 8;
    private static final int K = 5;

    @TempDir
    Path dir;

    @Test
    void queriesACavpTableByASelectedSpan() throws Exception {
        IWorkbenchWindow window = Ui.window();
        Path data = dir.resolve("avshapes");
        new AvShapesGenerator(Ui.sessions().store()).generate(SynthSpec.of(CLIPS, 31), data, SynthProgress.NONE);
        Path folder = dir.resolve("cavp-table");
        EmbeddingTable table = EmbedRuns.embed(data, "cavp-small", folder);
        IViewPart part = Ui.sync(() -> {
            try {
                return window.getActivePage().showView(RetrievalView.ID);
            } catch (org.eclipse.ui.PartInitException e) {
                throw new IllegalStateException(e);
            }
        });
        RetrievalView view = Ui.part(window, RetrievalView.ID, RetrievalView.class);
        InspectorController inspector = Ui.sync(view::inspector);
        try {
            Ui.run(() -> view.open(folder));
            Ui.waitUntil("the table and its encoders", 60, () -> view.controller().table() != null
                    && inspector.textChecked());
            assertThat(Ui.sync(inspector::textTip)).as("CAVP-small has no language encoder")
                    .contains("no text encoder");
            Path media = Ui.sync(() -> view.controller().media(2));
            Ui.run(() -> OpenClipHandler.open(media, window));
            Ui.waitUntil("the clip active", 30, () -> Ui.contexts().active().map(c -> c.file().equals(media))
                    .orElse(false));
            Ui.run(() -> Ui.contexts().active().orElseThrow().select(this_, new TimeSelection(1.0, 2.5)));
            Ui.waitUntil("the span offered", 10, () -> inspector.spanOffer().contains("1.00–2.50 s of"));
            assertThat(Ui.sync(inspector::spanOffer)).as("CAVP embeds spans").doesNotStartWith("disabled");
            Ui.run(() -> window.getActivePage().activate(part));
            Ui.maximize(part, true);
            int before = Ui.sync(inspector::searches);
            Ui.run(() -> {
                inspector.setQuery(table.item(0).id(), "audio", "audio", K, false);
                assertThat(inspector.useSpan(true)).isTrue();
                inspector.search();
            });
            Ui.waitUntil("the span search", 120, () -> inspector.searches() > before || inspector.problem() != null);
            assertThat(Ui.sync(inspector::problem)).isNull();
            RetrievalController.Results r = Ui.sync(() -> inspector.results().results());
            assertThat(r.query().span()).isNotNull();
            assertThat(r.query().span().row()).isEqualTo(2);

            // what avlens retrieve --index FOLDER --query-file MEDIA --start 1 --end 2.5 --from audio --to audio -k 5
            // computes: CAVP's query encoder embeds the span, ClipRetrieval ranks the table by it
            IEclipseContext context = PlatformUI.getWorkbench().getService(IEclipseContext.class);
            QueryEncoderCatalog catalog = Ui.sync(() -> context.get(QueryEncoderCatalog.class));
            float[] q;
            try (QueryEncoder encoder = catalog.forFamily("cavp").orElseThrow().open(ExperimentSnapshots.model(
                    Inference.settings().modelsFolder(), "cavp-small").descriptorFile())) {
                ClipEmbedding e = encoder.span(media, 1.0, 2.5);
                q = java.util.Arrays.copyOfRange(e.values(), 0, e.dimension());
                assertThat(q).as("the span is not the clip's row").isNotEqualTo(table.vector(2, 0));
            }
            List<RetrievalHit> cli = new ClipRetrieval(table, folder).exact(q, "audio", K);
            assertThat(r.hits()).isEqualTo(cli);
            System.out.println("CAVP span 1.0–2.5 s of " + table.item(2).id() + " audio→audio: " + r.hits().stream()
                    .map(h -> h.id() + " " + h.score()).toList() + " " + r.relevance());
            Ui.waitUntil("visible rows' thumbnails", 60, () -> inspector.results().decodedCount() >= 3);
            Ui.settle();
            Ui.screenshot(window.getShell(), "retrieval-cavp-span");
            Ui.run(() -> {
                inspector.useSpan(false);
                Ui.contexts().active().orElseThrow().moveCursor(this_, 0);
            });
        } finally {
            Ui.maximize(part, false);
            Ui.run(() -> window.getActivePage().hideView(part));
        }
    }

    private static final Object this_ = new Object();
}
