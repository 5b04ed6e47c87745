package io.avlens.runner.internal;

import io.avlens.core.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.TaskArtifact;

/**
 * Clip results kept for reuse under {@code <cache>/<k0k1>/<key>/}: the artifacts a task wrote and
 * {@value #ENTRY}, which lists them with each file's size and SHA-256. An entry is written into
 * {@code <cache>/tmp/} and renamed into place whole, so a reader sees a complete entry or none; one whose files do
 * not match its record (a crash of an older version, a disk error, a hand edit) is deleted and recomputed.
 * Thread-safe (entries are immutable once in place; two writers of one key keep the first).
 */
final class ResultCache {

    /** The record of an entry. */
    static final String ENTRY = "entry.json";
    private static final int FORMAT = 1;

    /**
     * A cached result.
     *
     * @param folder   the entry's folder
     * @param result   what the task returned
     * @param warnings the contract's conversions recorded with it
     */
    record Hit(Path folder, ClipResult result, List<String> warnings) {
    }

    private final Path folder;

    /** @param folder the cache folder (created when first written) */
    ResultCache(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /** Where file hashes are remembered. */
    Path hashesFolder() {
        return folder.resolve("hashes");
    }

    /** The folder of an entry. */
    Path entryFolder(String key) {
        return folder.resolve(key.substring(0, 2)).resolve(key);
    }

    /** The entry for {@code key} when there is a sound one; a damaged one is removed. */
    Optional<Hit> lookup(String key, String clipId) {
        Path entry = entryFolder(key);
        if (!Files.isDirectory(entry)) {
            return Optional.empty();
        }
        try {
            JsonObject o = JsonParser.parseString(Files.readString(entry.resolve(ENTRY), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            if (o.get("formatVersion").getAsInt() != FORMAT || !key.equals(o.get("key").getAsString())) {
                throw new IllegalStateException("another format or key");
            }
            for (Map.Entry<String, JsonElement> f : o.getAsJsonObject("files").entrySet()) {
                Path file = entry.resolve(f.getKey());
                JsonObject meta = f.getValue().getAsJsonObject();
                if (!file.normalize().startsWith(entry) || Files.size(file) != meta.get("size").getAsLong()
                        || !FileHashes.digestOf(file).equals(meta.get("sha256").getAsString())) {
                    throw new IllegalStateException(f.getKey() + " differs from its record");
                }
            }
            List<TaskArtifact> artifacts = new ArrayList<>();
            for (JsonElement a : o.getAsJsonArray("artifacts")) {
                artifacts.add(RunJson.artifact(a.getAsJsonObject()));
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            o.getAsJsonObject("metrics").entrySet().forEach(e -> metrics.put(e.getKey(), RunJson.number(e.getValue())));
            List<String> warnings = new ArrayList<>();
            o.getAsJsonArray("warnings").forEach(w -> warnings.add(w.getAsString()));
            return Optional.of(new Hit(entry, new ClipResult(clipId, artifacts, metrics), warnings));
        } catch (IOException | RuntimeException e) {
            discard(entry);
            return Optional.empty();
        }
    }

    /**
     * Keeps the files of a computed clip under {@code key}.
     *
     * @param source the clip's folder holding exactly the task's artifacts
     * @throws IOException when the cache cannot be written (the run goes on without it)
     */
    void store(String key, Path source, ClipResult result, List<String> warnings) throws IOException {
        Path entry = entryFolder(key);
        if (Files.isDirectory(entry)) {
            return;
        }
        Path tmp = Files.createDirectories(folder.resolve("tmp")).resolve(UUID.randomUUID().toString());
        try {
            Folders.copyTree(source, tmp);
            JsonObject o = new JsonObject();
            o.addProperty("formatVersion", FORMAT);
            o.addProperty("key", key);
            JsonArray artifacts = new JsonArray();
            JsonObject files = new JsonObject();
            for (TaskArtifact a : result.artifacts()) {
                artifacts.add(RunJson.artifact(a));
                Path file = tmp.resolve(a.file());
                JsonObject meta = new JsonObject();
                meta.addProperty("size", Files.size(file));
                meta.addProperty("sha256", FileHashes.digestOf(file));
                files.add(a.file(), meta);
            }
            o.add("artifacts", artifacts);
            o.add("files", files);
            o.add("metrics", RunJson.metrics(result.metrics()));
            JsonArray w = new JsonArray();
            warnings.forEach(w::add);
            o.add("warnings", w);
            Files.writeString(tmp.resolve(ENTRY), RunJson.GSON.toJson(o), StandardCharsets.UTF_8);
            Files.createDirectories(entry.getParent());
            try {
                Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                // another run stored the same key first (or the file system cannot rename atomically): keep theirs
            } catch (IOException e) {
                if (!Files.isDirectory(entry)) {
                    throw e;
                }
            }
        } finally {
            FileTrees.deleteQuietly(tmp);
        }
    }

    /** Copies an entry's artifacts (not its record) into an empty folder. */
    static void copyOut(Hit hit, Path target) throws IOException {
        for (TaskArtifact a : hit.result().artifacts()) {
            Path to = target.resolve(a.file());
            Files.createDirectories(to.getParent());
            Files.copy(hit.folder().resolve(a.file()), to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void discard(Path entry) {
        try {
            Path trash = Files.createDirectories(folder.resolve("tmp")).resolve("discarded-" + UUID.randomUUID());
            Files.move(entry, trash, StandardCopyOption.ATOMIC_MOVE);
            FileTrees.deleteQuietly(trash);
        } catch (IOException e) {
            FileTrees.deleteQuietly(entry);
        }
    }
}
