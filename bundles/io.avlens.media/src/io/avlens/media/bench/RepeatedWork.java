package io.avlens.media.bench;

import java.io.IOException;

/**
 * Sizes a measurement so that it can be measured: a short input is repeated until one timing covers at least a
 * minimum of work (1 s by default), so a reference that reports milliseconds (ffmpeg's {@code rtime}) or a clock's
 * granularity cannot turn a tiny file into a zero time and an infinite rate. A timing still at zero after the most
 * repeats allowed is below resolution, and says so ({@link Sized#resolved()}) instead of giving a number.
 */
public final class RepeatedWork {

    /** The least work per timing, in seconds, unless a caller asks for another. */
    public static final double MIN_SECONDS = 1.0;

    /** The most repeats tried before a zero time is declared below resolution. */
    public static final int MAX_REPEATS = 100_000;

    /** Something timed over {@code repeats} passes of its input. */
    @FunctionalInterface
    public interface Timing {
        /**
         * Runs the work {@code repeats} times and returns the time it measured, in seconds: 0 when below the
         * clock's resolution, NaN when the work failed.
         */
        double seconds(int repeats) throws IOException, InterruptedException;
    }

    /**
     * A sized measurement.
     *
     * @param repeats passes per timing
     * @param seconds the time of the last sizing run ({@code repeats} passes), NaN when the work failed
     */
    public record Sized(int repeats, double seconds) {

        /** Whether the work was timed at all: not failed, and above the clock's resolution. */
        public boolean resolved() {
            return seconds > 0;
        }

        /** Whether it failed. */
        public boolean failed() {
            return Double.isNaN(seconds);
        }
    }

    private RepeatedWork() {
    }

    /**
     * Finds how many passes make one timing last at least {@code minSeconds}: one pass first (which also warms
     * up), then as many as the last time predicts (with 20 % to spare, at least one more), ten times as many after a
     * time of zero; at most {@code maxRepeats}.
     */
    public static Sized size(Timing timing, double minSeconds, int maxRepeats) throws IOException,
            InterruptedException {
        int repeats = 1;
        double seconds = timing.seconds(repeats);
        while (!Double.isNaN(seconds) && seconds < minSeconds && repeats < maxRepeats) {
            long next = seconds > 0 ? (long) Math.ceil(repeats * minSeconds * 1.2 / seconds) : repeats * 10L;
            repeats = (int) Math.min(maxRepeats, Math.max(repeats + 1L, next));
            seconds = timing.seconds(repeats);
        }
        return new Sized(repeats, seconds);
    }
}
