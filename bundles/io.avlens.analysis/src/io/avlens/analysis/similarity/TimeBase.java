package io.avlens.analysis.similarity;

/**
 * The time of the steps of one axis of a similarity volume: step {@code i} starts at {@code start + i × step}
 * seconds of media time (frame {@code i} of a video at 8 fps: start 0, step 0.125). Steps are indices, seconds are
 * what crosses the API; this record converts between them.
 *
 * @param start media time of step 0, seconds
 * @param step  seconds per step; positive
 */
public record TimeBase(double start, double step) {

    /** @throws IllegalArgumentException when start is not finite or step is not positive and finite */
    public TimeBase {
        if (!Double.isFinite(start) || !(step > 0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException("a time base needs a finite start and a positive step, got start "
                    + start + " s, step " + step + " s");
        }
    }

    /** Steps from time 0 at {@code stepsPerSecond} (frames per second, mel frames per second). */
    public static TimeBase ofRate(double stepsPerSecond) {
        return new TimeBase(0, 1 / stepsPerSecond);
    }

    /** Media time of (fractional) step {@code index}, seconds. */
    public double timeOf(double index) {
        return start + index * step;
    }

    /** The (fractional) step at media time {@code seconds}. */
    public double indexOf(double seconds) {
        return (seconds - start) / step;
    }

    /**
     * The step whose start is nearest to {@code seconds} (halves round up), not limited to any range; the one
     * rounding rule of this package, so estimates and references agree to the step.
     */
    public long nearest(double seconds) {
        return (long) Math.floor(indexOf(seconds) + 0.5);
    }

    /** The step whose start is nearest to {@code seconds}, clamped to {@code [0, count)}. */
    public int nearest(double seconds, int count) {
        return (int) Math.max(0, Math.min(count - 1L, nearest(seconds)));
    }
}
