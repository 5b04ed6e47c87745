package io.avlens.runner;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.avlens.runner.task.TaskArtifact;

/**
 * What became of one model on one clip.
 *
 * @param modelId   the model
 * @param clipId    the clip
 * @param media     the clip's media file
 * @param state     succeeded, failed or cancelled
 * @param cached    whether the result came from the cache (the model did not run)
 * @param folder    the folder holding the artifacts, or null when none were written
 * @param artifacts the files written, relative to {@code folder}
 * @param metrics   per-clip measurements by name, sorted
 * @param warnings  how the clip was converted to the model's profile (resampled, resized…)
 * @param seconds   wall-clock time spent on the clip
 * @param cacheKey  the cache key, or null without a cache
 * @param message   why it failed, naming the file and what to do; null otherwise
 */
public record ClipOutcome(String modelId, String clipId, Path media, RunState state, boolean cached, Path folder,
        List<TaskArtifact> artifacts, Map<String, Double> metrics, List<String> warnings, double seconds,
        String cacheKey, String message) {

    /** Copies the collections, sorting the metrics by name. */
    public ClipOutcome {
        artifacts = List.copyOf(artifacts);
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
        warnings = List.copyOf(warnings);
    }

    /** The absolute file of each artifact. */
    public List<Path> files() {
        return folder == null ? List.of() : artifacts.stream().map(a -> folder.resolve(a.file())).toList();
    }
}
