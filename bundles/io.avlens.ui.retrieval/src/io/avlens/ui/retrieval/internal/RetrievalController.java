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
import io.avlens.analysis.search.BuildMonitor;
import io.avlens.analysis.search.GallerySearch;

/**
 * The inspector's state and work: the open table and its {@link GallerySearch} (the search path of
 * {@code avlens retrieve}), the gallery (a split, the shared selection's clips), and the jobs that search, build the
 * approximate index and compute the gallery's metrics, each reporting on the UI thread through {@code ui}.
 */
public final class RetrievalController implements AutoCloseable {

    /** A search's answer. */
    public record Results(RetrievalQuery query, List<GallerySearch.Hit> hits, List<Relevance> relevance,
            int gallerySize) {
    }

    private final Executor ui;
    private GallerySearch search;
    private MediaResolver media;
    private JsonObject description;
    private String split = "";
    private Set<Path> shared = Set.of();
    private boolean useShared;

    /** @param ui runs the jobs' answers on the UI thread */
    public RetrievalController(Executor ui) {
        this.ui = ui;
    }

    /** Reads the table in {@code folder} in a job; {@code opened} hears the table, {@code failed} the problem. */
    public Job open(Path folder, Consumer<EmbeddingTable> opened, Consumer<String> failed) {
        Job job = Job.create("Reading the embedding table " + folder.getFileName(), (IProgressMonitor m) -> {
            try {
                GallerySearch s = GallerySearch.open(folder);
                JsonObject d = EmbeddingFiles.description(folder);
                ui.execute(() -> {
                    close();
                    search = s;
                    description = d;
                    media = new MediaResolver(folder, d);
                    split = "";
                    opened.accept(s.table());
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
        return search == null ? null : search.table();
    }

    public GallerySearch search() {
        return search;
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

    /** Searches in a job; {@code done} hears the hits, {@code failed} the problem. */
    public Job search(RetrievalQuery q, Consumer<Results> done, Consumer<String> failed) {
        GallerySearch s = search;
        int[] rows = gallery();
        Job job = Job.create("Searching " + q.from() + "→" + q.to(), (IProgressMonitor m) -> {
            try {
                if (q.item() < 0) {
                    throw new IllegalArgumentException("text queries need a model with a text encoder (MC3-small)");
                }
                float[] vector = s.table().vector(q.item(), s.table().modality(q.from()));
                List<GallerySearch.Hit> hits = rows == null ? s.search(vector, q.to(), q.k(), q.approximate())
                        : s.search(vector, q.to(), q.k(), rows);
                EmbeddingItem query = s.table().item(q.item());
                List<Relevance> rel = hits.stream().map(h -> Relevance.of(query, s.table().item(h.item()))).toList();
                Results r = new Results(q, hits, rel, rows == null ? s.table().size() : rows.length);
                ui.execute(() -> done.accept(r));
            } catch (IOException | RuntimeException e) {
                ui.execute(() -> failed.accept(e.getMessage()));
            }
            return Status.OK_STATUS;
        });
        job.schedule();
        return job;
    }

    /** Builds the approximate index of {@code to} in a job with progress; {@code done} hears its recall@10. */
    public Job buildIndex(String to, Consumer<Double> done, Consumer<String> failed) {
        GallerySearch s = search;
        Job job = Job.create("Building the approximate index of " + to, (IProgressMonitor m) -> {
            m.beginTask("Building the approximate index of " + to, 1000);
            int[] worked = {0};
            try {
                JsonObject d = s.buildIndex(to, new BuildMonitor() {
                    @Override
                    public void progress(String phase, long doneUnits, long total) {
                        m.subTask(phase);
                        int now = total == 0 ? worked[0] : (int) (900L * doneUnits / total);
                        if (now > worked[0]) {
                            m.worked(now - worked[0]);
                            worked[0] = now;
                        }
                    }

                    @Override
                    public boolean cancelled() {
                        return m.isCanceled();
                    }
                });
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

    /** Computes the gallery's retrieval metrics in a job (see {@link GalleryMetrics}). */
    public Job metrics(Consumer<GalleryMetrics> done, Consumer<String> failed) {
        EmbeddingTable t = table();
        int[] rows = gallery();
        String name = galleryName();
        Job job = Job.create("Measuring retrieval on " + name, (IProgressMonitor m) -> {
            try {
                GalleryMetrics g = GalleryMetrics.of(t, rows, name);
                ui.execute(() -> done.accept(g));
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
        if (search != null) {
            search.close();
            search = null;
        }
    }
}
