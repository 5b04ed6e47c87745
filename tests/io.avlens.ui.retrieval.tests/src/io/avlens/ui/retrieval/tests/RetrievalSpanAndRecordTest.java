package io.avlens.ui.retrieval.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
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
import io.avlens.analysis.embedding.RetrievalScores;
import io.avlens.analysis.search.ClipRetrieval;
import io.avlens.analysis.search.RetrievalHit;
import io.avlens.core.time.TimeSelection;
import io.avlens.model.Experiment;
import io.avlens.model.Project;
import io.avlens.model.Run;
import io.avlens.models.QueryEncoder;
import io.avlens.models.QueryEncoderCatalog;
import io.avlens.runner.ExperimentSnapshots;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthSpec;
import io.avlens.ui.media.OpenClipHandler;
import io.avlens.ui.project.Inference;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.retrieval.RetrievalView;
import io.avlens.ui.retrieval.internal.GalleryMetrics;
import io.avlens.ui.retrieval.internal.InspectorController;
import io.avlens.ui.retrieval.internal.RetrievalController;
import io.avlens.ui.runs.RunsView;
import io.avlens.ui.testing.EmbedRuns;
import io.avlens.ui.testing.Ui;

/**
 * The retrieval inspector over a table MC3-small made of a generated AV-Shapes project: a time span selected on the
 * timeline of a clip is the query (embedded alone, as {@code avlens retrieve --query-file F --start S --end E}
 * embeds it, and ranked as that command ranks it), and the gallery's metrics are recorded as a Run of the project
 * (experiment {@code retrieval-mc3-small}), shown in the Runs view with the figures of the Metrics tab, and kept when
 * the project is saved.
 */
class RetrievalSpanAndRecordTest {

    private static final int CLIPS = 8;
    private static final int K = 5;

    @TempDir
    Path dir;

    @Test
    void queriesByASelectedSpanAndRecordsTheMetricsAsARun() throws Exception {
        IWorkbenchWindow window = Ui.window();
        Path data = dir.resolve("avshapes");
        new AvShapesGenerator(Ui.sessions().store()).generate(SynthSpec.of(CLIPS, 29), data, SynthProgress.NONE);
        Path folder = dir.resolve("mc3-table");
        EmbeddingTable table = EmbedRuns.embed(data, "mc3-small", folder);
        ProjectSession session = Ui.sync(() -> {
            try {
                return Ui.sessions().open(data);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
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
            span(window, view, inspector, table, folder);
            record(window, view, inspector, table, session, data);
        } finally {
            Ui.maximize(part, false);
            Ui.run(() -> window.getActivePage().hideView(part));
            IViewPart runs = Ui.sync(() -> window.getActivePage().findView(RunsView.ID));
            if (runs != null) {
                Ui.run(() -> window.getActivePage().hideView(runs));
            }
            Ui.run(() -> Ui.sessions().close(session));
        }
    }

    private static void span(IWorkbenchWindow window, RetrievalView view, InspectorController inspector,
            EmbeddingTable table, Path folder) throws Exception {
        assertThat(Ui.sync(inspector::spanOffer)).as("no clip, no span").startsWith("disabled");
        // the third clip is the Video view's clip; 1.0–2.5 s of it selected on the timeline
        Path media = Ui.sync(() -> view.controller().media(2));
        Ui.run(() -> OpenClipHandler.open(media, window));
        Ui.waitUntil("the clip active", 30, () -> Ui.contexts().active().map(c -> c.file().equals(media))
                .orElse(false));
        assertThat(Ui.sync(inspector::spanOffer)).as("a cursor is no span").startsWith("disabled");
        Ui.run(() -> Ui.contexts().active().orElseThrow().select(this_, new TimeSelection(1.0, 2.5)));
        Ui.waitUntil("the span offered", 10, () -> inspector.spanOffer().contains("1.00–2.50 s of"));
        IViewPart inspectorPart = Ui.sync(() -> window.getActivePage().findView(RetrievalView.ID));
        Ui.run(() -> window.getActivePage().activate(inspectorPart));
        Ui.maximize(inspectorPart, true);
        int before = Ui.sync(inspector::searches);
        Ui.run(() -> {
            inspector.setQuery(table.item(0).id(), "audio", "video", K, false);
            assertThat(inspector.useSpan(true)).isTrue();
            inspector.search();
        });
        Ui.waitUntil("the span search", 120, () -> inspector.searches() > before || inspector.problem() != null);
        assertThat(Ui.sync(inspector::problem)).isNull();
        RetrievalController.Results r = Ui.sync(() -> inspector.results().results());
        assertThat(r.query().span()).isNotNull();
        assertThat(r.query().span().row()).isEqualTo(2);
        assertThat(r.query().item()).as("not clip 0 of the list").isEqualTo(-1);

        // what avlens retrieve --index FOLDER --query-file MEDIA --start 1 --end 2.5 --from audio --to video -k 5
        // computes: the family's query encoder embeds the span, ClipRetrieval ranks the table by it
        IEclipseContext context = PlatformUI.getWorkbench().getService(IEclipseContext.class);
        QueryEncoderCatalog catalog = Ui.sync(() -> context.get(QueryEncoderCatalog.class));
        float[] q;
        try (QueryEncoder encoder = catalog.forFamily("mc3").orElseThrow().open(ExperimentSnapshots.model(
                Inference.settings().modelsFolder(), "mc3-small").descriptorFile())) {
            ClipEmbedding e = encoder.span(media, 1.0, 2.5);
            q = java.util.Arrays.copyOfRange(e.values(), 0, e.dimension());
            ClipEmbedding whole = encoder.media(media);
            assertThat(java.util.Arrays.copyOfRange(whole.values(), 0, whole.dimension())).as("the span is not the"
                    + " whole clip").isNotEqualTo(q);
        }
        List<RetrievalHit> cli = new ClipRetrieval(table, folder).exact(q, "video", K);
        assertThat(r.hits()).isEqualTo(cli);
        System.out.println("span 1.0–2.5 s of " + table.item(2).id() + " audio→video: " + r.hits().stream()
                .map(h -> h.id() + " " + h.score()).toList() + " " + r.relevance());
        Ui.waitUntil("visible rows' thumbnails", 60, () -> inspector.results().decodedCount() >= 3);
        Ui.screenshot(window.getShell(), "retrieval-span");
        // the selection dropped (another view moves the cursor): no span offered; back, the choice is kept
        Ui.run(() -> Ui.contexts().active().orElseThrow().moveCursor(this_, 0.5));
        Ui.waitUntil("the span withdrawn", 10, () -> inspector.spanOffer().startsWith("disabled"));
        assertThat(Ui.sync(() -> inspector.query().span())).isNull();
        Ui.run(() -> Ui.contexts().active().orElseThrow().select(this_, new TimeSelection(1.0, 2.5)));
        Ui.waitUntil("the span offered again", 10, () -> !inspector.spanOffer().startsWith("disabled"));
        assertThat(Ui.sync(() -> inspector.query().span())).as("still chosen").isNotNull();
        Ui.run(() -> {
            inspector.useSpan(false);
            Ui.contexts().active().orElseThrow().moveCursor(this_, 0);
        });
    }

    private static void record(IWorkbenchWindow window, RetrievalView view, InspectorController inspector,
            EmbeddingTable table, ProjectSession session, Path data) throws Exception {
        Ui.run(() -> {
            view.showTab(RetrievalView.METRICS);
            inspector.computeMetrics();
        });
        Ui.waitUntil("the metrics", 60, () -> inspector.metrics().metrics() != null);
        GalleryMetrics m = Ui.sync(() -> inspector.metrics().metrics());
        Ui.maximize(Ui.sync(() -> window.getActivePage().findView(RetrievalView.ID)), false);
        Run run = Ui.sync(inspector::recordRun);
        assertThat(run).as(Ui.sync(inspector::status)).isNotNull();
        assertThat(Ui.sync(inspector::status)).contains("Recorded run " + run.getId(), "retrieval-mc3-small");
        RetrievalScores a2v = m.scores().get(0);
        assertThat(a2v.direction()).isEqualTo("audio→video");
        assertThat(a2v.relevance()).isEqualTo("sameClip");

        // the Runs view shows it, a column per figure
        RunsView runs = Ui.sync(() -> (RunsView) window.getActivePage().findView(RunsView.ID));
        assertThat(runs).isNotNull();
        Ui.waitUntil("the run's metric columns", 10, () -> runs.columnTitles().contains("audio→video R@1"));
        assertThat(Ui.sync(runs::columnTitles)).contains("n", "audio→video mAP", "video→text R@10",
                "audio→video R@1 (material+action)");
        int column = Ui.sync(runs::columnTitles).indexOf("audio→video R@1");
        String cell = Ui.sync(() -> {
            var table1 = runs.runsViewer().getTable();
            for (var item : table1.getItems()) {
                if (item.getData() == run) {
                    return item.getText(column);
                }
            }
            return null;
        });
        assertThat(cell).as("the run's row").isNotNull();
        assertThat(Double.parseDouble(cell)).isCloseTo(a2v.recallAt1(), org.assertj.core.data.Offset.offset(
                0.0005));
        Ui.run(() -> window.getActivePage().activate(runs));
        Ui.maximize(runs, true);
        Ui.screenshot(window.getShell(), "retrieval-run-recorded");
        Ui.maximize(runs, false);

        // recorded through the session (undoable, the project dirty); saved, the file holds it; run.json beside
        assertThat(Ui.sync(session::isDirty)).isTrue();
        Ui.run(() -> {
            try {
                session.save();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Project saved = Ui.sessions().store().open(data);
        Experiment e = saved.findExperiment("retrieval-mc3-small");
        assertThat(e).isNotNull();
        assertThat(e.getRuns()).singleElement().satisfies(x -> {
            assertThat(x.getId()).isEqualTo(run.getId());
            assertThat(x.getMetrics().stream().filter(mm -> mm.getName().equals("n")).findFirst().orElseThrow()
                    .getValue()).isEqualTo(CLIPS);
        });
        assertThat(Files.readString(data.resolve(run.getLogLocation()))).contains("\"audio→video R@1\"",
                "\"succeeded\"");
        assertThat(io.avlens.runner.RunFolders.leftBehind(data, List.of(run.getId()))).isEmpty();
    }

    private static final Object this_ = new Object();
}
