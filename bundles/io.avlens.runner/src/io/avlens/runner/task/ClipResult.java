package io.avlens.runner.task;

import java.util.List;
import java.util.Map;

/**
 * What a {@link ClipTask} produced for one clip.
 *
 * @param clipId    the clip's id
 * @param artifacts the files written, relative to the clip's output folder
 * @param metrics   per-clip measurements by name (e.g. {@code lagSeconds}, {@code confidence})
 */
public record ClipResult(String clipId, List<TaskArtifact> artifacts, Map<String, Double> metrics) {

    /** Copies the lists. */
    public ClipResult {
        artifacts = List.copyOf(artifacts);
        metrics = Map.copyOf(metrics);
    }
}
