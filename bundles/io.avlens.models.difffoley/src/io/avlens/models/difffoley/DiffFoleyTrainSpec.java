package io.avlens.models.difffoley;

/**
 * How Diff-Foley-small is trained: the denoiser for {@code denoiserSteps} Adam steps, then the alignment
 * classifier for {@code classifierSteps}, both on batches of {@code batch} clips with a warm-up-cosine learning
 * rate. The batch of step {@code s} depends only on (seed, part, s), so a resumed run ends with the weights of an
 * uninterrupted one.
 *
 * @param config            the network sizes
 * @param denoiserSteps     the denoiser's Adam steps
 * @param classifierSteps   the classifier's Adam steps
 * @param batch             clips per batch
 * @param cropSteps         video steps of the random crop each denoiser training sample is cut to (it is
 *                          convolutional in time, so it trains on 2 s crops, half the cost, and runs on 4 s; the
 *                          alignment classifier trains on whole 4 s windows, where a crop of another clip's
 *                          sound would often hold no sound event and be no misaligned pair)
 * @param denoiserRate      the denoiser's peak learning rate
 * @param classifierRate    the classifier's peak learning rate
 * @param warmupSteps       linear warm-up of both
 * @param conditionDrop     probability that the denoiser's condition is replaced by the null condition (0.2)
 * @param seed              the seed of the weights and the batches
 * @param checkpointEvery   steps between checkpoints
 * @param logEvery          steps between loss rows
 * @param nearShare         the share of the classifier's shifted negatives that are near misses (0.1 s to 0.5 s
 *                          either way) rather than shifts of 0.5 s to 3.5 s ({@link AlignmentPairs}); 0 for the
 *                          shipped classifier (1 was tried: weights/diff-foley-small/README.md, "Near misses")
 */
public record DiffFoleyTrainSpec(DiffFoleyConfig config, int denoiserSteps, int classifierSteps, int batch, int cropSteps,
        float denoiserRate, float classifierRate, int warmupSteps, double conditionDrop, long seed,
        int checkpointEvery, int logEvery, double nearShare) {

    /** The shipped weights' schedule with {@code denoiserSteps} and {@code seed}. */
    public static DiffFoleyTrainSpec defaults(int denoiserSteps, long seed) {
        return new DiffFoleyTrainSpec(DiffFoleyConfig.small(), denoiserSteps, 800, 16, 16, 1e-3f, 1e-3f, 100, 0.2,
                seed, 200, 20, 0.0);
    }

    /** @throws IllegalArgumentException naming a setting out of range */
    public DiffFoleyTrainSpec {
        if (denoiserSteps < 1 || classifierSteps < 1 || batch < 2 || cropSteps < 4 || checkpointEvery < 1 || logEvery < 1
                || !(conditionDrop >= 0 && conditionDrop < 1) || !(nearShare >= 0 && nearShare <= 1)) {
            throw new IllegalArgumentException("bad Diff-Foley training settings: " + denoiserSteps
                    + " denoiser steps, " + classifierSteps + " classifier steps, batch " + batch
                    + ", condition drop " + conditionDrop + ", near-miss share " + nearShare);
        }
    }
}
