package io.avlens.models.training;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One training to run: what every family takes (data, output folder, steps, seed, checkpoint interval) and the
 * values of the family's own {@link TrainOption}s (a missing one takes its default). Immutable.
 *
 * @param data            the data folder the family trains on
 * @param out             the output folder: new, empty, or holding the checkpoint of a run to continue
 * @param steps           optimizer steps in all
 * @param seed            seeds the weights and every batch
 * @param checkpointEvery steps between checkpoints (one is always written at the end or on cancel)
 * @param options         family option values by name
 */
public record TrainRequest(Path data, Path out, int steps, long seed, int checkpointEvery,
        Map<String, Number> options) {

    /** The checkpoint interval when none is given. */
    public static final int DEFAULT_CHECKPOINT_EVERY = 200;

    public TrainRequest {
        if (steps < 1 || checkpointEvery < 1 || seed < 0) {
            throw new IllegalArgumentException("steps " + steps + ", seed " + seed + ", checkpoint every "
                    + checkpointEvery);
        }
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** The value of {@code option}, or its default. */
    public double value(TrainOption option) {
        Number v = options.get(option.name());
        return v == null ? option.defaultValue() : v.doubleValue();
    }

    /** The value of a whole-number {@code option}, or its default. */
    public int whole(TrainOption option) {
        return (int) value(option);
    }
}
