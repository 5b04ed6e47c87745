package io.avlens.models.training;

/**
 * A learning-rate schedule: linear warm-up to {@code peak} over {@code warmupSteps}, then cosine decay to a tenth of
 * it at the last of {@code steps}. Immutable.
 *
 * @param peak        the largest learning rate
 * @param warmupSteps warm-up length, steps (0: none)
 * @param steps       steps in all
 */
public record WarmupCosineSchedule(float peak, int warmupSteps, int steps) {

    /** The learning rate at (0-based) {@code step}. */
    public float at(int step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, steps - warmupSteps - 1);
        return (float) (peak * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)))));
    }
}
