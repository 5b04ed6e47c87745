package io.avlens.runner.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.avlens.runner.ExperimentSnapshots;
import io.avlens.runner.task.ClipTask;
import io.avlens.runner.task.ParameterSpec;

/**
 * The experiment parameters a task reads: those it declares ({@link ClipTask#parameters()}) and the seed. The
 * others are recorded with the run but neither given to the task nor part of its cache key, so a parameter no task
 * reads never makes a cached result stale ({@code avlens validate} and the experiment editor warn about them).
 * Stateless.
 */
final class TaskParameters {

    private TaskParameters() {
    }

    /** The parameters {@code task} reads, in the order given. */
    static Map<String, Object> read(ClipTask task, Map<String, Object> parameters) {
        Set<String> known = task.parameters().stream().map(ParameterSpec::name).collect(Collectors.toSet());
        Map<String, Object> out = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (known.contains(name) || name.equals(ExperimentSnapshots.SEED)) {
                out.put(name, value);
            }
        });
        return out;
    }
}
