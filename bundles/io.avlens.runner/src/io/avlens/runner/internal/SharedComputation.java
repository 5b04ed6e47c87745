package io.avlens.runner.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;

import io.avlens.runner.ClipOutcome;
import io.avlens.runner.ModelRunner;
import io.avlens.runner.RunState;
import io.avlens.runner.results.ClipResults;

/**
 * One computation of {@link ClipResultsService}: the job that runs the request through the runner, and the futures
 * of the askers waiting for it. The askers' list is guarded by the service's lock; the job reports its end once,
 * through {@code finished}, also when it was cancelled before it ran.
 */
final class SharedComputation {

    final ResultKey key;
    /** The askers still interested; guarded by the service's lock. */
    final List<CompletableFuture<ClipOutcome>> askers = new ArrayList<>();
    private final Job job;
    private volatile ClipOutcome outcome;
    private volatile RuntimeException error;

    SharedComputation(ResultKey key, ModelRunner runner, Consumer<SharedComputation> finished) {
        this.key = key;
        var request = key.request();
        job = new Job(request.kind() + " of " + request.clip().id() + " (" + request.model().id() + ")") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    outcome = runner.runClip(request, key.settings(), monitor);
                } catch (RuntimeException e) {
                    error = e;
                    return Status.error(request.clip().media() + ": " + e.getMessage(), e);
                }
                return monitor.isCanceled() || outcome.state() == RunState.CANCELLED ? Status.CANCEL_STATUS
                        : Status.OK_STATUS; // a failed clip is the askers' to show, not an error dialog
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == ClipResults.class;
            }
        };
        job.setSystem(false);
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                finished.accept(SharedComputation.this);
            }
        });
    }

    void schedule() {
        job.schedule();
    }

    void cancel() {
        job.cancel();
    }

    /** The runner's outcome, or null when the job was cancelled before it ran or the runner threw. */
    ClipOutcome outcome() {
        return outcome;
    }

    /** What the runner threw, or null. */
    RuntimeException error() {
        return error;
    }

    /** Whether the askers get a cancellation: the job was cancelled, before or while it ran. */
    boolean cancelled() {
        return error == null && (outcome == null || outcome.state() == RunState.CANCELLED);
    }

    /** Completes an asker's future with what the job ended with. */
    void complete(CompletableFuture<ClipOutcome> asker) {
        if (error != null) {
            asker.completeExceptionally(error);
        } else if (cancelled()) {
            asker.cancel(false);
        } else {
            asker.complete(outcome);
        }
    }
}
