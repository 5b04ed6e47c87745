package io.avlens.models.training;

/**
 * Receives a trainer's progress and tells it to stop. Called on the training thread; implementations hand work to
 * a UI thread themselves.
 */
public interface TrainingMonitor {

    /** A monitor that reports nothing and never cancels. */
    TrainingMonitor NONE = p -> {
    };

    /** Progress every {@code logEvery} steps, and once per phase change. */
    void progress(TrainingProgress progress);

    /** Polled before every step; true stops training after writing a checkpoint. */
    default boolean isCancelled() {
        return false;
    }
}
