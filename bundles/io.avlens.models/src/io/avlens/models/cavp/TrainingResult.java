package io.avlens.models.cavp;

import java.nio.file.Path;

/**
 * What a training run left behind.
 *
 * @param weights    the weights file ({@code cavp-small.params})
 * @param descriptor the descriptor ({@code cavp-small.json}) with the weights' SHA-256
 * @param lossCurve  {@code loss.csv}: step, L_S, L_T, total, temperature
 * @param steps      steps done (less than planned when cancelled)
 * @param cancelled  whether the monitor stopped it
 * @param seconds    wall time of this call, loading included
 */
public record TrainingResult(Path weights, Path descriptor, Path lossCurve, int steps, boolean cancelled,
        double seconds) {
}
