package io.avlens.analysis.generation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * What a video-to-audio model can be judged against in an AV-Shapes clip: the onsets and materials of the sounds
 * made <em>on screen</em>, from the clip's sidecar ({@code clip-00000.json}).
 * <p>
 * <b>Targets</b> are the {@code hit} and {@code scratch} events of an object in view ({@code objectId > 0}; a
 * scratch at its start), at their picture time ({@code time}, the frame of contact). Not targets: {@code offscreen}
 * sounds (nothing in the picture announces them), {@code silent} motion (no sound at all), and what the sidecar
 * keeps outside {@code events}: the ambient bed and hum and the spoken words, which have no onset a picture shows.
 * Targets closer than {@value #MERGE_SECONDS} s merge into the first (two objects that collide make two events at
 * one instant; the onset detector's suppression window cannot tell them apart either). A lagged clip's sound is
 * shifted by its {@code lagSeconds}, its targets are not: a generator should follow the picture.
 * <p>
 * <b>Sounding materials</b> are the materials of those events' objects; a clip with several is scored right by a
 * material classifier when its top prediction is one of them.
 * <p>
 * <b>Kinds</b> say what made each target: its type and what the object struck ({@code surface}), e.g.
 * {@code hit/floor}, {@code hit/wall}, {@code hit/object} (two objects colliding), {@code scratch/floor}; the type
 * alone when the sidecar names no surface. A merged target keeps the kind of its first event. They let a metric be
 * broken down by what a generator has to show, e.g. a wall hit, which the picture shows only as a change of direction.
 *
 * @param targets            target onset times, seconds, ascending
 * @param soundingMaterials  materials of the on-screen objects that sound, sorted
 * @param lagSeconds         the sidecar's lag (0 when it states none)
 * @param kinds              each target's kind, by target
 */
public record SoundingEvents(double[] targets, Set<String> soundingMaterials, double lagSeconds, String[] kinds) {

    /** Kind of a target whose events say nothing of it (made by {@link #SoundingEvents(double[], Set, double)}). */
    public static final String UNKNOWN_KIND = "event";

    /** Targets closer than this merge, seconds: the onset detector's suppression window. */
    public static final double MERGE_SECONDS = 0.05;

    /** @throws IllegalArgumentException when the targets are not ascending or the kinds do not match them */
    public SoundingEvents {
        targets = targets.clone();
        kinds = kinds.clone();
        if (kinds.length != targets.length) {
            throw new IllegalArgumentException(kinds.length + " kinds for " + targets.length + " targets");
        }
        for (int i = 1; i < targets.length; i++) {
            if (targets[i] < targets[i - 1]) {
                throw new IllegalArgumentException("targets must be ascending");
            }
        }
        soundingMaterials = Set.copyOf(new TreeSet<>(soundingMaterials));
    }

    /** Targets of {@value #UNKNOWN_KIND} kind. */
    public SoundingEvents(double[] targets, Set<String> soundingMaterials, double lagSeconds) {
        this(targets, soundingMaterials, lagSeconds, unknownKinds(targets.length));
    }

    private static String[] unknownKinds(int n) {
        String[] k = new String[n];
        Arrays.fill(k, UNKNOWN_KIND);
        return k;
    }

    /**
     * The events of a clip's sidecar.
     *
     * @throws IOException naming the file when it is missing or not an AV-Shapes sidecar
     */
    public static SoundingEvents read(Path sidecar) throws IOException {
        if (!Files.isRegularFile(sidecar)) {
            throw new IOException(sidecar + ": no AV-Shapes sidecar (clip.json beside clip.mp4) with sound events");
        }
        try {
            JsonElement e = JsonParser.parseString(Files.readString(sidecar, StandardCharsets.UTF_8));
            if (!e.isJsonObject() || !e.getAsJsonObject().has("events")) {
                throw new IOException(sidecar + ": not an AV-Shapes sidecar (no \"events\")");
            }
            return of(e.getAsJsonObject());
        } catch (JsonParseException | IllegalStateException | ClassCastException | UnsupportedOperationException
                | NullPointerException | IllegalArgumentException e) { // IllegalArgument: a number that is not one
            throw new IOException(sidecar + ": not an AV-Shapes sidecar (" + e.getMessage() + ")", e);
        }
    }

    /** The events of a parsed sidecar. */
    public static SoundingEvents of(JsonObject sidecar) {
        List<Target> found = new ArrayList<>();
        TreeSet<String> materials = new TreeSet<>();
        for (JsonElement el : sidecar.getAsJsonArray("events")) {
            JsonObject event = el.getAsJsonObject();
            String type = event.get("type").getAsString();
            int object = event.has("objectId") ? event.get("objectId").getAsInt() : 0;
            if ((type.equals("hit") || type.equals("scratch")) && object > 0) {
                JsonElement surface = event.get("surface");
                found.add(new Target(event.get("time").getAsDouble(),
                        surface == null || surface.isJsonNull() ? type : type + "/" + surface.getAsString()));
                if (event.has("material")) {
                    materials.add(event.get("material").getAsString());
                }
            }
        }
        found.sort(Comparator.comparingDouble(Target::time)); // stable: a collision keeps the sidecar's order
        List<Target> merged = new ArrayList<>();
        for (Target t : found) {
            if (merged.isEmpty() || t.time() - merged.get(merged.size() - 1).time() >= MERGE_SECONDS) {
                merged.add(t);
            }
        }
        JsonElement lag = sidecar.get("lagSeconds");
        return new SoundingEvents(merged.stream().mapToDouble(Target::time).toArray(), materials,
                lag == null || lag.isJsonNull() ? 0 : lag.getAsDouble(),
                merged.stream().map(Target::kind).toArray(String[]::new));
    }

    /** The same events with every target moved by {@code seconds} (for checks that a shifted sound scores lower). */
    public SoundingEvents shifted(double seconds) {
        double[] t = targets.clone();
        for (int i = 0; i < t.length; i++) {
            t[i] += seconds;
        }
        return new SoundingEvents(t, soundingMaterials, lagSeconds, kinds);
    }

    private record Target(double time, String kind) {
    }
}
