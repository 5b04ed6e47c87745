package io.avlens.ui.retrieval.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.analysis.embedding.Retrieval;
import io.avlens.analysis.embedding.RetrievalScores;
import io.avlens.analysis.search.ClipRetrieval;
import io.avlens.analysis.search.RetrievalHit;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthSpec;
import io.avlens.ui.media.VideoView;
import io.avlens.ui.retrieval.RetrievalView;
import io.avlens.ui.retrieval.internal.GalleryMetrics;
import io.avlens.ui.retrieval.internal.InspectorController;
import io.avlens.ui.retrieval.internal.QueryPanel;
import io.avlens.ui.retrieval.internal.Relevance;
import io.avlens.ui.retrieval.internal.RetrievalController;
import io.avlens.ui.testing.EmbedRuns;
import io.avlens.ui.testing.Ui;

/**
 * The retrieval inspector on a table CAVP-small's embed task computed for a generated AV-Shapes dataset through the
 * model runner ({@link EmbedRuns}, as {@code avlens embed} does): an audio→video clip query whose first hit the
 * labels call relevant, the same ranking as {@code avlens retrieve}'s search path and as a brute-force cosine
 * ranking, a click that plays the hit in the Video view, a Shift-click pair in the compare pane, the gallery's
 * metrics equal to {@code avlens eval --task retrieval}'s, the approximate index, a split and the shared selection
 * as galleries, and the exports.
 */
class RetrievalInspectorTest {

    private static final int CLIPS = 16;
    private static final int K = 10;

    @TempDir
    Path dir;

    @Test
    void inspectsCavpSmallRetrievalOnAGeneratedDataset() throws Exception {
        IWorkbenchWindow window = Ui.window();
        Path data = dir.resolve("avshapes");
        new AvShapesGenerator(Ui.sessions().store()).generate(SynthSpec.of(CLIPS, 21), data, SynthProgress.NONE);
        Path folder = dir.resolve("cavp-table");
        EmbeddingTable table = EmbedRuns.embed(data, "cavp-small", folder);
        assertThat(table.size()).isEqualTo(CLIPS);
        assertThat(table.modalities()).containsExactly("audio", "video");

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
        Ui.waitUntil("the table", 30, () -> view.controller().table() != null);
        Ui.maximize(part, true);

        // audio → video for the first clip: the list equals avlens retrieve's search path and a brute-force ranking
        String queryId = table.item(0).id();
        Ui.run(() -> inspector.setQuery(queryId, "audio", "video", K, false));
        search(inspector, 1);
        RetrievalController.Results r = Ui.sync(() -> inspector.results().results());
        // what avlens retrieve --index FOLDER --query-clip ID --from audio --to video -k 10 prints
        List<RetrievalHit> cli = new ClipRetrieval(EmbeddingFiles.read(folder), folder).exact(queryId, "audio",
                "video", K);
        assertThat(r.hits()).isEqualTo(cli);
        assertThat(r.hits().stream().map(RetrievalHit::row).toList()).isEqualTo(bruteForce(table, 0, K));
        // honest check: the labels call the first hit relevant (same clip or same material+action); a random
        // ranking does that with probability (same-class clips) / 16 for this query
        System.out.println("query " + queryId + " audio→video: " + r.hits().stream().map(h -> h.id() + " "
                + h.score()).toList() + " " + r.relevance());
        assertThat(r.relevance().get(0).relevant()).as("first hit %s for %s", r.hits().get(0).id(), queryId)
                .isTrue();
        Ui.waitUntil("visible rows' thumbnails", 60, () -> inspector.results().decodedCount() >= 3);
        Ui.settle();
        Ui.screenshot(window.getShell(), "retrieval-results");

        // a click plays the hit (picture and sound) in the Video view
        RetrievalHit second = r.hits().get(1);
        Path media = Ui.sync(() -> view.controller().media(second.row()));
        // (the inspector back in the page first: a maximized view keeps the Video view in the trim, not playing)
        Ui.maximize(part, false);
        int playedBefore = Ui.sync(inspector::played);
        Ui.run(() -> inspector.results().clicked(1, 0));
        VideoView video = Ui.part(window, VideoView.ID, VideoView.class);
        Ui.waitUntil("the Video view on the hit", 30, () -> media.equals(video.clip()));
        // the real condition: the view decodes the hit's sound (slow when it is the JVM's first decode or the machine
        // is busy), then the inspector starts playback; that wait has no deadline of its own but the view's job
        Ui.waitUntil("the hit's sound decoded", 300, () -> Job.getJobManager().find(VideoView.SOUND_JOBS).length
                == 0);
        // (it counts a playback as started once the view's clock has moved, and starts it again if it was dropped)
        Ui.waitUntil("the inspector starting the hit", 45, () -> inspector.played() > playedBefore);
        // playing, or played already (a 4 s clip may end between two looks), in the view the part holds now (the
        // workbench may re-create a view it just made)
        java.util.function.Supplier<VideoView> current = () -> (VideoView) window.getService(
                org.eclipse.e4.ui.workbench.modeling.EPartService.class).findPart(VideoView.ID).getObject();
        long end = System.nanoTime() + 45_000_000_000L;
        while (!Ui.sync(() -> current.get().isPlaying() || current.get().position() > 0.1)
                && System.nanoTime() < end) {
            Ui.sleep(50);
        }
        assertThat(Ui.sync(() -> current.get().isPlaying() || current.get().position() > 0.1)).as("the hit"
                + " playing: %s", Ui.sync(() -> "view " + System.identityHashCode(current.get()) + " (first seen "
                        + System.identityHashCode(video) + "), clip " + current.get().clip() + ", playing "
                        + current.get().isPlaying() + ", position " + current.get().position() + ", started "
                        + inspector.played() + ", sound jobs " + Job.getJobManager().find(VideoView.SOUND_JOBS)
                                .length + ", active " + Ui.contexts().active().map(c -> c.file() + " "
                                        + c.selection()).orElse("none"))).isTrue();
        Ui.run(() -> current.get().perform(io.avlens.ui.media.Transport.Command.PAUSE));
        Ui.maximize(part, true);

        // a double-click opens the first hit in every view: it becomes the active clip, the Timeline view shows
        Path first = Ui.sync(() -> view.controller().media(r.hits().get(0).row()));
        Ui.run(() -> {
            inspector.results().control().setSelection(0);
            inspector.results().control().notifyListeners(SWT.DefaultSelection, new org.eclipse.swt.widgets.Event());
        });
        Ui.waitUntil("the first hit active", 30, () -> Ui.contexts().active().map(c -> c.file().equals(first))
                .orElse(false));
        Ui.part(window, io.avlens.ui.media.TimelineView.ID, io.avlens.ui.media.TimelineView.class);
        // the media views came up: bring the inspector back, maximised, for readable screenshots
        Ui.maximize(part, false);
        Ui.run(() -> window.getActivePage().activate(part));
        Ui.settle();
        Ui.maximize(part, true);

        // Shift-click two hits: the compare pane shows the query and both
        Ui.run(() -> {
            inspector.results().clicked(0, SWT.SHIFT);
            inspector.results().clicked(2, SWT.SHIFT);
        });
        assertThat(Ui.sync(view::tab)).isEqualTo(RetrievalView.COMPARE);
        assertThat(Ui.sync(() -> inspector.compare().shown())).containsExactly(0, r.hits().get(0).row(),
                r.hits().get(2).row());
        assertThat(Ui.sync(() -> inspector.compare().text(1))).contains(r.hits().get(0).id(), "rank 1");
        assertThat(Ui.sync(() -> inspector.compare().text(2))).contains(r.hits().get(2).id(), "rank 3");
        assertThat(Ui.sync(() -> inspector.compare().text(3))).contains("cosine");
        Ui.sleep(1500);
        Ui.screenshot(window.getShell(), "retrieval-compare");

        // the gallery's metrics: the figures of avlens eval --task retrieval on the same clips
        Ui.run(() -> {
            view.showTab(RetrievalView.METRICS);
            inspector.computeMetrics();
        });
        Ui.waitUntil("the metrics", 60, () -> inspector.metrics().metrics() != null);
        GalleryMetrics m = Ui.sync(() -> inspector.metrics().metrics());
        List<RetrievalScores> eval = Retrieval.all(table, GalleryMetrics.RELEVANCES);
        assertThat(m.scores()).isEqualTo(eval);
        List<String[]> rows = Ui.sync(() -> inspector.metrics().rows());
        assertThat(rows).hasSize(4);
        assertThat(rows).extracting(row -> row[1]).as("relevance in words, not its key")
                .containsOnly("same clip", "same material and action");
        RetrievalScores a2v = eval.stream().filter(s -> s.direction().equals("audio→video")
                && s.relevance().equals("same:material+action")).findFirst().orElseThrow();
        assertThat(a2v.recallAt1()).as("CAVP-small's audio→video Recall@1 (same material+action) beats chance")
                .isGreaterThan(a2v.chanceRecallAt1());
        assertThat(m.confusions()).hasSize(2);
        int counted = IntStream.of(m.confusions().get(0).counts()[0]).sum();
        assertThat(counted).isPositive();
        Ui.screenshot(window.getShell(), "retrieval-metrics");
        System.out.println("retrieval inspector, CAVP-small on " + CLIPS + " generated clips:\n" + m.csv()
                + "top-1 confusion " + m.confusions().get(0).direction() + ": accuracy " + m.confusions().get(0)
                        .accuracy() + ", " + m.confusions().get(0).confused());

        // exports
        Path csv = dir.resolve("hits.csv");
        Path json = dir.resolve("metrics.json");
        Ui.run(() -> {
            try {
                inspector.exportHits(csv);
                inspector.exportMetrics(json);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(K + 1);
        assertThat(lines.get(0)).isEqualTo("rank,id,score,media,relevance");
        assertThat(lines.get(1)).startsWith("1," + r.hits().get(0).id() + ",").contains(view.controller().media(
                r.hits().get(0).row()).toString());
        JsonObject metrics = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertThat(metrics.getAsJsonArray("directions")).hasSize(4);
        assertThat(metrics.getAsJsonArray("directions").get(0).getAsJsonObject().get("recallAt1").getAsDouble())
                .isCloseTo(eval.get(0).recallAt1(), within(1e-12));

        // the approximate index: built in a job, its recall shown, and the search through it
        Ui.run(() -> view.showTab(RetrievalView.RESULTS));
        Ui.run(inspector::buildIndex);
        Ui.waitUntil("the index", 60, () -> view.controller().hasIndex("video")
                && inspector.status().startsWith("Built"));
        assertThat(view.controller().indexRecall("video")).isPresent();
        System.out.println("approximate index of video: recall@10 " + view.controller().indexRecall("video"));
        Ui.run(() -> inspector.setQuery(queryId, "audio", "video", K, true));
        search(inspector, 2);
        assertThat(Ui.sync(inspector::status)).contains("approximate");
        assertThat(Ui.sync(() -> inspector.results().results()).hits()).isEqualTo(new ClipRetrieval(
                EmbeddingFiles.read(folder), folder).approximate(queryId, "audio", "video", K, 1,
                        io.avlens.analysis.search.BuildMonitor.NONE).hits());

        // a split and the shared selection as galleries: every hit among them
        Ui.run(() -> {
            inspector.setQuery(queryId, "audio", "video", K, false);
            inspector.setSplit("train");
        });
        search(inspector, 3);
        assertThat(Ui.sync(() -> inspector.results().results()).hits())
                .allMatch(h -> table.item(h.row()).split().equals("train")).isNotEmpty();
        List<Integer> chosen = List.of(1, 3, 5, 7);
        Ui.run(() -> {
            inspector.setSplit("");
            inspector.followSelection(new StructuredSelection(chosen.stream().map(i -> (IAdaptable) new Media(
                    view.controller().media(i))).toList()));
            inspector.setUseShared(true);
        });
        search(inspector, 4);
        assertThat(Ui.sync(() -> inspector.results().results()).hits()).extracting(RetrievalHit::row)
                .containsExactlyInAnyOrderElementsOf(chosen);
        Ui.run(() -> inspector.setUseShared(false));

        // text queries wait for a text encoder, and say why (the check runs in a job when the table opens)
        Ui.waitUntil("the text encoder check", 60, inspector::textChecked);
        assertThat(Ui.sync(() -> textTip(view))).as("CAVP-small has no language encoder").contains("no text encoder");
        assertThat(Relevance.of(null, table.item(0))).isEqualTo(Relevance.UNKNOWN);
        Ui.maximize(part, false);
        // leave the workbench as found: an open view would react to every clip later tests activate
        Ui.run(() -> window.getActivePage().hideView(part));
    }

    private static void search(InspectorController inspector, int count) {
        Ui.run(inspector::search);
        Ui.waitUntil("search " + count, 30, () -> inspector.searches() >= count || inspector.problem() != null);
        assertThat(Ui.sync(inspector::problem)).isNull();
    }

    private static String textTip(RetrievalView view) {
        return view.inspector().textTip();
    }

    /** Cosine of item q's audio with every video vector, in double precision, best first (ties: lower row). */
    private static List<Integer> bruteForce(EmbeddingTable t, int q, int k) {
        int d = t.dimension();
        double[] s = new double[t.size()];
        for (int r = 0; r < t.size(); r++) {
            double dot = 0;
            double a = 0;
            double b = 0;
            for (int j = 0; j < d; j++) {
                double x = t.values()[t.offset(q, 0) + j];
                double y = t.values()[t.offset(r, 1) + j];
                dot += x * y;
                a += x * x;
                b += y * y;
            }
            s[r] = dot / Math.sqrt(a * b);
        }
        return IntStream.range(0, t.size()).boxed().sorted(Comparator.<Integer>comparingDouble(r -> -s[r])
                .thenComparingInt(r -> r)).limit(k).toList();
    }

    /** A selected element that adapts to its media file, as the explorer's clips do. */
    private record Media(Path file) implements IAdaptable {
        @Override
        public <T> T getAdapter(Class<T> adapter) {
            return adapter == Path.class ? adapter.cast(file) : null;
        }
    }
}
