package io.avlens.ui.media;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.avlens.core.io.MediaFiles;
import io.avlens.core.time.TimeMarker;

/**
 * Ground-truth sound events from the JSON sidecar beside a clip ({@code clip.mp4} → {@code clip.json}), as the
 * AV-Shapes generator writes them: {@code {"events": [{"type": "hit", "time": 1.25, "duration": 0, "objectId": 2,
 * "material": "metal"}, ...]}}. Other members are ignored, so richer sidecars stay readable.
 */
public final class ClipSidecar {

    private ClipSidecar() {
    }

    /** The sidecar path of {@code clip}. */
    public static Path of(Path clip) {
        return MediaFiles.sibling(clip, ".json");
    }

    /**
     * The events of {@code clip}'s sidecar as markers; empty without a sidecar.
     *
     * @throws IOException naming the sidecar and the problem when it exists but is not a valid sidecar
     */
    public static List<TimeMarker> markers(Path clip) throws IOException {
        Path sidecar = of(clip);
        if (!Files.isRegularFile(sidecar)) {
            return List.of();
        }
        try (Reader in = Files.newBufferedReader(sidecar, StandardCharsets.UTF_8)) {
            JsonElement root = JsonParser.parseReader(in);
            if (!root.isJsonObject()) {
                throw new IOException(sidecar + ": not a sidecar: the top level is not a JSON object");
            }
            JsonElement events = root.getAsJsonObject().get("events");
            if (events == null) {
                return List.of();
            }
            if (!events.isJsonArray()) {
                throw new IOException(sidecar + ": \"events\" is not a list");
            }
            return markers(sidecar, events.getAsJsonArray());
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new IOException(sidecar + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    private static List<TimeMarker> markers(Path sidecar, JsonArray events) throws IOException {
        List<TimeMarker> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (!events.get(i).isJsonObject()) {
                throw new IOException(sidecar + ": event " + i + " is not an object");
            }
            JsonObject e = events.get(i).getAsJsonObject();
            if (!e.has("type") || !e.has("time")) {
                throw new IOException(sidecar + ": event " + i + " lacks \"type\" or \"time\"");
            }
            double time = e.get("time").getAsDouble();
            double duration = e.has("duration") ? e.get("duration").getAsDouble() : 0;
            if (!Double.isFinite(time) || !(duration >= 0)) {
                throw new IOException(sidecar + ": event " + i + " has an impossible time or duration");
            }
            List<String> label = new ArrayList<>();
            if (e.has("material")) {
                label.add(e.get("material").getAsString());
            }
            if (e.has("objectId")) {
                label.add("object " + e.get("objectId").getAsString());
            }
            if (e.has("speed")) {
                label.add(String.format(Locale.ROOT, "%.1f m/s", e.get("speed").getAsDouble()));
            }
            out.add(new TimeMarker(time, duration, e.get("type").getAsString(), String.join(", ", label)));
        }
        return out;
    }
}
