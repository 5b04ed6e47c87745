package io.avlens.core.time;

/**
 * A closed interval of media time in seconds, {@code start <= end}. Immutable and thread-safe.
 *
 * @param start first instant, seconds
 * @param end   last instant, seconds, never before {@code start}
 */
public record TimeRange(double start, double end) {

    /** @throws IllegalArgumentException when a bound is not finite or {@code end < start} */
    public TimeRange {
        if (!Double.isFinite(start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("time range bounds must be finite: [" + start + ", " + end + "]");
        }
        if (end < start) {
            throw new IllegalArgumentException("time range ends before it starts: [" + start + ", " + end + "]");
        }
    }

    /** The range from {@code start} lasting {@code seconds}. */
    public static TimeRange ofDuration(double start, double seconds) {
        return new TimeRange(start, start + seconds);
    }

    /** The range spanning both instants, in either order. */
    public static TimeRange spanning(double a, double b) {
        return new TimeRange(Math.min(a, b), Math.max(a, b));
    }

    /** Length in seconds. */
    public double duration() {
        return end - start;
    }

    /** Whether {@code seconds} lies within the closed range. */
    public boolean contains(double seconds) {
        return seconds >= start && seconds <= end;
    }

    /** The instant nearest to {@code seconds} inside this range. */
    public double clamp(double seconds) {
        return Math.max(start, Math.min(end, seconds));
    }

    /** Whether the two closed ranges share at least one instant. */
    public boolean overlaps(TimeRange other) {
        return other.start <= end && other.end >= start;
    }

    /**
     * A range of the same duration moved as little as possible to fit inside {@code bounds}; when it is longer
     * than {@code bounds}, {@code bounds} itself. Used when panning a visible window.
     */
    public TimeRange shiftedInto(TimeRange bounds) {
        if (duration() >= bounds.duration()) {
            return bounds;
        }
        if (start < bounds.start) {
            return ofDuration(bounds.start, duration());
        }
        if (end > bounds.end) {
            return new TimeRange(bounds.end - duration(), bounds.end);
        }
        return this;
    }
}
