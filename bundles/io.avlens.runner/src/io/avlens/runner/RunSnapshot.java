package io.avlens.runner;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a run needs from the project, copied out of the EMF model on the thread that owns it (see
 * {@link ExperimentSnapshots}), so the worker never touches EMF objects. Immutable.
 *
 * @param projectFolder the project folder (runs go to {@code runs/} inside it)
 * @param experimentId  the experiment's id
 * @param kind          the experiment kind literal ({@code similarity}, {@code heatmap}…), which picks the task
 * @param models        the models, in experiment order
 * @param clips         the selected clips, in selection order
 * @param parameters    the parameters by name, sorted: {@code Long}, {@code Double}, {@code String},
 *                      {@code Boolean}, {@code List<Long>} or {@code List<Double>}
 * @param seed          the run's seed (the {@code seed} parameter, 0 without one)
 * @param takenRunIds   ids of the experiment's existing runs, which a new run id must avoid
 */
public record RunSnapshot(Path projectFolder, String experimentId, String kind, List<ModelRef> models,
        List<ClipRef> clips, Map<String, Object> parameters, long seed, List<String> takenRunIds) {

    /** Copies the collections; the parameters are kept sorted by name. */
    public RunSnapshot {
        if (projectFolder == null || experimentId == null || experimentId.isBlank() || kind == null) {
            throw new IllegalArgumentException("a run needs a project folder, an experiment id and a kind");
        }
        projectFolder = projectFolder.toAbsolutePath().normalize();
        models = List.copyOf(models);
        clips = List.copyOf(clips);
        Map<String, Object> sorted = new TreeMap<>();
        parameters.forEach((k, v) -> sorted.put(k, v instanceof List<?> l ? List.copyOf(l) : v));
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
        takenRunIds = List.copyOf(takenRunIds == null ? List.of() : takenRunIds);
    }
}
