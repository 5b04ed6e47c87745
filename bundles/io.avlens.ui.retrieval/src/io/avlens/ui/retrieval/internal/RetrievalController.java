package io.avlens.ui.retrieval.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import com.google.gson.JsonObject;

import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.analysis.search.ApproximateIndex;
import io.avlens.analysis.search.BuildMonitor;
import io.avlens.analysis.search.ClipRetrieval;
import io.avlens.analysis.search.IndexFiles;
import io.avlens.analysis.search.Metric;
import io.avlens.analysis.search.RetrievalHit;
import io.avlens.analysis.search.VectorTable;

/**
 * The inspector's state and work: the open table and its {@link ClipRetrieval} (the search of
 * {@code avlens retrieve}), the gallery (a split, the shared selection's clips), and the jobs that search, build the
 * approximate index and compute the gallery's metrics, each reporting on the UI thread through {@code ui}.
 */
public final class RetrievalController implements AutoCloseable {

    /**
     * A search's answer.
     *
     * @param approximate whether it went through the approximate index
     */
    public record Results(RetrievalQuery query, List<RetrievalHit> hits, List<Relevance> relevance,
            int gallerySize, boolean approximate) {
    }

    private final Executor ui;
    private EmbeddingTable table;
    private Path folder;
    private ClipRetrieval retrieval;
    private MediaResolver media;
    private JsonObject description;
    private String split = "";
    private Set<Path> shared = Set.of();
    private boolean useShared;
    private TextEncoder textEncoder;

    /** Embeds a time span of a clip in one modality into the table's space (the table's model's encoders). */
    @FunctionalInterface
    public interface SpanEncoder {
        float[] encode(RetrievalQuery.Span span, String modality) throws IOException;
    }

    private SpanEncoder spanEncoder;

    /** How span queries are embedded (null: they cannot be). */
    public void setSpanEncoder(SpanEncoder encoder) {
        spanEncoder = encoder;
    }

    /** Encodes typed text into the table's space (the table's model's language encoder). */
    @FunctionalInterface
    public interface TextEncoder {
        float[] encode(String text) throws IOException;
    }

    /** @param ui runs the jobs' answers on the UI thread */
    public RetrievalController(Executor ui) {
        this.ui = ui;
    }

    /** Reads the table in {@code folder} in a job; {@code opened} hears the table, {@code failed} the problem. */
    public Job open(Path folder, Consumer<EmbeddingTable> opened, Consumer<String> failed) {
        Job job = Job.create("Reading the embedding table " + folder.getFileName(), (IProgressMonitor m) -> {
            try {
                EmbeddingTable t = EmbeddingFiles.read(folder);
                JsonObject d = EmbeddingFiles.description(folder);
                ui.execute(() -> {
                    table = t;
                    this.folder = folder;
                    retrieval = new ClipRetrieval(t, folder);
                    description = d;
                    media = new MediaResolver(folder, d);
                    split = "";
                    opened.accept(t);
                });
            } catch (IOException | RuntimeException e) {
                ui.execute(() -> failed.accept(e.getMessage()));
            }
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
        return job;
    }

    public EmbeddingTable table() {
        return table;
    }

    /** The table's folder, or null. */
    public Path folder() {
        return folder;
    }

    /** Whether the approximate index of target modality {@code to} was built beside the table. */
    public boolean hasIndex(String to) {
        return folder != null && IndexFiles.exists(folder, to);
    }

    /** The recall@10 against exact search measured when the index of {@code to} was built; empty without one. */
    public java.util.OptionalDouble indexRecall(String to) {
        try {
            return hasIndex(to) ? java.util.OptionalDouble.of(IndexFiles.description(folder, to).get("recallAt10")
                    .getAsDouble()) : java.util.OptionalDouble.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.OptionalDouble.empty();
        }
    }

    /** The media file of item {@code i}. */
    public Path media(int i) {
        return media.resolve(table().item(i).media());
    }

    /** The splits the table's items have, in order of appearance. */
    public List<String> splits() {
        return table() == null ? List.of() : table().items().stream().map(EmbeddingItem::split)
                .filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** Keeps only items of {@code name} in the gallery ("" for all). */
    public void setSplit(String name) {
        split = name == null ? "" : name;
    }

    public String split() {
        return split;
    }

    /** The shared selection's media files (absolute, normalised). */
    public void setShared(Set<Path> files) {
        shared = Set.copyOf(files);
    }

    public Set<Path> shared() {
        return shared;
    }

    /** Whether the gallery is limited to the shared selection's clips (when it has any of the table's). */
    public void setUseShared(boolean on) {
        useShared = on;
    }

    public boolean usesShared() {
        return useShared;
    }

    /** The gallery's rows, or null for the whole table. */
    public int[] gallery() {
        EmbeddingTable t = table();
        if (t == null || (split.isEmpty() && (!useShared || shared.isEmpty()))) {
            return null;
        }
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            boolean inSplit = split.isEmpty() || split.equals(t.item(i).split());
            boolean inShared = !useShared || shared.isEmpty() || shared.contains(media(i));
            if (inSplit && inShared) {
                rows.add(i);
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The table's item whose media is {@code file}, or -1. */
    public int itemOf(Path file) {
        Path f = file.toAbsolutePath().normalize();
        for (int i = 0; table() != null && i < table().size(); i++) {
            if (media(i).equals(f)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Searches in a job: the whole table through {@link ClipRetrieval} (exact, or approximate when the index was
     * built), a split or selection exactly ({@link GalleryRows}); {@code done} hears the hits, {@code failed} why not.
     */
    public Job search(RetrievalQuery q, Consumer<Results> done, Consumer<String> failed) {
        ClipRetrieval r = retrieval;
        EmbeddingTable t = table;
        int[] rows = gallery();
        Job job = Job.create("Searching " + q.from() + "→" + q.to(), (IProgressMonitor m) -> {
            try {
                if (q.span() != null) {
                    SpanEncoder encoder = spanEncoder;
                    if (encoder == null) {
                        throw new IllegalArgumentException(QueryPanel.NO_SPAN);
                    }
                    List<RetrievalHit> hits = textHits(r, encoder.encode(q.span(), q.from()), q, rows, t.size());
                    int own = q.span().row();
                    List<Relevance> rel = hits.stream().map(h -> own < 0 ? Relevance.of(h)
                            : Relevance.of(t.item(own), t.item(h.row()))).toList();
                    Results res = new Results(q, hits, rel, rows == null ? t.size() : rows.length, false);
                    ui.execute(() -> done.accept(res));
                    return Status.OK_STATUS;
                }
                if (q.item() < 0) {
                    TextEncoder encoder = textEncoder;
                    if (encoder == null) {
                        throw new IllegalArgumentException(QueryPanel.NO_TEXT);
                    }
                    List<RetrievalHit> hits = textHits(r, encoder.encode(q.text()), q, rows, t.size());
                    List<Relevance> rel = hits.stream().map(Relevance::of).toList();
                    Results res = new Results(q, hits, rel, rows == null ? t.size() : rows.length, false);
                    ui.execute(() -> done.accept(res));
                    return Status.OK_STATUS;
                }
                String id = t.item(q.item()).id();
                boolean approximate = q.approximate() && rows == null;
                List<RetrievalHit> hits = rows != null ? GalleryRows.exact(t, q.item(), q.from(), q.to(), q.k(), rows)
                        : approximate ? r.approximate(id, q.from(), q.to(), q.k(), Runtime.getRuntime()
                                .availableProcessors(), rebuild(m)).hits() : r.exact(id, q.from(), q.to(), q.k());
                List<Relevance> rel = hits.stream().map(Relevance::of).toList();
                Results res = new Results(q, hits, rel, rows == null ? t.size() : rows.length, approximate);
                ui.execute(() -> done.accept(res));
            } catch (java.util.concurrent.CancellationException e) { // the index rebuild was cancelled
                return Status.CANCEL_STATUS;
            } catch (IOException | RuntimeException e) {
                ui.execute(() -> failed.accept(e.getMessage()));
            }
            return Status.OK_STATUS;
        });
        job.schedule();
        return job;
    }

    /**
     * Progress and cancel for an index the search finds out of date and rebuilds (the table was embedded again into
     * its folder): phases as sub-tasks, a thousand units over the build.
     */
    private static BuildMonitor rebuild(IProgressMonitor m) {
        m.beginTask("Searching (rebuilding the out-of-date approximate index first)", 1000);
        return into(m, 1000);
    }

    /** An index build's phases as sub-tasks of {@code m} and its progress as {@code units} of it; its cancel, m's. */
    private static BuildMonitor into(IProgressMonitor m, int units) {
        int[] worked = {0};
        return new BuildMonitor() {
            @Override
            public void progress(String phase, long doneUnits, long total) {
                m.subTask(phase);
                int now = total == 0 ? worked[0] : (int) ((long) units * doneUnits / total);
                if (now > worked[0]) {
                    m.worked(now - worked[0]);
                    worked[0] = now;
                }
            }

            @Override
            public boolean cancelled() {
                return m.isCanceled();
            }
        };
    }

    /** Builds the approximate index of {@code to} in a job with progress; {@code done} hears its recall@10. */
    public Job buildIndex(String to, Consumer<Double> done, Consumer<String> failed) {
        EmbeddingTable t = table;
        Path dir = folder;
        Job job = Job.create("Building the approximate index of " + to, (IProgressMonitor m) -> {
            m.beginTask("Building the approximate index of " + to, 1000);
            try {
                JsonObject d = IndexFiles.build(dir, to, VectorTable.ofModality(t, to), Metric.COSINE,
                        ApproximateIndex.Settings.DEFAULT, Runtime.getRuntime().availableProcessors(), into(m, 900));
                double recall = d.get("recallAt10").getAsDouble();
                ui.execute(() -> done.accept(recall));
                return Status.OK_STATUS;
            } catch (CancellationException e) {
                return Status.CANCEL_STATUS;
            } catch (IOException | RuntimeException e) {
                ui.execute(() -> failed.accept(e.getMessage()));
                return Status.OK_STATUS;
            } finally {
                m.done();
            }
        });
        job.setUser(true);
        job.schedule();
        return job;
    }

    /** Sets how typed text is encoded for the open table (null: no text queries). */
    public void setTextEncoder(TextEncoder encoder) {
        this.textEncoder = encoder;
    }

    /**
     * A typed text's hits: exact over the whole table ({@link ClipRetrieval#exact(float[], String, int)}, what
     * {@code avlens retrieve --query-text} prints), kept to the gallery's rows when a split or selection is chosen.
     */
    private static List<RetrievalHit> textHits(ClipRetrieval r, float[] vector, RetrievalQuery q, int[] rows, int n) {
        if (rows == null) {
            return r.exact(vector, q.to(), q.k());
        }
        java.util.Set<Integer> keep = new java.util.HashSet<>();
        for (int row : rows) {
            keep.add(row);
        }
        List<RetrievalHit> out = new java.util.ArrayList<>();
        for (RetrievalHit h : r.exact(vector, q.to(), n)) {
            if (keep.contains(h.row()) && out.size() < q.k()) {
                out.add(new RetrievalHit(out.size() + 1, h.row(), h.id(), h.score(), h.media(), h.isQuery(),
                        h.sameMaterial(), h.sameAction()));
            }
        }
        return out;
    }

    /** Computes the gallery's retrieval metrics in a job (see {@link GalleryMetrics}). */
    public Job metrics(Consumer<GalleryMetrics> done, Consumer<String> failed) {
        EmbeddingTable t = table();
        int[] rows = gallery();
        String name = galleryName();
        Job job = Job.create("Measuring retrieval on " + name, (IProgressMonitor m) -> {
            try {
                GalleryMetrics g = GalleryMetrics.of(t, rows, name, m);
                ui.execute(() -> done.accept(g));
            } catch (org.eclipse.core.runtime.OperationCanceledException e) {
                return Status.CANCEL_STATUS;
            } catch (RuntimeException e) {
                ui.execute(() -> failed.accept(e.getMessage()));
            }
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
        return job;
    }

    /** The gallery in words: "all 16 clips", "split test", "split test ∩ shared selection". */
    public String galleryName() {
        List<String> parts = new ArrayList<>();
        if (!split.isEmpty()) {
            parts.add("split " + split);
        }
        if (useShared && !shared.isEmpty()) {
            parts.add("shared selection");
        }
        return parts.isEmpty() ? "all clips" : String.join(" ∩ ", parts);
    }

    /** The description fields of the table ({@code embeddings.json}). */
    public JsonObject description() {
        return description;
    }

    @Override
    public void close() {
        retrieval = null;
    }
}
