package io.avlens.ui.training;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;

import io.avlens.ui.training.internal.LossCsvReader;

/**
 * Polls one loss CSV from a system job (not shown in the Progress view): a first read at once, then, while following,
 * one read of the appended bytes every {@value #INTERVAL_MS} ms. Each result is handed to the UI thread. Stopping
 * cancels the job; a result that arrives afterwards is dropped by the view, which compares the sender.
 */
final class LossFollower {

    /** Milliseconds between two polls while following. */
    static final long INTERVAL_MS = 1000;

    /** Receives a poll's result (or a read error naming the file) on the UI thread. */
    interface Receiver {
        void received(LossFollower from, LossCsvReader.Poll poll, String error);
    }

    private final LossCsvReader reader;
    private final Display display;
    private final Receiver receiver;
    private final Job job;
    private volatile boolean following;
    private volatile boolean stopped;

    LossFollower(LossCsvReader reader, Display display, Receiver receiver) {
        this.reader = reader;
        this.display = display;
        this.receiver = receiver;
        this.job = Job.createSystem("Follow " + reader.file().getFileName(), this::poll);
    }

    Path file() {
        return reader.file();
    }

    void start(boolean follow) {
        following = follow;
        job.schedule();
    }

    void setFollowing(boolean follow) {
        following = follow;
        if (follow && !stopped) {
            job.schedule();
        }
    }

    void stop() {
        stopped = true;
        job.cancel();
    }

    private IStatus poll(IProgressMonitor monitor) {
        if (stopped || monitor.isCanceled()) {
            return Status.CANCEL_STATUS;
        }
        LossCsvReader.Poll poll = null;
        String error = null;
        try {
            poll = reader.poll();
        } catch (IOException e) {
            error = e.getMessage();
        }
        LossCsvReader.Poll result = poll;
        String problem = error;
        boolean news = poll == null || poll.changed() || !poll.problems().isEmpty();
        if (news && !display.isDisposed()) {
            display.asyncExec(() -> receiver.received(this, result, problem));
        }
        if (following && !stopped) {
            job.schedule(INTERVAL_MS);
        }
        return Status.OK_STATUS;
    }
}
