package io.avlens.ui.embeddings.internal;

import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import io.avlens.analysis.projection.Points;
import io.avlens.analysis.projection.Projection;
import io.avlens.analysis.projection.ProjectionMonitor;

/**
 * Runs a {@link Projection} of every (clip, modality) vector as an Eclipse job: its progress goes to the Progress
 * view, the job's cancel stops it, and its intermediate layouts (at most {@link #LAYOUTS_PER_SECOND} a second) and
 * its result go to the callbacks, on the job's thread.
 */
public final class ProjectionJob extends Job {

    /** The family of the explorer's projection jobs. */
    public static final Object FAMILY = new Object();
    static final int LAYOUTS_PER_SECOND = 12;
    private static final int TICKS = 1000;

    private final Projection projection;
    private final Points points;
    private final BiConsumer<float[], Integer> onLayout;
    private final Consumer<float[]> onDone;
    private final Consumer<String> onFailed;

    /**
     * @param onLayout receives intermediate layouts and their iteration
     * @param onDone   receives the final layout
     * @param onFailed receives the message when the method fails (not when cancelled)
     */
    public ProjectionJob(Projection projection, Points points, BiConsumer<float[], Integer> onLayout,
            Consumer<float[]> onDone, Consumer<String> onFailed) {
        super("Projecting " + points.n() + " embeddings (" + projection.name() + ")");
        this.projection = projection;
        this.points = points;
        this.onLayout = onLayout;
        this.onDone = onDone;
        this.onFailed = onFailed;
        setUser(true);
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask(getName(), TICKS);
        long[] lastLayout = {0};
        int[] ticks = {0};
        ProjectionMonitor adapter = new ProjectionMonitor() {
            @Override
            public void progress(String phase, long done, long total) {
                monitor.subTask(phase);
                int now = total > 0 ? (int) Math.min(TICKS, TICKS * done / total) : 0;
                if (now > ticks[0]) {
                    monitor.worked(now - ticks[0]);
                    ticks[0] = now;
                }
            }

            @Override
            public boolean cancelled() {
                return monitor.isCanceled();
            }

            @Override
            public void layout(float[] xy, int iteration) {
                long t = System.nanoTime();
                if (t - lastLayout[0] >= 1_000_000_000L / LAYOUTS_PER_SECOND) {
                    lastLayout[0] = t;
                    onLayout.accept(xy, iteration);
                }
            }
        };
        try {
            float[] xy = projection.project(points, adapter);
            if (monitor.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            onDone.accept(xy);
            return Status.OK_STATUS;
        } catch (CancellationException e) {
            return Status.CANCEL_STATUS;
        } catch (RuntimeException e) {
            onFailed.accept(projection.name() + " failed: " + (e.getMessage() == null ? e : e.getMessage()));
            return Status.OK_STATUS; // reported in the view
        } finally {
            monitor.done();
        }
    }
}
