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

    /**
     * The cancel check for a loader that polls it once per clip (before each): each poll also reports phase
     * {@code "loading"} with the clips polled so far out of {@code total}, so reading the data shows progress.
     */
    static java.util.function.BooleanSupplier loading(TrainingMonitor monitor, int total) {
        int[] polled = {0};
        return () -> {
            monitor.progress(TrainingProgress.phase("loading", Math.min(polled[0]++, total), total));
            return monitor.isCancelled();
        };
    }

    /** The {@code media/*.mp4} clips of an AV-Shapes folder, for {@link #loading}'s total (0 when unreadable). */
    static int mediaClips(java.nio.file.Path dataDir) {
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(dataDir.resolve("media"))) {
            return (int) s.filter(p -> p.getFileName().toString().endsWith(".mp4")).count();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    /**
     * One of several training loops run one after the other as one training (e.g. a denoiser, then its classifier):
     * {@code monitor} sees this loop's steps counted from {@code before} (the steps of the loops before it) out of
     * {@code total} (all loops' steps), so its progress never runs backwards; cancel is {@code monitor}'s.
     */
    static TrainingMonitor part(TrainingMonitor monitor, int before, int total) {
        return new TrainingMonitor() {
            @Override
            public void progress(TrainingProgress p) {
                monitor.progress(new TrainingProgress(p.phase(), before + p.step(), total, p.loss(), p.values(),
                        p.secondsPerStep()));
            }

            @Override
            public boolean isCancelled() {
                return monitor.isCancelled();
            }
        };
    }
}
