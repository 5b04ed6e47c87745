package io.avlens.models.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of training every family shares: resume from the output folder's {@link Checkpoint} (same family and
 * seed, not beyond the planned steps) or start fresh, then step until done or cancelled, logging a {@link LossCsv}
 * row and a progress report every {@code logEvery} steps (and at the last), replacing the checkpoint every
 * {@code checkpointEvery} steps and once more at the end or on cancel. The family supplies the steps and its state
 * ({@link Trainee}); with a step that depends only on (seed, step) and the state, a resumed run ends with the
 * weights of an uninterrupted one. A family on a threaded engine ({@link EngineTrainee}) computes every step with
 * the engine thread count the run started with, recorded in the checkpoint, because the engine's sums (and so the
 * weights, bit for bit) depend on it and any model loaded meanwhile in the process may change it. Not thread-safe;
 * one run per instance at a time.
 */
public final class TrainingLoop {

    /** A family's model and optimizer as the loop drives them. */
    public interface Trainee {
        /** One optimizer step at (0-based) {@code step}; returns the loss row in {@link LossColumns#columns()} order. */
        double[] step(int step) throws IOException;

        /** Writes parameters and optimizer state into the checkpoint. */
        void save(DataOutputStream out) throws IOException;

        /** Restores what {@link #save} wrote; {@code source} names the file in errors. */
        void load(DataInputStream in, String source) throws IOException;

        /**
         * The compute engine's intra-op thread count now, or 0 for a family that computes without a threaded engine
         * (then {@link #setThreads} is never called).
         */
        default int threads() {
            return 0;
        }

        /** Sets the compute engine's intra-op thread count. */
        default void setThreads(int threads) {
        }
    }

    /**
     * How a run ended.
     *
     * @param resumedFrom the checkpoint step it continued from, -1 for a fresh run
     * @param steps       steps done (less than planned when cancelled)
     * @param cancelled   whether the monitor stopped it
     * @param last        the last row this run logged (NaN before its first step)
     */
    public record Outcome(int resumedFrom, int steps, boolean cancelled, double[] last) {
    }

    private final String family;
    private final LossColumns columns;
    private final int steps;
    private final long seed;
    private final int checkpointEvery;
    private final int logEvery;

    /**
     * @param family          the family id recorded in (and required of) the checkpoint
     * @param steps           steps in all
     * @param checkpointEvery steps between checkpoints
     * @param logEvery        steps between loss rows and progress reports
     */
    public TrainingLoop(String family, LossColumns columns, int steps, long seed, int checkpointEvery, int logEvery) {
        if (steps < 1 || checkpointEvery < 1 || logEvery < 1) {
            throw new IllegalArgumentException("steps " + steps + ", checkpoint every " + checkpointEvery
                    + ", log every " + logEvery);
        }
        this.family = family;
        this.columns = columns;
        this.steps = steps;
        this.seed = seed;
        this.checkpointEvery = checkpointEvery;
        this.logEvery = logEvery;
    }

    /** Trains {@code trainee} into {@code outDir} (resuming its checkpoint), reporting to {@code monitor}. */
    public Outcome run(Path outDir, Trainee trainee, TrainingMonitor monitor) throws IOException {
        Files.createDirectories(outDir);
        LossCsv csv = new LossCsv(outDir, columns);
        int resumedFrom = -1;
        int before = trainee.threads();
        // a threaded engine's sums depend on its thread count, which anything loading a model in this process may
        // change: the run keeps the count it started with (a resumed one, its checkpoint's), set before every step
        int threads = before;
        if (Files.exists(outDir.resolve(Checkpoint.FILE))) {
            resumedFrom = Checkpoint.read(outDir, family, seed, steps, trainee::load);
            int recorded = Checkpoint.threads(outDir);
            threads = recorded > 0 && before > 0 ? recorded : before;
            csv.keepUpTo(resumedFrom);
        } else {
            csv.start();
        }
        try {
            return steps(outDir, trainee, monitor, csv, resumedFrom, threads);
        } finally {
            if (before > 0 && trainee.threads() != before) {
                trainee.setThreads(before);
            }
        }
    }

    private Outcome steps(Path outDir, Trainee trainee, TrainingMonitor monitor, LossCsv csv, int resumedFrom,
            int threads) throws IOException {
        int step = Math.max(0, resumedFrom);
        boolean cancelled = false;
        double[] last = new double[columns.columns().size()];
        Arrays.fill(last, Double.NaN);
        long reportStart = System.nanoTime();
        int reportSteps = 0;
        while (step < steps) {
            if (monitor.isCancelled()) {
                cancelled = true;
                break;
            }
            if (threads > 0 && trainee.threads() != threads) {
                trainee.setThreads(threads);
            }
            last = trainee.step(step);
            step++;
            reportSteps++;
            if (step % logEvery == 0 || step == steps) {
                csv.append(step, last);
                double sps = (System.nanoTime() - reportStart) / 1e9 / reportSteps;
                monitor.progress(report("training", step, last, sps));
                reportStart = System.nanoTime();
                reportSteps = 0;
            }
            if (step % checkpointEvery == 0 && step < steps) {
                Checkpoint.write(outDir, new Checkpoint.Header(family, seed, step), threads, trainee::save);
            }
        }
        Checkpoint.write(outDir, new Checkpoint.Header(family, seed, step), threads, trainee::save);
        monitor.progress(report("checkpoint", step, last, Double.NaN));
        return new Outcome(resumedFrom, step, cancelled, last);
    }

    /** A report of {@code phase} with the values of {@code row} (NaN values are left out). */
    public TrainingProgress report(String phase, int step, double[] row, double secondsPerStep) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < row.length; i++) {
            if (!Double.isNaN(row[i])) {
                values.put(columns.columns().get(i), row[i]);
            }
        }
        return new TrainingProgress(phase, step, steps, row[columns.indexOf(columns.total())], values,
                secondsPerStep);
    }
}
