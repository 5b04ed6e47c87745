package io.avlens.runner.internal;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;

/**
 * A {@link ClipComputation.Gate} that takes the inference rule when the first clip must be computed and releases
 * it on {@link #close()}: a run or clip whose results are all cached never waits for a training or another run.
 * Used on one thread (the rule belongs to the thread that began it).
 */
final class RuleGate implements ClipComputation.Gate, AutoCloseable {

    private final ISchedulingRule rule;
    private boolean begun;

    RuleGate(ISchedulingRule rule) {
        this.rule = rule;
    }

    @Override
    public void enter(IProgressMonitor monitor) {
        if (!begun) {
            // marked before beginRule: it must be matched by endRule even when it throws (cancelled while waiting)
            begun = true;
            Job.getJobManager().beginRule(rule, monitor);
        }
    }

    @Override
    public void close() {
        if (begun) {
            Job.getJobManager().endRule(rule);
            begun = false;
        }
    }
}
