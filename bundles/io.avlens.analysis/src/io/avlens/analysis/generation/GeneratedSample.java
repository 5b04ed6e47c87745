package io.avlens.analysis.generation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.avlens.core.io.AtomicFiles;

/**
 * The record of one generated sample, {@code STEM.json} beside its files in one folder: {@code STEM.wav} (the
 * waveform), {@code STEM.mel.npy} (the generated log-mel {@code [bins, frames]} in the model's profile), optionally
 * {@code STEM.mp4} (the clip's video with this soundtrack muxed in), the settings, and the metrics measured on it.
 * A generator writes the other files first and this JSON last, so a folder's samples are exactly its {@code *.json}
 * records that {@link #read} accepts. Every generator (the {@code generate} task, {@code avlens generate}, a sweep
 * cell) writes this layout, and every view reads it.
 *
 * @param clip     the clip's media file the sound was generated for (absolute, as the generator saw it)
 * @param model    the model id
 * @param settings guidance, sampler and seed
 * @param stem     the file stem shared by the sample's files
 * @param video    whether {@code STEM.mp4} was written
 * @param metrics  metrics by name (e.g. {@code syncOffset}, {@code classifierScore}); may be empty
 */
public record GeneratedSample(String clip, String model, GuidanceSettings settings, String stem, boolean video,
        Map<String, Double> metrics) {

    /** The record's suffix. */
    public static final String JSON = ".json";
    /** The waveform's suffix. */
    public static final String WAV = ".wav";
    /** The mel spectrogram's suffix. */
    public static final String MEL = ".mel.npy";
    /** The muxed video's suffix. */
    public static final String MP4 = ".mp4";

    /** @throws IllegalArgumentException when a field is missing or the stem is not a plain file name */
    public GeneratedSample {
        if (clip == null || model == null || settings == null || stem == null || stem.isBlank()
                || stem.contains("/") || stem.contains("\\")) {
            throw new IllegalArgumentException("a generated sample needs a clip, a model, settings and a plain stem,"
                    + " not " + clip + ", " + model + ", " + settings + ", " + stem);
        }
        metrics = Map.copyOf(metrics == null ? Map.of() : new LinkedHashMap<>(metrics));
    }

    /** The waveform file in {@code folder}. */
    public Path wav(Path folder) {
        return folder.resolve(stem + WAV);
    }

    /** The mel file in {@code folder}. */
    public Path mel(Path folder) {
        return folder.resolve(stem + MEL);
    }

    /** The muxed video in {@code folder}, or null when none was written. */
    public Path mp4(Path folder) {
        return video ? folder.resolve(stem + MP4) : null;
    }

    /** This record's JSON file in {@code folder}. */
    public Path json(Path folder) {
        return folder.resolve(stem + JSON);
    }

    /** The same record with more metrics (later ones replace earlier ones of the same name). */
    public GeneratedSample withMetrics(Map<String, Double> more) {
        Map<String, Double> all = new LinkedHashMap<>(metrics);
        all.putAll(more);
        return new GeneratedSample(clip, model, settings, stem, video, all);
    }

    /** Writes the record atomically into {@code folder} (call after the sample's other files exist). */
    public void write(Path folder) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("clip", clip);
        json.addProperty("model", model);
        JsonObject s = new JsonObject();
        s.addProperty("omega", settings.omega());
        s.addProperty("gamma", settings.gamma());
        s.addProperty("steps", settings.steps());
        s.addProperty("sampler", settings.sampler());
        s.addProperty("seed", settings.seed());
        json.add("settings", s);
        json.addProperty("stem", stem);
        json.addProperty("wav", stem + WAV);
        json.addProperty("mel", stem + MEL);
        if (video) {
            json.addProperty("video", stem + MP4);
        }
        JsonObject m = new JsonObject();
        metrics.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            double v = e.getValue();
            if (Double.isFinite(v)) {
                m.addProperty(e.getKey(), v);
            } else {
                m.add(e.getKey(), null);
            }
        });
        json.add("metrics", m);
        byte[] bytes = new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(json)
                .getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(json(folder), out -> out.write(bytes));
    }

    /**
     * Reads a record, naming the file when it is missing, not a sample record, or its WAV or mel is missing.
     *
     * @throws IOException naming {@code file} and the problem
     */
    public static GeneratedSample read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such generated-sample record");
        }
        GeneratedSample sample;
        try {
            JsonObject json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                    .getAsJsonObject();
            JsonObject s = json.getAsJsonObject("settings");
            GuidanceSettings settings = new GuidanceSettings(s.get("omega").getAsDouble(),
                    s.get("gamma").getAsDouble(), s.get("steps").getAsInt(), s.get("sampler").getAsString(),
                    s.get("seed").getAsLong());
            Map<String, Double> metrics = new LinkedHashMap<>();
            JsonObject m = json.getAsJsonObject("metrics");
            if (m != null) {
                for (Map.Entry<String, JsonElement> e : m.entrySet()) {
                    metrics.put(e.getKey(), e.getValue().isJsonNull() ? Double.NaN : e.getValue().getAsDouble());
                }
            }
            sample = new GeneratedSample(json.get("clip").getAsString(), json.get("model").getAsString(), settings,
                    json.get("stem").getAsString(), json.has("video"), metrics);
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException
                | ClassCastException | IllegalArgumentException e) {
            throw new IOException(file + ": not a generated-sample record (" + e.getMessage() + ")", e);
        }
        Path folder = file.toAbsolutePath().getParent();
        for (Path part : new Path[] {sample.wav(folder), sample.mel(folder)}) {
            if (!Files.isRegularFile(part)) {
                throw new IOException(file + ": its file " + part.getFileName() + " is missing");
            }
        }
        return sample;
    }

    /**
     * The samples recorded in {@code folder}, by stem; files that are not sample records are skipped.
     *
     * @throws IOException when the folder cannot be listed
     */
    public static List<GeneratedSample> list(Path folder) throws IOException {
        List<GeneratedSample> samples = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(JSON)).sorted().toList()) {
                try {
                    samples.add(read(f));
                } catch (IOException notASample) {
                    // another JSON in the folder (e.g. a run's summary): not a sample
                }
            }
        }
        return samples;
    }
}
