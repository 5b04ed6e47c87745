package io.avlens.analysis.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.analysis.embedding.EmbeddingTable;

/**
 * Queries against an embedding table folder: a clip's vector of one modality (or any vector of the table's
 * dimension) ranks the items' vectors of a target modality by cosine similarity, exactly ({@link ExactSearch}) or
 * with the approximate index saved beside the table ({@link IndexFiles}, one per target modality, named after it).
 * The one search path of {@code avlens retrieve} and the workbench's retrieval inspector, so both rank alike.
 * The exact searches and loaded indexes are kept per modality; thread-safe; {@link #close()} stops their threads.
 */
public final class GallerySearch implements AutoCloseable {

    /** Galleries are compared by cosine similarity, as the retrieval metrics do. */
    public static final Metric METRIC = Metric.COSINE;

    /**
     * One ranked item.
     *
     * @param rank  1 for the best
     * @param item  the item's row in the table
     * @param id    the item's id
     * @param score cosine similarity with the query
     * @param media the item's media file as the table records it
     */
    public record Hit(int rank, int item, String id, float score, String media) {
    }

    private final EmbeddingTable table;
    private final Path folder;
    private final Map<String, ExactSearch> exact = new ConcurrentHashMap<>();
    private final Map<String, ApproximateIndex> indexes = new ConcurrentHashMap<>();

    /**
     * @param table  the gallery
     * @param folder the table's folder, where approximate indexes are kept; null for a table without one (exact
     *               search only)
     */
    public GallerySearch(EmbeddingTable table, Path folder) {
        this.table = Objects.requireNonNull(table, "table");
        this.folder = folder;
    }

    /** Reads the table in {@code folder}. @throws IOException naming the file that cannot be read */
    public static GallerySearch open(Path folder) throws IOException {
        return new GallerySearch(EmbeddingFiles.read(folder), folder);
    }

    public EmbeddingTable table() {
        return table;
    }

    /** The table's folder, or null. */
    public Path folder() {
        return folder;
    }

    /** The row of the item with this id. @throws IllegalArgumentException naming the id */
    public int item(String id) {
        List<EmbeddingItem> items = table.items();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no clip '" + id + "' in this table of " + items.size() + " clips");
    }

    /** The query of a clip: its vector of modality {@code from}. @throws IllegalArgumentException naming what is missing */
    public float[] clipQuery(String id, String from) {
        return table.vector(item(id), table.modality(from));
    }

    /**
     * The k items whose {@code to} vectors are nearest to {@code query}, best first (ties: lower row first).
     *
     * @param approximate through the approximate index of {@code to} (which must have been built)
     * @throws IOException              naming the index file when it is missing or was built for other vectors
     * @throws IllegalArgumentException for an unknown modality or a query of another dimension
     */
    public List<Hit> search(float[] query, String to, int k, boolean approximate) throws IOException {
        SearchHit[] hits = approximate ? index(to).search(query, k) : exact(to).search(query, k);
        return hits(hits, null);
    }

    /**
     * Exact search among some items only (a split, a selection): the k of {@code items} nearest to {@code query}.
     *
     * @param items rows of the table, each at most once
     */
    public List<Hit> search(float[] query, String to, int k, int[] items) {
        if (items.length == 0) {
            return List.of();
        }
        int m = table.modality(to);
        int d = table.dimension();
        float[] values = new float[items.length * d];
        for (int i = 0; i < items.length; i++) {
            System.arraycopy(table.values(), table.offset(items[i], m), values, i * d, d);
        }
        try (ExactSearch search = new ExactSearch(VectorTable.of(values, items.length, d), METRIC, 1, true)) {
            return hits(search.search(query, k), items);
        }
    }

    private List<Hit> hits(SearchHit[] hits, int[] rows) {
        List<Hit> out = new ArrayList<>(hits.length);
        for (int r = 0; r < hits.length; r++) {
            int item = rows == null ? hits[r].row() : rows[hits[r].row()];
            EmbeddingItem it = table.item(item);
            out.add(new Hit(r + 1, item, it.id(), hits[r].score(), it.media()));
        }
        return out;
    }

    private ExactSearch exact(String to) {
        int m = table.modality(to);
        return exact.computeIfAbsent(to, t -> new ExactSearch(VectorTable.of(table.modalityVectors(m), table.size(),
                table.dimension()), METRIC));
    }

    private ApproximateIndex index(String to) throws IOException {
        ApproximateIndex known = indexes.get(to);
        if (known != null) {
            return known;
        }
        if (folder == null) {
            throw new IOException("this table has no folder, so no approximate index; search exactly");
        }
        ApproximateIndex loaded = IndexFiles.open(folder, to, VectorTable.ofModality(table, to));
        indexes.put(to, loaded);
        return loaded;
    }

    /** Whether the approximate index of target modality {@code to} was built beside the table. */
    public boolean hasIndex(String to) {
        return folder != null && IndexFiles.exists(folder, to);
    }

    /** The recall@10 against exact search measured when the index of {@code to} was built; empty without one. */
    public OptionalDouble indexRecall(String to) {
        if (!hasIndex(to)) {
            return OptionalDouble.empty();
        }
        try {
            JsonObject d = IndexFiles.description(folder, to);
            return d.has("recallAt10") ? OptionalDouble.of(d.get("recallAt10").getAsDouble()) : OptionalDouble.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * Builds (or rebuilds) the approximate index of target modality {@code to} beside the table, measuring its
     * recall@10 against exact search.
     *
     * @return the index description written (with {@code recallAt10})
     * @throws java.util.concurrent.CancellationException when the monitor cancelled
     */
    public JsonObject buildIndex(String to, BuildMonitor monitor) throws IOException {
        if (folder == null) {
            throw new IOException("this table has no folder to keep an index in");
        }
        JsonObject d = IndexFiles.build(folder, to, VectorTable.ofModality(table, to), METRIC,
                ApproximateIndex.Settings.DEFAULT, Runtime.getRuntime().availableProcessors(), monitor);
        indexes.remove(to);
        return d;
    }

    /** The hits as {@code avlens retrieve} prints them: {@code [{rank, id, score, media}]}. */
    public static JsonArray json(List<Hit> hits) {
        JsonArray out = new JsonArray();
        for (Hit h : hits) {
            JsonObject o = new JsonObject();
            o.addProperty("rank", h.rank());
            o.addProperty("id", h.id());
            o.addProperty("score", h.score());
            o.addProperty("media", h.media());
            out.add(o);
        }
        return out;
    }

    @Override
    public void close() {
        exact.values().forEach(ExactSearch::close);
        exact.clear();
        indexes.clear();
    }
}
