package io.avlens.core.time;

/**
 * What the user selected on the shared time axis: a cursor instant alone ({@code begin == end}) or a range
 * dragged from {@code begin} to {@code end} (either order, as dragged). The cursor is {@code begin}. Seconds.
 *
 * @param begin where the selection started, seconds
 * @param end   where it ended, seconds; equal to {@code begin} for a plain cursor
 */
public record TimeSelection(double begin, double end) {

    /** @throws IllegalArgumentException when a bound is not finite */
    public TimeSelection {
        if (!Double.isFinite(begin) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("selection bounds must be finite: " + begin + ", " + end);
        }
    }

    /** A cursor at {@code seconds} with no range. */
    public static TimeSelection at(double seconds) {
        return new TimeSelection(seconds, seconds);
    }

    /** Whether this is a single instant. */
    public boolean isCursor() {
        return begin == end;
    }

    /** The cursor instant, seconds. */
    public double cursor() {
        return begin;
    }

    /** The selected instants as an ordered range. */
    public TimeRange range() {
        return TimeRange.spanning(begin, end);
    }
}
