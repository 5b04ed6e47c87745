package io.avlens.analysis.embedding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
 * One clip's embedding, one vector per modality: what a model family's {@code embed} clip task writes into its
 * output folder ({@code embedding.npy} float32 [M, D], {@code embedding.json} {"modalities": [..], "dimension": D}),
 * and what {@code avlens embed} gathers into an {@link EmbeddingTable}.
 *
 * @param modalities      the modality names in row order
 * @param values          [M, D] row-major
 * @param consensusAnchor the modality the model's consensus is anchored on ({@code embedding.json}'s
 *                        {@code consensusAnchor}), or null when the model names none
 */
public record ClipEmbedding(List<String> modalities, float[] values, String consensusAnchor) {

    public static final String VECTORS = "embedding.npy";
    public static final String DESCRIPTION = "embedding.json";

    public ClipEmbedding {
        modalities = List.copyOf(modalities);
        if (modalities.isEmpty() || values.length == 0 || values.length % modalities.size() != 0) {
            throw new IllegalArgumentException(values.length + " values do not split into " + modalities.size()
                    + " modality vectors");
        }
        if (consensusAnchor != null && !modalities.contains(consensusAnchor)) {
            throw new IllegalArgumentException("the consensus anchor '" + consensusAnchor + "' is not one of "
                    + modalities);
        }
    }

    /** An embedding of a model that names no consensus anchor. */
    public ClipEmbedding(List<String> modalities, float[] values) {
        this(modalities, values, null);
    }

    public int dimension() {
        return values.length / modalities.size();
    }

    /** Writes both files into {@code folder}, the description last. */
    public void write(Path folder) throws IOException {
        Npy.write(folder.resolve(VECTORS), FloatTensor.wrap(new int[] {modalities.size(), dimension()}, values));
        JsonObject json = new JsonObject();
        JsonArray names = new JsonArray();
        modalities.forEach(names::add);
        json.add("modalities", names);
        json.addProperty("dimension", dimension());
        if (consensusAnchor != null) {
            json.addProperty("consensusAnchor", consensusAnchor);
        }
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(folder.resolve(DESCRIPTION), out -> out.write(bytes));
    }

    /** Reads what {@link #write} wrote, naming the file when it is missing or does not fit. */
    public static ClipEmbedding read(Path folder) throws IOException {
        Path description = folder.resolve(DESCRIPTION);
        List<String> modalities = new ArrayList<>();
        String anchor;
        try {
            JsonElement e = JsonParser.parseString(Files.readString(description, StandardCharsets.UTF_8));
            JsonElement a = e.getAsJsonObject().get("consensusAnchor");
            anchor = a == null || a.isJsonNull() ? null : a.getAsString();
            for (JsonElement m : e.getAsJsonObject().getAsJsonArray("modalities")) {
                modalities.add(m.getAsString());
            }
        } catch (JsonParseException | IllegalStateException | NullPointerException | ClassCastException e) {
            throw new IOException(description + ": needs {\"modalities\": [...]}", e);
        }
        NpyArray array = Npy.read(folder.resolve(VECTORS));
        if (array.shape().length != 2 || array.shape()[0] != modalities.size()) {
            throw new IOException(folder.resolve(VECTORS) + ": shape " + java.util.Arrays.toString(array.shape())
                    + " is not [" + modalities.size() + ", D] for " + modalities);
        }
        try {
            return new ClipEmbedding(modalities, array.toFloatTensor().toArray(), anchor);
        } catch (IllegalArgumentException e) {
            throw new IOException(description + ": " + e.getMessage(), e);
        }
    }
}
