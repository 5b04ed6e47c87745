package io.avlens.analysis.search;

/**
 * Receives an index build's progress and asks it to stop; called on the building thread. A UI adapts it to an
 * Eclipse Job, the command line to its progress bar.
 */
public interface BuildMonitor {

    /** A monitor that ignores progress and never cancels. */
    BuildMonitor NONE = new BuildMonitor() {
    };

    /**
     * Work done so far.
     *
     * @param phase what is being done, in a user's words ("linking rows", "measuring recall")
     * @param done  units done in this phase
     * @param total units of this phase
     */
    default void progress(String phase, long done, long total) {
    }

    /** Whether the caller wants the build to stop; it then throws {@link java.util.concurrent.CancellationException}. */
    default boolean cancelled() {
        return false;
    }
}
