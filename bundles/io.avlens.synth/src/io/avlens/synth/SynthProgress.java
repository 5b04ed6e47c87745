package io.avlens.synth;

/**
 * Hears how far a generation has come and may ask it to stop. Both methods are called on the thread that called
 * {@link AvShapesGenerator#generate}, never from the worker threads, so an implementation needs no locking (a
 * wizard wraps its {@code IProgressMonitor} in one).
 */
public interface SynthProgress {

    /** Reports nothing and never cancels. */
    SynthProgress NONE = (done, total) -> {
    };

    /** {@code done} of {@code total} clips are written (called once per clip, in completion order). */
    void clipsDone(int done, int total);

    /** Whether the caller wants the generation to stop; checked before each clip is started and after each ends. */
    default boolean isCanceled() {
        return false;
    }
}
