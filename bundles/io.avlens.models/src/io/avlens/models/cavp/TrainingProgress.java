package io.avlens.models.cavp;

/**
 * One progress report.
 *
 * @param phase          {@code "loading"}, {@code "training"}, {@code "checkpoint"} or {@code "done"}
 * @param step           steps done
 * @param totalSteps     steps planned
 * @param semantic       {@code L_S} of the last step (NaN before the first)
 * @param temporal       {@code L_T} of the last step
 * @param total          {@code L_S + λ L_T}
 * @param temperature    {@code τ = 1 / exp(logit_scale)}
 * @param secondsPerStep mean wall time of the steps since the last report
 */
public record TrainingProgress(String phase, int step, int totalSteps, double semantic, double temporal,
        double total, double temperature, double secondsPerStep) {
}
