package io.avlens.analysis.dense;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The prompts of an AV-Shapes clip, read from its sidecar ({@code clip.json}): every sound event of a visible
 * object ({@code events} with {@code soundSeconds} and an {@code objectId} ≥ 1; class = the object's material; audio
 * span = {@code [time, time + soundSeconds]} shifted by the clip's {@code lagSeconds}) and every spoken word
 * ({@code words}; class = the word; span = {@code [time, time + duration]} widened by {@value #WORD_MARGIN} s on
 * both sides, as the official evaluation widens a word, and shifted by the lag). Sidecar times are picture time.
 * Stateless.
 */
public final class AvShapesPrompts {

    /** Seconds a word's span is widened by on each side (the official evaluation's 0.2 s). */
    public static final double WORD_MARGIN = 0.2;

    private AvShapesPrompts() {
    }

    /**
     * The prompts, sound events first, then words, each in sidecar order.
     *
     * @throws IllegalArgumentException when a needed member is missing or of the wrong type
     */
    public static List<Prompt> of(JsonObject sidecar) {
        try {
            double lag = sidecar.has("lagSeconds") ? sidecar.get("lagSeconds").getAsDouble() : 0;
            Map<Integer, String> materials = new HashMap<>();
            if (sidecar.has("objects")) {
                for (JsonElement e : sidecar.getAsJsonArray("objects")) {
                    JsonObject o = e.getAsJsonObject();
                    materials.put(o.get("id").getAsInt(), o.get("material").getAsString());
                }
            }
            List<Prompt> prompts = new ArrayList<>();
            if (sidecar.has("events")) {
                for (JsonElement e : sidecar.getAsJsonArray("events")) {
                    JsonObject ev = e.getAsJsonObject();
                    int id = ev.has("objectId") ? ev.get("objectId").getAsInt() : 0;
                    if (!ev.has("soundSeconds") || id < 1) {
                        continue; // silent motion, or a sound from off screen: nothing to localise
                    }
                    double t = ev.get("time").getAsDouble();
                    String material = materials.getOrDefault(id, ev.get("material").getAsString());
                    prompts.add(new Prompt(Prompt.Kind.SOUND, material, id, t, t + lag,
                            t + lag + ev.get("soundSeconds").getAsDouble()));
                }
            }
            if (sidecar.has("words")) {
                for (JsonElement e : sidecar.getAsJsonArray("words")) {
                    JsonObject w = e.getAsJsonObject();
                    double t = w.get("time").getAsDouble();
                    double d = w.get("duration").getAsDouble();
                    prompts.add(new Prompt(Prompt.Kind.WORD, w.get("word").getAsString(), w.get("objectId").getAsInt(),
                            t, t + lag - WORD_MARGIN, t + lag + d + WORD_MARGIN));
                }
            }
            return prompts;
        } catch (IllegalStateException | NullPointerException | UnsupportedOperationException
                | ClassCastException e) {
            throw new IllegalArgumentException("not an AV-Shapes sidecar (" + e.getMessage() + ")", e);
        }
    }
}
