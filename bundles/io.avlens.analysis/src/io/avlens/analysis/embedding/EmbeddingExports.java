package io.avlens.analysis.embedding;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import io.avlens.core.io.AtomicFiles;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;

/**
 * What {@code avlens embed} writes beside an {@link EmbeddingFiles} table: the per-pair similarities and the
 * {@link Agreement} as item labels, MC3's consensus as {@code consensus.npy}, and a TensorBoard-projector export ({@code projector/vectors.tsv}
 * and {@code projector/metadata.tsv}, one row per item and modality). Every file is written atomically. Stateless.
 */
public final class EmbeddingExports {

    /** MC3's consensus per item, float32 [N]. */
    public static final String CONSENSUS = "consensus.npy";
    /** The projector's folder. */
    public static final String PROJECTOR = "projector";
    /** Its vectors: N·M rows of D tab-separated numbers, item-major. */
    public static final String PROJECTOR_VECTORS = "vectors.tsv";
    /** Its metadata: a header, then one row per vector (id, modality, split, narration, labels). */
    public static final String PROJECTOR_METADATA = "metadata.tsv";
    /** The prefix of a pair's similarity label: {@code sim:audio-video}. */
    public static final String SIMILARITY_PREFIX = "sim:";

    private EmbeddingExports() {
    }

    /** The table with every pair's cosine similarity added to each item's labels ({@code sim:audio-video}). */
    public static EmbeddingTable withPairSimilarities(EmbeddingTable table) {
        List<String> m = table.modalities();
        List<EmbeddingItem> items = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            EmbeddingItem item = table.item(i);
            Map<String, String> labels = new LinkedHashMap<>(item.labels());
            for (int a = 0; a < m.size(); a++) {
                for (int b = a + 1; b < m.size(); b++) {
                    labels.put(SIMILARITY_PREFIX + Discovery.pairName(m.get(a), m.get(b)),
                            String.format(Locale.ROOT, "%.6f", table.similarity(i, a, b)));
                }
            }
            items.add(new EmbeddingItem(item.id(), item.media(), item.split(), item.narration(), labels));
        }
        return new EmbeddingTable(table.model(), m, table.dimension(), table.values(), items, table.namedAnchor());
    }

    /**
     * The table with every pair's cosine similarity ({@link #withPairSimilarities}) and, for two or more modalities
     * and items, each item's {@link Agreement} at {@link Agreement#TEMPERATURE} added to its labels
     * ({@value Agreement#LABEL}): what {@code avlens embed} and the runner's embed stage write.
     */
    public static EmbeddingTable withScores(EmbeddingTable table) {
        return withScores(table, () -> false);
    }

    /**
     * {@link #withScores(EmbeddingTable)}, asking {@code cancelled} while the agreement is computed.
     *
     * @throws CancellationException when {@code cancelled} says so
     */
    public static EmbeddingTable withScores(EmbeddingTable table, BooleanSupplier cancelled) {
        EmbeddingTable t = withPairSimilarities(table);
        if (t.modalities().size() < 2 || t.size() < 2) {
            return t;
        }
        double[] agreement = Agreement.of(t, Agreement.TEMPERATURE, cancelled);
        List<EmbeddingItem> items = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            EmbeddingItem item = t.item(i);
            Map<String, String> labels = new LinkedHashMap<>(item.labels());
            labels.put(Agreement.LABEL, String.format(Locale.ROOT, "%.8g", agreement[i]));
            items.add(new EmbeddingItem(item.id(), item.media(), item.split(), item.narration(), labels));
        }
        return new EmbeddingTable(t.model(), t.modalities(), t.dimension(), t.values(), items, t.namedAnchor());
    }

    /**
     * Writes {@code consensus.npy} (anchored on the table's {@link EmbeddingTable#consensusAnchor()}: the model's
     * own anchor, else the text) when the table has that anchor and another modality.
     *
     * @return whether it was written
     */
    public static boolean writeConsensus(Path dir, EmbeddingTable table) throws IOException {
        String anchor = table.consensusAnchor();
        if (anchor == null || table.modalities().size() < 2) {
            return false;
        }
        float[] c = table.consensus(anchor);
        Npy.write(dir.resolve(CONSENSUS), FloatTensor.wrap(new int[] {c.length}, c));
        return true;
    }

    /** Writes the projector's two TSV files into {@code dir/projector/}, the metadata last. */
    public static void writeProjector(Path dir, EmbeddingTable table) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(PROJECTOR));
        int d = table.dimension();
        float[] v = table.values();
        int rows = table.size() * table.modalities().size();
        AtomicFiles.write(folder.resolve(PROJECTOR_VECTORS), out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            StringBuilder line = new StringBuilder();
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                for (int j = 0; j < d; j++) {
                    if (j > 0) {
                        line.append('\t');
                    }
                    line.append(v[r * d + j]);
                }
                w.write(line.append('\n').toString());
            }
            w.flush();
        });
        Set<String> labelNames = new LinkedHashSet<>();
        table.items().forEach(i -> labelNames.addAll(i.labels().keySet()));
        AtomicFiles.write(folder.resolve(PROJECTOR_METADATA), out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            List<String> header = new ArrayList<>(List.of("id", "modality", "split", "narration"));
            header.addAll(labelNames);
            w.write(tsvRow(header));
            for (EmbeddingItem item : table.items()) {
                for (String modality : table.modalities()) {
                    List<String> row = new ArrayList<>(List.of(item.id(), modality, item.split(), item.narration()));
                    labelNames.forEach(l -> row.add(item.label(l)));
                    w.write(tsvRow(row));
                }
            }
            w.flush();
        });
    }

    /** Tabs and line breaks inside a value become spaces: the projector's TSV has no quoting. */
    private static String tsvRow(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append('\t');
            }
            b.append(fields.get(i).replaceAll("[\\t\\r\\n]", " "));
        }
        return b.append('\n').toString();
    }
}
