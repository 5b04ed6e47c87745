package io.avlens.models.training;

import java.util.Map;

/**
 * One progress report of a {@link FamilyTrainer}.
 *
 * @param phase          {@code "loading"}, {@code "training"}, {@code "checkpoint"} or {@code "done"}
 * @param step           steps done
 * @param totalSteps     steps planned
 * @param loss           the total loss of the last logged step (its {@link LossColumns#total()} column), NaN before
 *                       the first step of this run
 * @param values         the last logged row by column name, in column order ({@code loss.csv}'s columns but the step; empty before
 *                       the first step of this run)
 * @param secondsPerStep mean wall time of the steps since the last report (NaN outside {@code "training"})
 */
public record TrainingProgress(String phase, int step, int totalSteps, double loss, Map<String, Double> values,
        double secondsPerStep) {

    public TrainingProgress {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    /** A report with no loss yet (loading, or a phase before the first step). */
    public static TrainingProgress phase(String phase, int step, int totalSteps) {
        return new TrainingProgress(phase, step, totalSteps, Double.NaN, Map.of(), Double.NaN);
    }
}
