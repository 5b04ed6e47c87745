package io.avlens.analysis.embedding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.avlens.core.io.AtomicFiles;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;

/**
 * Reads and writes an {@link EmbeddingTable} as a folder ({@code embeddings.npy}, {@code embeddings.json},
 * {@code items.csv}; see the package documentation). Each file is written atomically, the JSON last, so a reader
 * that finds the JSON finds a complete table.
 */
public final class EmbeddingFiles {

    public static final String VECTORS = "embeddings.npy";
    public static final String DESCRIPTION = "embeddings.json";
    public static final String ITEMS = "items.csv";
    /** The field of {@code embeddings.json} naming the model's consensus anchor, when the model names one. */
    public static final String CONSENSUS_ANCHOR = "consensusAnchor";
    static final int FORMAT = 1;
    private static final List<String> FIXED_COLUMNS = List.of("id", "media", "split", "narration");

    private EmbeddingFiles() {
    }

    /** Whether {@code dir} holds an embedding table (its description file). */
    public static boolean isTable(Path dir) {
        return Files.isRegularFile(dir.resolve(DESCRIPTION));
    }

    /**
     * Writes the table into {@code dir} (created when missing), replacing a table there.
     *
     * @param extra more fields for {@code embeddings.json} (e.g. the data folder, the split, the command); may be null
     */
    public static void write(Path dir, EmbeddingTable table, JsonObject extra) throws IOException {
        Files.createDirectories(dir);
        int[] shape = {table.size(), table.modalities().size(), table.dimension()};
        Npy.write(dir.resolve(VECTORS), FloatTensor.wrap(shape, table.values()));
        List<String> labels = labelNames(table.items());
        AtomicFiles.write(dir.resolve(ITEMS), out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            List<String> header = new ArrayList<>(FIXED_COLUMNS);
            header.addAll(labels);
            writeRow(w, header);
            for (EmbeddingItem item : table.items()) {
                List<String> row = new ArrayList<>(List.of(item.id(), item.media(), item.split(), item.narration()));
                for (String l : labels) {
                    row.add(item.label(l));
                }
                writeRow(w, row);
            }
            w.flush();
        });
        JsonObject json = new JsonObject();
        json.addProperty("format", FORMAT);
        json.addProperty("model", table.model());
        JsonArray modalities = new JsonArray();
        table.modalities().forEach(modalities::add);
        json.add("modalities", modalities);
        json.addProperty("dimension", table.dimension());
        json.addProperty("count", table.size());
        if (table.namedAnchor() != null) {
            json.addProperty(CONSENSUS_ANCHOR, table.namedAnchor());
        }
        if (extra != null) {
            for (Map.Entry<String, JsonElement> e : extra.entrySet()) {
                if (!json.has(e.getKey())) {
                    json.add(e.getKey(), e.getValue());
                }
            }
        }
        byte[] bytes = new GsonBuilder().setPrettyPrinting().create().toJson(json).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve(DESCRIPTION), out -> out.write(bytes));
    }

    /** The description ({@code embeddings.json}) of the table in {@code dir}. */
    public static JsonObject description(Path dir) throws IOException {
        Path file = dir.resolve(DESCRIPTION);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "not an embedding table (no " + DESCRIPTION + ")");
        }
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new IOException(file + ": not a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IOException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads the table in {@code dir}.
     *
     * @throws IOException naming the file and what is wrong with it (missing, malformed, shapes that disagree)
     */
    public static EmbeddingTable read(Path dir) throws IOException {
        JsonObject json = description(dir);
        Path descriptionFile = dir.resolve(DESCRIPTION);
        String model;
        List<String> modalities = new ArrayList<>();
        int dimension;
        String anchor;
        try {
            anchor = json.has(CONSENSUS_ANCHOR) ? json.get(CONSENSUS_ANCHOR).getAsString() : null;
            model = json.get("model").getAsString();
            for (JsonElement m : json.getAsJsonArray("modalities")) {
                modalities.add(m.getAsString());
            }
            dimension = json.get("dimension").getAsInt();
        } catch (RuntimeException e) {
            throw new IOException(descriptionFile + ": needs \"model\", \"modalities\" and \"dimension\"", e);
        }
        Path vectorsFile = dir.resolve(VECTORS);
        NpyArray array = Npy.read(vectorsFile);
        int[] shape = array.shape();
        if (shape.length != 3 || shape[1] != modalities.size() || shape[2] != dimension) {
            throw new IOException(vectorsFile + ": shape " + java.util.Arrays.toString(shape) + " does not match "
                    + modalities.size() + " modalities of dimension " + dimension + " in " + DESCRIPTION);
        }
        float[] values = array.toFloatTensor().toArray();
        List<EmbeddingItem> items = readItems(dir.resolve(ITEMS));
        if (items.size() != shape[0]) {
            throw new IOException(dir.resolve(ITEMS) + ": " + items.size() + " items for " + shape[0]
                    + " rows of " + VECTORS);
        }
        try {
            return new EmbeddingTable(model, modalities, dimension, values, items, anchor);
        } catch (IllegalArgumentException e) {
            throw new IOException(dir + ": " + e.getMessage(), e);
        }
    }

    private static List<EmbeddingItem> readItems(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file; the embedding table in "
                    + file.getParent() + " is incomplete");
        }
        List<EmbeddingItem> items = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<List<String>> rows = Csv.parse(r, file);
            if (rows.isEmpty() || !rows.get(0).subList(0, Math.min(4, rows.get(0).size())).equals(FIXED_COLUMNS)) {
                throw new IOException(file + ": the header must start with " + String.join(",", FIXED_COLUMNS));
            }
            List<String> header = rows.get(0);
            Set<String> ids = new LinkedHashSet<>();
            for (int i = 1; i < rows.size(); i++) {
                List<String> row = rows.get(i);
                if (row.size() != header.size()) {
                    throw new IOException(file + ": line " + (i + 1) + " has " + row.size() + " fields, the header "
                            + header.size());
                }
                if (!ids.add(row.get(0))) {
                    throw new IOException(file + ": line " + (i + 1) + " repeats the id '" + row.get(0) + "'");
                }
                Map<String, String> labels = new LinkedHashMap<>();
                for (int c = FIXED_COLUMNS.size(); c < header.size(); c++) {
                    labels.put(header.get(c), row.get(c));
                }
                items.add(new EmbeddingItem(row.get(0), row.get(1), row.get(2), row.get(3), labels));
            }
        }
        return items;
    }

    private static List<String> labelNames(List<EmbeddingItem> items) {
        Set<String> names = new LinkedHashSet<>();
        for (EmbeddingItem item : items) {
            names.addAll(item.labels().keySet());
        }
        names.removeAll(FIXED_COLUMNS);
        return List.copyOf(names);
    }

    private static void writeRow(Writer w, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(Csv.quote(fields.get(i)));
        }
        w.write('\n');
    }
}
