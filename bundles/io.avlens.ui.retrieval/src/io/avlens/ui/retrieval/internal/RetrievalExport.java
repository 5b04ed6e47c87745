package io.avlens.ui.retrieval.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntFunction;

import com.google.gson.GsonBuilder;

import io.avlens.analysis.search.RetrievalHit;
import io.avlens.core.io.AtomicFiles;

/** Writes the ranked list and the metrics (each file atomically: a failed export leaves no half-written file). */
public final class RetrievalExport {

    private RetrievalExport() {
    }

    /** The hits as CSV: {@code rank,id,score,media,relevance} (media resolved; relevance as the table's labels say). */
    public static String hitsCsv(RetrievalController.Results r, IntFunction<Path> media) {
        StringBuilder b = new StringBuilder("rank,id,score,media,relevance\n");
        for (int i = 0; i < r.hits().size(); i++) {
            RetrievalHit h = r.hits().get(i);
            Relevance rel = r.relevance().get(i);
            b.append(String.format(Locale.ROOT, "%d,%s,%.6f,%s,%s%n", h.rank(), quote(h.id()), h.score(),
                    quote(media.apply(h.row()).toString()), rel == Relevance.UNKNOWN ? "" : rel.name()
                            .toLowerCase(Locale.ROOT)));
        }
        return b.toString();
    }

    /** Writes {@link #hitsCsv}. */
    public static void writeHits(Path file, RetrievalController.Results r, IntFunction<Path> media)
            throws IOException {
        write(file, hitsCsv(r, media));
    }

    /** Writes the metrics as JSON ({@code .json}) or CSV (any other name). */
    public static void writeMetrics(Path file, GalleryMetrics m) throws IOException {
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        write(file, json ? new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
                .toJson(m.json()) + "\n" : m.csv());
    }

    private static void write(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
