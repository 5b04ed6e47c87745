package io.avlens.analysis.embedding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.avlens.core.io.MediaFiles;

/**
 * The ground-truth labels of an AV-Shapes clip, read from its sidecar ({@code clip-00000.json}), as the embedding
 * table records them and the retrieval and discovery metrics read them:
 * <ul>
 * <li>{@code shape}, {@code material}, {@code action}: the on-screen objects' values, distinct, sorted and joined by
 * {@code +} (one-object clips have one value each, e.g. {@code circle}, {@code wood}, {@code hit});</li>
 * <li>{@code objects}: how many objects are on screen;</li>
 * <li>{@code offscreen}: {@code true} when a sound comes from out of view;</li>
 * <li>{@code silentMotion}: {@code true} when an object moves on screen without a sound;</li>
 * <li>{@code soundingAction}: {@code true} when an on-screen object's action makes at least one sound (a hit or a
 * scratch event of an object in view) — the action is visible, audible and narrated, what MC3's consensus should
 * find ({@code methods.md} §3).</li>
 * </ul>
 */
public final class AvShapesLabels {

    public static final String SOUNDING_ACTION = "soundingAction";

    private AvShapesLabels() {
    }

    /** The sidecar of a clip's media file ({@code clip-00000.mp4} → {@code clip-00000.json}). */
    public static Path sidecar(Path media) {
        return MediaFiles.sibling(media, ".json");
    }

    /** Whether the media file has an AV-Shapes sidecar beside it. */
    public static boolean has(Path media) {
        return Files.isRegularFile(sidecar(media));
    }

    /**
     * The labels of the clip whose sidecar this is.
     *
     * @throws IOException naming the file when it cannot be read or is not an AV-Shapes sidecar
     */
    public static Map<String, String> read(Path sidecar) throws IOException {
        JsonObject json;
        try {
            JsonElement e = JsonParser.parseString(Files.readString(sidecar, StandardCharsets.UTF_8));
            if (!e.isJsonObject() || !e.getAsJsonObject().has("objects") || !e.getAsJsonObject().has("events")) {
                throw new IOException(sidecar + ": not an AV-Shapes sidecar (no \"objects\" and \"events\")");
            }
            json = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IOException(sidecar + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        return of(json);
    }

    /** The narration recorded in a sidecar, or empty. */
    public static String narration(Path sidecar) throws IOException {
        try {
            JsonElement e = JsonParser.parseString(Files.readString(sidecar, StandardCharsets.UTF_8));
            JsonElement n = e.isJsonObject() ? e.getAsJsonObject().get("narration") : null;
            return n == null || n.isJsonNull() ? "" : n.getAsString();
        } catch (JsonParseException e) {
            throw new IOException(sidecar + ": not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    /** The labels of a parsed sidecar. */
    public static Map<String, String> of(JsonObject sidecar) {
        TreeSet<String> shapes = new TreeSet<>();
        TreeSet<String> materials = new TreeSet<>();
        TreeSet<String> actions = new TreeSet<>();
        JsonArray objects = sidecar.getAsJsonArray("objects");
        for (JsonElement o : objects) {
            JsonObject object = o.getAsJsonObject();
            shapes.add(object.get("shape").getAsString());
            materials.add(object.get("material").getAsString());
            actions.add(object.get("action").getAsString());
        }
        boolean offscreen = false;
        boolean silent = false;
        boolean sounding = false;
        for (JsonElement e : sidecar.getAsJsonArray("events")) {
            JsonObject event = e.getAsJsonObject();
            String type = event.get("type").getAsString();
            int objectId = event.has("objectId") ? event.get("objectId").getAsInt() : 0;
            switch (type) {
                case "offscreen" -> offscreen = true;
                case "silent" -> silent = true;
                case "hit", "scratch" -> sounding |= objectId > 0;
                default -> {
                }
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("shape", String.join("+", shapes));
        labels.put("material", String.join("+", materials));
        labels.put("action", String.join("+", actions));
        labels.put("objects", Integer.toString(objects.size()));
        labels.put("offscreen", Boolean.toString(offscreen));
        labels.put("silentMotion", Boolean.toString(silent));
        labels.put(SOUNDING_ACTION, Boolean.toString(sounding));
        return labels;
    }
}
