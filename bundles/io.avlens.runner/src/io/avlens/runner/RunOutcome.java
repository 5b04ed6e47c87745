package io.avlens.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A finished run: what {@code run.json} records, as Java values. Turn it into the project's EMF {@code Run} with
 * {@link RunRecords#toRun}.
 *
 * @param runId      unique, sortable: {@code <experiment>-<yyyyMMdd-HHmmss>} (UTC) with a suffix on collision
 * @param snapshot   what was run
 * @param runFolder  {@code <project>/runs/<run-id>}
 * @param state      how the run ended
 * @param start      when it started
 * @param end        when it ended
 * @param device     where the models ran ({@code cpu}, {@code cuda:0}); the device chosen even when every clip came
 *                   from the cache
 * @param metrics    the tasks' summaries plus {@code clips}, {@code failedClips}, {@code cachedClips},
 *                   {@code seconds}; sorted by name
 * @param clips      every model × clip, in run order (clips not reached before a cancel or a run-level failure
 *                   are absent)
 * @param message    why it failed or that it was cancelled, null when it succeeded
 * @param datasets   what the dataset-level stage produced, per model that has a dataset task (in model order)
 */
public record RunOutcome(String runId, RunSnapshot snapshot, Path runFolder, RunState state, Instant start,
        Instant end, String device, Map<String, Double> metrics, List<ClipOutcome> clips, String message,
        List<DatasetOutcome> datasets) {

    /** The name of the run record inside the run folder. */
    public static final String RUN_JSON = "run.json";

    /** Copies the collections. */
    public RunOutcome {
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
        clips = List.copyOf(clips);
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
    }

    /** A run without a dataset-level stage. */
    public RunOutcome(String runId, RunSnapshot snapshot, Path runFolder, RunState state, Instant start,
            Instant end, String device, Map<String, Double> metrics, List<ClipOutcome> clips, String message) {
        this(runId, snapshot, runFolder, state, start, end, device, metrics, clips, message, List.of());
    }

    /** The run record, {@code <runFolder>/run.json}. */
    public Path runJson() {
        return runFolder.resolve(RUN_JSON);
    }

    /** Seconds from start to end. */
    public double seconds() {
        return Duration.between(start, end).toNanos() / 1e9;
    }
}
