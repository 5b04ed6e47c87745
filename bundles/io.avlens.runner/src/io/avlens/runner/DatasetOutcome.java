package io.avlens.runner;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.avlens.runner.task.TaskArtifact;

/**
 * What the dataset-level stage ({@link io.avlens.runner.task.DatasetTask}) produced for one model of a run.
 *
 * @param modelId   the model
 * @param folder    {@code runs/<run>/<model>/_dataset}
 * @param artifacts the files written, relative to {@code folder}
 * @param metrics   its metrics by name, sorted (also in the run's metrics)
 */
public record DatasetOutcome(String modelId, Path folder, List<TaskArtifact> artifacts, Map<String, Double> metrics) {

    /** The folder of a model's dataset-level artifacts, inside the model's folder of the run. */
    public static final String FOLDER = "_dataset";

    /** Copies the collections, sorting the metrics by name. */
    public DatasetOutcome {
        artifacts = List.copyOf(artifacts);
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
    }
}
