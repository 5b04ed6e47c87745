package io.avlens.ui.embeddings.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IStatus;
import org.junit.jupiter.api.Test;

import io.avlens.analysis.projection.Points;
import io.avlens.analysis.projection.Projection;
import io.avlens.analysis.projection.ProjectionMonitor;
import io.avlens.ui.embeddings.internal.ProjectionJob;
import io.avlens.ui.testing.Ui;

/**
 * The explorer's projection job passes an iterative method's intermediate layouts on (fewer than it makes: at most a
 * dozen a second reach the view), then the result; cancelling the job stops the method and delivers no result.
 */
class ProjectionJobTest {

    /** An iterative method: moves every point a step towards (1, 1) per iteration, publishing each layout. */
    private static final class Stepper implements Projection {
        final CountDownLatch started = new CountDownLatch(1);
        final int iterations;
        final long pauseMillis;

        Stepper(int iterations, long pauseMillis) {
            this.iterations = iterations;
            this.pauseMillis = pauseMillis;
        }

        @Override
        public String name() {
            return "stepper";
        }

        @Override
        public float[] project(Points points, ProjectionMonitor monitor) {
            float[] xy = new float[2 * points.n()];
            started.countDown();
            for (int it = 1; it <= iterations; it++) {
                if (monitor.cancelled()) {
                    throw new CancellationException();
                }
                for (int k = 0; k < xy.length; k++) {
                    xy[k] = it / (float) iterations;
                }
                monitor.progress("optimising layout", it, iterations);
                monitor.layout(xy.clone(), it);
                Ui.sleep(pauseMillis);
            }
            return xy;
        }
    }

    @Test
    void intermediateLayoutsArriveThrottledThenTheResult() throws Exception {
        Stepper stepper = new Stepper(40, 10);
        List<Integer> iterations = new CopyOnWriteArrayList<>();
        List<float[]> done = new CopyOnWriteArrayList<>();
        ProjectionJob job = new ProjectionJob(stepper, new Points(3, 2, new float[6]),
                (xy, it) -> iterations.add(it), done::add, message -> { });
        job.schedule();
        job.join();
        assertThat(job.getResult().getSeverity()).isEqualTo(IStatus.OK);
        assertThat(iterations).isNotEmpty().isSorted().hasSizeLessThan(40);
        assertThat(done).hasSize(1);
        assertThat(done.get(0)).containsOnly(1f);
    }

    @Test
    void cancellingStopsTheMethodWithoutAResult() throws Exception {
        Stepper stepper = new Stepper(100_000, 5);
        List<float[]> done = new CopyOnWriteArrayList<>();
        List<String> failed = new CopyOnWriteArrayList<>();
        ProjectionJob job = new ProjectionJob(stepper, new Points(3, 2, new float[6]), (xy, it) -> { },
                done::add, failed::add);
        job.schedule();
        assertThat(stepper.started.await(20, TimeUnit.SECONDS)).isTrue();
        job.cancel();
        assertThat(job.join(20_000, null)).isTrue();
        assertThat(job.getResult().getSeverity()).isEqualTo(IStatus.CANCEL);
        assertThat(done).isEmpty();
        assertThat(failed).isEmpty();
    }
}
