package io.avlens.runner.task;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a {@link DatasetTask} gets: one model's result on every clip of the run.
 *
 * @param modelId      the model
 * @param family       the model's descriptor family
 * @param parameters   the experiment's parameters by name (as a {@code RunSnapshot} holds them)
 * @param outputFolder where to write the artifacts: {@code runs/<run>/<model>/_dataset}, existing and empty
 * @param clips        every clip the per-clip stage reached, in run order, failed ones included
 */
public record DatasetInput(String modelId, String family, Map<String, Object> parameters, Path outputFolder,
        List<DatasetClip> clips) {

    /** Copies the collections. */
    public DatasetInput {
        parameters = Map.copyOf(parameters);
        clips = List.copyOf(clips);
    }

    /**
     * One clip's per-clip result and metadata.
     *
     * @param clipId    the clip's id
     * @param media     its media file, absolute
     * @param split     the name of its split, or null
     * @param labels    its labels (key to value)
     * @param succeeded whether the per-clip task succeeded on it
     * @param folder    the folder holding its artifacts, or null when none were written
     * @param artifacts the files written, relative to {@code folder}
     * @param metrics   its per-clip metrics
     */
    public record DatasetClip(String clipId, Path media, String split, Map<String, String> labels,
            boolean succeeded, Path folder, List<TaskArtifact> artifacts, Map<String, Double> metrics) {

        /** Copies the collections. */
        public DatasetClip {
            labels = Map.copyOf(labels);
            artifacts = List.copyOf(artifacts);
            metrics = Map.copyOf(metrics);
        }
    }
}
