package io.avlens.core.time;

import java.util.Objects;

/**
 * An annotated span of a clip drawn over the time axis: a ground-truth sound event, a detected onset, a narration.
 * A zero duration marks an instant.
 *
 * @param start    seconds
 * @param duration seconds, ≥ 0
 * @param kind     what it is, e.g. {@code hit}, {@code scratch}, {@code onset}, {@code narration}
 * @param label    short text shown with the marker, may be empty
 */
public record TimeMarker(double start, double duration, String kind, String label) {

    /** @throws IllegalArgumentException when a time is not finite or the duration negative */
    public TimeMarker {
        if (!Double.isFinite(start) || !Double.isFinite(duration) || duration < 0) {
            throw new IllegalArgumentException("marker needs a finite start and duration ≥ 0: " + start + ", " + duration);
        }
        kind = Objects.requireNonNull(kind, "kind");
        label = Objects.requireNonNullElse(label, "");
    }

    /** The instant where the marker ends. */
    public double end() {
        return start + duration;
    }
}
