package io.avlens.models.training;

import java.nio.file.Path;

/**
 * What a training run left behind in its output folder.
 *
 * @param weights    the weights file (e.g. {@code cavp-small.params})
 * @param descriptor the AV Lens model descriptor written beside it, with the weights' SHA-256
 * @param lossCurve  {@code loss.csv} (see {@link LossCsv})
 * @param steps      steps done (less than planned when cancelled)
 * @param cancelled  whether the monitor stopped it
 * @param seconds    wall time of this call, loading included
 */
public record TrainingResult(Path weights, Path descriptor, Path lossCurve, int steps, boolean cancelled,
        double seconds) {

    /** Cancelled while the data was read: no step trained, nothing written (the paths are null). */
    public static TrainingResult cancelledWhileLoading(double seconds) {
        return new TrainingResult(null, null, null, 0, true, seconds);
    }
}
