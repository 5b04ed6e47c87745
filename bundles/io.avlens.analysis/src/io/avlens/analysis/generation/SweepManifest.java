package io.avlens.analysis.generation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.avlens.core.io.AtomicFiles;

/**
 * The record of one clip's guidance sweep, {@code sweep.json} beside the cells' {@link GeneratedSample}s: the axes
 * (ω per row, γ per column), the seeds (each cell holds one sample per seed, all cells of a seed starting from the
 * same initial noise), the clip, the model, the sampler and its steps. Written after every cell's files, so a
 * folder with a {@code sweep.json} holds the whole grid. What File › Open Sweep… and a {@code sweep} run open.
 *
 * @param clip    the clip's media file (absolute)
 * @param model   the model id
 * @param omegas  the ω values, in the order asked
 * @param gammas  the γ values, in the order asked
 * @param seeds   the seeds
 * @param steps   sampler steps
 * @param sampler {@link GuidanceSettings#DPM} or {@link GuidanceSettings#DDIM}
 */
public record SweepManifest(String clip, String model, List<Double> omegas, List<Double> gammas, List<Long> seeds,
        int steps, String sampler) {

    /** The manifest's file name. */
    public static final String FILE = "sweep.json";

    /** @throws IllegalArgumentException when an axis or the seeds are empty */
    public SweepManifest {
        if (clip == null || model == null || omegas.isEmpty() || gammas.isEmpty() || seeds.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs a clip, a model, at least one ω, one γ and one seed");
        }
        omegas = List.copyOf(omegas);
        gammas = List.copyOf(gammas);
        seeds = List.copyOf(seeds);
    }

    /** Every cell's settings: for each seed, row by row (ω), column by column (γ). */
    public List<GuidanceSettings> cells() {
        List<GuidanceSettings> cells = new ArrayList<>();
        for (long seed : seeds) {
            for (double w : omegas) {
                for (double g : gammas) {
                    cells.add(new GuidanceSettings(w, g, steps, sampler, seed));
                }
            }
        }
        return cells;
    }

    /** Whether {@code folder} holds a sweep manifest. */
    public static boolean isSweep(Path folder) {
        return Files.isRegularFile(folder.resolve(FILE));
    }

    /** Writes {@code folder/sweep.json} atomically. */
    public void write(Path folder) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("clip", clip);
        o.addProperty("model", model);
        JsonArray w = new JsonArray();
        omegas.forEach(w::add);
        o.add("omegas", w);
        JsonArray g = new JsonArray();
        gammas.forEach(g::add);
        o.add("gammas", g);
        JsonArray s = new JsonArray();
        seeds.forEach(s::add);
        o.add("seeds", s);
        o.addProperty("steps", steps);
        o.addProperty("sampler", sampler);
        byte[] bytes = new GsonBuilder().setPrettyPrinting().create().toJson(o).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(folder.resolve(FILE), out -> out.write(bytes));
    }

    /**
     * Reads {@code folder/sweep.json}.
     *
     * @throws IOException naming the file when it is missing or not a sweep manifest
     */
    public static SweepManifest read(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(folder + ": not a sweep folder (it has no " + FILE + ")");
        }
        try {
            JsonObject o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            return new SweepManifest(o.get("clip").getAsString(), o.get("model").getAsString(),
                    numbers(o.getAsJsonArray("omegas")), numbers(o.getAsJsonArray("gammas")),
                    numbers(o.getAsJsonArray("seeds")).stream().map(Double::longValue).toList(),
                    o.get("steps").getAsInt(), o.get("sampler").getAsString());
        } catch (JsonParseException | IllegalStateException | NullPointerException | ClassCastException
                | UnsupportedOperationException | IllegalArgumentException e) {
            throw new IOException(file + ": not a sweep manifest (" + e.getMessage() + ")", e);
        }
    }

    private static List<Double> numbers(JsonArray a) {
        List<Double> out = new ArrayList<>();
        for (JsonElement e : a) {
            out.add(e.getAsDouble());
        }
        return out;
    }
}
