package io.avlens.models.mc3;

import io.avlens.models.training.WarmupCosineSchedule;

/**
 * What {@link Mc3Trainer} trains: network sizes, the consensus term and the schedule.
 *
 * @param config          the network
 * @param consensus       the consensus term (weight 0: the no-consensus ablation)
 * @param steps           optimizer steps in all
 * @param batchSize       clips per batch, all distinct
 * @param learningRate    peak Adam learning rate; linear warm-up, then cosine decay to a tenth at the last step
 * @param warmupSteps     warm-up length
 * @param seed            seeds weight initialisation and every batch (with the step number)
 * @param checkpointEvery steps between checkpoints
 * @param logEvery        steps between loss rows and progress reports
 * @param mining          hard-negative batches mined from the model's own audio ({@link Mc3Mining#OFF}: random
 *                        batches, the shipped weights')
 */
public record Mc3TrainSpec(Mc3Config config, Mc3Loss.Consensus consensus, int steps, int batchSize,
        float learningRate, int warmupSteps, long seed, int checkpointEvery, int logEvery, Mc3Mining mining) {

    /** Random batches only ({@link Mc3Mining#OFF}). */
    public Mc3TrainSpec(Mc3Config config, Mc3Loss.Consensus consensus, int steps, int batchSize, float learningRate,
            int warmupSteps, long seed, int checkpointEvery, int logEvery) {
        this(config, consensus, steps, batchSize, learningRate, warmupSteps, seed, checkpointEvery, logEvery,
                Mc3Mining.OFF);
    }

    public Mc3TrainSpec {
        if (mining == null) {
            throw new IllegalArgumentException("no mining settings (Mc3Mining.OFF for none)");
        }
        if (steps < 1 || batchSize < 2 || !(learningRate > 0) || warmupSteps < 0 || checkpointEvery < 1
                || logEvery < 1) {
            throw new IllegalArgumentException("bad training spec: steps " + steps + ", batch " + batchSize + ", lr "
                    + learningRate + ", warm-up " + warmupSteps + ", checkpoint every " + checkpointEvery
                    + ", log every " + logEvery);
        }
    }

    /** The consensus settings of the shipped weights: weight 1, μ 0.5, s 0.1, margin 0.2. */
    public static Mc3Loss.Consensus defaultConsensus() {
        return new Mc3Loss.Consensus(1.0, 0.5, 0.1, 0.2);
    }

    /** The schedule of the shipped weights: batch 32, Adam 2e-3 with 100 warm-up steps, a row every 10 steps. */
    public static Mc3TrainSpec defaults(int steps, long seed) {
        return new Mc3TrainSpec(Mc3Config.small(), defaultConsensus(), steps, 32, 2e-3f, Math.min(100, steps / 10),
                seed, 200, 10);
    }

    /** The learning rate at (0-based) {@code step}. */
    public float learningRate(int step) {
        return new WarmupCosineSchedule(learningRate, warmupSteps, steps).at(step);
    }
}
