package io.avlens.runner.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import io.avlens.core.io.AtomicFiles;
import io.avlens.runner.ClipOutcome;
import io.avlens.runner.DatasetOutcome;
import io.avlens.runner.ModelRef;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunSnapshot;
import io.avlens.runner.RunSettings;
import io.avlens.runner.task.TaskArtifact;

/**
 * Writes {@code run.json}: the run's id, experiment, kind, status and message, times, device, settings, seed and
 * parameters, each model with its weights SHA-256 and task, each clip with its media SHA-256, status, whether it
 * came from the cache, its time, artifacts, metrics and warnings, the dataset stage of each model (its folder,
 * artifacts and metrics) and the run's metrics. Non-finite numbers are
 * written as NaN/Infinity (as Python's json module does). Stateless.
 */
final class RunJson {

    /** Pretty, no HTML escaping, nulls written, NaN allowed. */
    static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
            .serializeSpecialFloatingPointValues().create();

    /** Format of {@code run.json}. */
    static final int FORMAT = 1;

    private RunJson() {
    }

    /** Per model: its weights' SHA-256 and the task that ran it (or null when none was found). */
    record ModelInfo(ModelRef model, String weightsSha256, String task, String taskVersion) {
    }

    static void write(RunOutcome outcome, RunSettings settings, List<ModelInfo> models,
            Map<String, String> mediaSha256) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("formatVersion", FORMAT);
        o.addProperty("id", outcome.runId());
        o.addProperty("experiment", outcome.snapshot().experimentId());
        o.addProperty("kind", outcome.snapshot().kind());
        o.addProperty("status", outcome.state().literal());
        o.add("error", outcome.message() == null ? JsonNull.INSTANCE : new JsonPrimitive(outcome.message()));
        o.addProperty("start", outcome.start().toString());
        o.addProperty("end", outcome.end().toString());
        o.addProperty("seconds", outcome.seconds());
        o.addProperty("device", outcome.device());
        JsonObject s = new JsonObject();
        s.addProperty("device", settings.device());
        s.addProperty("threads", settings.threads());
        s.addProperty("batchSize", settings.batchSize());
        s.addProperty("memoryBudgetBytes", settings.budget().isLimited() ? settings.budget().bytes() : null);
        s.addProperty("cache", settings.cacheFolder() == null ? null : settings.cacheFolder().toString());
        o.add("settings", s);
        o.addProperty("seed", outcome.snapshot().seed());
        o.add("parameters", GSON.toJsonTree(new TreeMap<>(outcome.snapshot().parameters())));
        JsonArray ms = new JsonArray();
        for (ModelInfo m : models) {
            JsonObject j = new JsonObject();
            j.addProperty("id", m.model().id());
            j.addProperty("family", m.model().family());
            j.addProperty("descriptor", m.model().descriptorFile().toString());
            j.addProperty("weights", m.model().weights().toString());
            j.addProperty("weightsSha256", m.weightsSha256());
            j.addProperty("task", m.task());
            j.addProperty("taskVersion", m.taskVersion());
            ms.add(j);
        }
        o.add("models", ms);
        JsonArray clips = new JsonArray();
        for (ClipOutcome c : outcome.clips()) {
            JsonObject j = new JsonObject();
            j.addProperty("model", c.modelId());
            j.addProperty("clip", c.clipId());
            j.addProperty("media", c.media().toString());
            j.addProperty("mediaSha256", mediaSha256.get(c.media().toString()));
            j.addProperty("status", c.state().literal());
            j.addProperty("cached", c.cached());
            j.addProperty("seconds", c.seconds());
            j.addProperty("folder", c.folder() == null ? null
                    : outcome.runFolder().relativize(c.folder()).toString().replace('\\', '/'));
            j.addProperty("cacheKey", c.cacheKey());
            JsonArray a = new JsonArray();
            c.artifacts().forEach(t -> a.add(artifact(t)));
            j.add("artifacts", a);
            j.add("metrics", metrics(c.metrics()));
            JsonArray w = new JsonArray();
            c.warnings().forEach(w::add);
            j.add("warnings", w);
            j.add("error", c.message() == null ? JsonNull.INSTANCE : new JsonPrimitive(c.message()));
            clips.add(j);
        }
        o.add("clips", clips);
        JsonArray datasets = new JsonArray();
        for (DatasetOutcome d : outcome.datasets()) {
            JsonObject j = new JsonObject();
            j.addProperty("model", d.modelId());
            j.addProperty("folder", outcome.runFolder().relativize(d.folder()).toString().replace('\\', '/'));
            JsonArray a = new JsonArray();
            d.artifacts().forEach(t -> a.add(artifact(t)));
            j.add("artifacts", a);
            j.add("metrics", metrics(d.metrics()));
            datasets.add(j);
        }
        o.add("datasets", datasets);
        o.add("metrics", metrics(outcome.metrics()));
        byte[] bytes = GSON.toJson(o).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(outcome.runJson(), out -> out.write(bytes));
    }

    /**
     * Marks a run folder as started, before any clip is computed: {@code run.json} with status {@code running}, the
     * process that runs it and when that process started. A run whose process dies (killed, crashed, machine off)
     * keeps this file, so its folder says it is incomplete ({@link io.avlens.runner.RunFolders}); the finished run
     * overwrites it.
     */
    static void writeStarted(Path runFolder, String runId, RunSnapshot snapshot, Instant start) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        JsonObject o = new JsonObject();
        o.addProperty("formatVersion", FORMAT);
        o.addProperty("id", runId);
        o.addProperty("experiment", snapshot.experimentId());
        o.addProperty("kind", snapshot.kind());
        o.addProperty("status", "running");
        o.addProperty("start", start.toString());
        o.addProperty("pid", self.pid());
        self.info().startInstant().ifPresent(t -> o.addProperty("processStart", t.toString()));
        byte[] bytes = GSON.toJson(o).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(runFolder.resolve(RunOutcome.RUN_JSON), out -> out.write(bytes));
    }

    static JsonObject artifact(TaskArtifact a) {
        JsonObject j = new JsonObject();
        j.addProperty("name", a.name());
        j.addProperty("kind", a.kind());
        j.addProperty("file", a.file());
        JsonArray shape = new JsonArray();
        for (int d : a.shape()) {
            shape.add(d);
        }
        j.add("shape", shape);
        j.addProperty("dtype", a.dtype());
        return j;
    }

    static TaskArtifact artifact(JsonObject j) {
        JsonArray s = j.getAsJsonArray("shape");
        int[] shape = new int[s.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = s.get(i).getAsInt();
        }
        JsonElement dtype = j.get("dtype");
        return new TaskArtifact(j.get("name").getAsString(), j.get("kind").getAsString(), j.get("file").getAsString(),
                shape, dtype == null || dtype.isJsonNull() ? null : dtype.getAsString());
    }

    static JsonObject metrics(Map<String, Double> metrics) {
        JsonObject j = new JsonObject();
        new TreeMap<>(metrics).forEach(j::addProperty);
        return j;
    }

    /** A number written by {@link #metrics}, NaN and infinities included. */
    static double number(JsonElement e) {
        return e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }
}
