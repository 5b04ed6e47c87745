package io.avlens.runner.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;

import io.avlens.runner.ClipOutcome;
import io.avlens.runner.ClipRequest;
import io.avlens.runner.InferenceRule;
import io.avlens.runner.ModelRunner;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunSettings;
import io.avlens.runner.RunSnapshot;
import io.avlens.runner.RunState;

/**
 * A {@link ModelRunner} whose {@code runClip} counts its calls, optionally holds each call until the test
 * {@link #release}s it (or the monitor is cancelled), and then fails or succeeds as told, writing a result folder
 * of its own for a success. Only {@code runClip} is implemented.
 */
final class ScriptedRunner implements ModelRunner {

    final AtomicInteger calls = new AtomicInteger();
    /** The monitor of each call, in order. */
    final ConcurrentLinkedQueue<IProgressMonitor> monitors = new ConcurrentLinkedQueue<>();
    /** Counted down when a call starts. */
    volatile CountDownLatch started = new CountDownLatch(1);
    volatile boolean hold;
    volatile boolean fail;
    private volatile CountDownLatch release = new CountDownLatch(1);
    private final Path results;
    private final ISchedulingRule rule = new InferenceRule();

    ScriptedRunner(Path results) {
        this.results = results;
    }

    /** Lets the held calls finish. */
    void release() {
        release.countDown();
    }

    @Override
    public ClipOutcome runClip(ClipRequest request, RunSettings settings, IProgressMonitor monitor) {
        int call = calls.incrementAndGet();
        monitors.add(monitor);
        started.countDown();
        try {
            while (hold && !monitor.isCanceled() && !release.await(10, TimeUnit.MILLISECONDS)) {
                // waiting for the test
            }
            if (monitor.isCanceled()) {
                return outcome(request, RunState.CANCELLED, null, "cancelled");
            }
            if (fail) {
                return outcome(request, RunState.FAILED, null, request.clip().media() + ": scripted failure");
            }
            Path folder = Files.createDirectories(results.resolve("call-" + call));
            return outcome(request, RunState.SUCCEEDED, folder, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ClipOutcome outcome(ClipRequest r, RunState state, Path folder, String message) {
        return new ClipOutcome(r.model().id(), r.clip().id(), r.clip().media(), state, false, folder, List.of(),
                Map.of(), List.of(), 0, null, message);
    }

    @Override
    public ISchedulingRule schedulingRule() {
        return rule;
    }

    @Override
    public RunOutcome run(RunSnapshot snapshot, RunSettings settings, IProgressMonitor monitor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Job runJob(RunSnapshot snapshot, RunSettings settings, Consumer<RunOutcome> onDone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Job clipJob(ClipRequest request, RunSettings settings, Consumer<ClipOutcome> onDone) {
        throw new UnsupportedOperationException();
    }
}
