package io.avlens.models.cavp;

import io.avlens.models.training.WarmupCosineSchedule;

/**
 * What {@link CavpTrainer} trains: network sizes and the schedule.
 *
 * @param config           the network
 * @param steps            optimizer steps in all
 * @param batchSize        clips per batch ({@code N_S} of {@code L_S})
 * @param learningRate     peak Adam learning rate; linear warm-up over {@code warmupSteps}, then cosine decay to
 *                         a tenth of it at the last step
 * @param warmupSteps      warm-up length
 * @param lambda           weight of {@code L_T}
 * @param maxLagSteps      {@code D} of {@code L_bands} (lags the sync estimate will search), steps
 * @param mergeProbability probability that a batch entry is a split &amp; merge pair
 * @param seed             seeds weight initialisation and every batch (with the step number)
 * @param checkpointEvery  steps between checkpoints (one is always written at the end or on cancel)
 * @param logEvery         steps between progress reports and loss-curve rows
 */
public record TrainSpec(CavpConfig config, int steps, int batchSize, float learningRate, int warmupSteps,
        float lambda, int maxLagSteps, double mergeProbability, long seed, int checkpointEvery, int logEvery) {

    public TrainSpec {
        if (steps < 1 || batchSize < 2 || !(learningRate > 0) || warmupSteps < 0 || lambda < 0 || maxLagSteps < 0
                || mergeProbability < 0 || mergeProbability > 1 || checkpointEvery < 1 || logEvery < 1) {
            throw new IllegalArgumentException("bad training spec: steps " + steps + ", batch " + batchSize + ", lr "
                    + learningRate + ", warm-up " + warmupSteps + ", λ " + lambda + ", merge " + mergeProbability
                    + ", checkpoint every " + checkpointEvery + ", log every " + logEvery);
        }
    }

    /**
     * The schedule of the shipped {@code cavp-small} weights (which used {@code steps = 2500}, {@code seed = 1}):
     * batch 16, Adam 2e-3 with 100 warm-up steps, λ = 1, D = 8, split &amp; merge for half the entries.
     */
    public static TrainSpec defaults(int steps, long seed) {
        return new TrainSpec(CavpConfig.small(), steps, 16, 2e-3f, Math.min(100, steps / 10), 1f, 8, 0.5, seed, 200, 10);
    }

    /** The learning rate at (0-based) {@code step}: {@link WarmupCosineSchedule} of these settings. */
    public float learningRate(int step) {
        return new WarmupCosineSchedule(learningRate, warmupSteps, steps).at(step);
    }

    /** A copy with another step count (e.g. to extend a finished run). */
    public TrainSpec withSteps(int newSteps) {
        return new TrainSpec(config, newSteps, batchSize, learningRate, warmupSteps, lambda, maxLagSteps,
                mergeProbability, seed,
                checkpointEvery, logEvery);
    }
}
