package io.avlens.models.denseav;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.avlens.core.io.MediaFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which of DenseAV's two data sources a training clip stands for, read from its AV-Shapes sidecar
 * ({@code clip-NNNNN.json} beside the MP4), for the disentanglement term ({@link DenseAvLoss#disentangle}). The
 * official DenseAV trains on AudioSet (sounds, source 0) and Places spoken captions (speech, source 1); on AV-Shapes
 * a clip whose sidecar has spoken {@code words} and no sounding event (every event {@code "silent"}) is
 * {@link #SPEECH}, one with a sounding event (hit, scratch or off-screen) and no words is {@link #SOUND}. A clip with
 * both (ordinary {@code avlens synth --speech} data), with neither, or without a sidecar is {@link #NONE} and gets no
 * disentanglement term. With {@code K} heads, the first {@code K/2} heads belong to sounds and the last {@code K/2} to
 * speech (head 0 sound, head 1 speech on DenseAV-small), as in the official code.
 */
public enum ClipSource {

    /** Sounds only (DenseAV's AudioSet). */
    SOUND(0),
    /** Speech only (DenseAV's Places spoken captions). */
    SPEECH(1),
    /** Both, neither or unknown: no disentanglement term. */
    NONE(-1);

    private final int index;

    ClipSource(int index) {
        this.index = index;
    }

    /** The official source index (0 sound, 1 speech), −1 for {@link #NONE}. */
    public int index() {
        return index;
    }

    /** The source of a parsed sidecar. */
    public static ClipSource of(JsonObject sidecar) {
        boolean words = nonEmpty(sidecar.get("words"));
        boolean sounds = false;
        JsonElement events = sidecar.get("events");
        if (events != null && events.isJsonArray()) {
            for (JsonElement e : events.getAsJsonArray()) {
                JsonElement type = e.isJsonObject() ? e.getAsJsonObject().get("type") : null;
                sounds |= type != null && !"silent".equals(type.getAsString());
            }
        }
        return words == sounds ? NONE : words ? SPEECH : SOUND;
    }

    /**
     * The source of the clip {@code media} (its sidecar {@code <name>.json} beside it); {@link #NONE} when it has no
     * sidecar.
     *
     * @throws IOException naming the sidecar when it cannot be read or is not a JSON object
     */
    public static ClipSource read(Path media) throws IOException {
        Path sidecar = MediaFiles.sibling(media, ".json");
        if (!Files.isRegularFile(sidecar)) {
            return NONE;
        }
        try {
            JsonElement e = JsonParser.parseString(Files.readString(sidecar));
            if (!e.isJsonObject()) {
                throw new IOException(sidecar + ": not an AV-Shapes sidecar (expected a JSON object)");
            }
            return of(e.getAsJsonObject());
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new IOException(sidecar + ": not readable as an AV-Shapes sidecar: " + e.getMessage(), e);
        }
    }

    private static boolean nonEmpty(JsonElement e) {
        return e != null && e.isJsonArray() && !((JsonArray) e).isEmpty();
    }

    /**
     * The disentanglement mask of a batch: {@code [B·K]} row-major, 1 for the heads of the other source than clip
     * {@code b}'s, 0 for its own source's heads and for every head of a {@link #NONE} clip.
     *
     * @throws IllegalArgumentException when a clip has a source and {@code heads} is odd
     */
    public static float[] otherHeads(ClipSource[] sources, int heads) {
        float[] mask = new float[sources.length * heads];
        for (int b = 0; b < sources.length; b++) {
            if (sources[b] == NONE) {
                continue;
            }
            if (heads % 2 != 0) {
                throw new IllegalArgumentException("the disentanglement term needs an even number of heads, not "
                        + heads);
            }
            for (int k = 0; k < heads; k++) {
                mask[b * heads + k] = k / (heads / 2) == sources[b].index ? 0 : 1;
            }
        }
        return mask;
    }
}
