package io.avlens.runner.task;

import java.util.List;
import java.util.Map;

/**
 * What a {@link DatasetTask} produced.
 *
 * @param artifacts the files written, relative to the dataset output folder
 * @param metrics   dataset-level measurements by name (e.g. {@code recall@10})
 */
public record DatasetResult(List<TaskArtifact> artifacts, Map<String, Double> metrics) {

    /** Copies the collections. */
    public DatasetResult {
        artifacts = List.copyOf(artifacts);
        metrics = Map.copyOf(metrics);
    }
}
