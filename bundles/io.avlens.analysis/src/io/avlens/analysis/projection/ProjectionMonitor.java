package io.avlens.analysis.projection;

/**
 * Receives a projection's progress and intermediate layouts, and asks it to stop. Called on the projecting thread.
 */
public interface ProjectionMonitor {

    /** A monitor that ignores everything and never cancels. */
    ProjectionMonitor NONE = new ProjectionMonitor() {
    };

    /**
     * Work done so far.
     *
     * @param phase what is being done, in a user's words ("nearest neighbours", "optimising layout")
     * @param done  units done in the whole projection
     * @param total units of the whole projection
     */
    default void progress(String phase, long done, long total) {
    }

    /** Whether the caller wants the projection to stop; it then throws {@link java.util.concurrent.CancellationException}. */
    default boolean cancelled() {
        return false;
    }

    /**
     * An intermediate layout while an iterative method runs, for views that animate it (as TensorBoard does):
     * {@code xy[2 * i]}, {@code xy[2 * i + 1]} for point i. The array is a copy the receiver may keep.
     */
    default void layout(float[] xy, int iteration) {
    }
}
