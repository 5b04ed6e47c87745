package io.avlens.runner;

import org.eclipse.core.runtime.jobs.ISchedulingRule;

/**
 * The scheduling rule of every job that runs a model: runs, single-clip computations for a viewer, benchmarks.
 * Any two such rules conflict, so those jobs queue and run one at a time; each already uses the machine's cores
 * (libtorch's intra-op threads, FFmpeg decoding), and two at once would only slow both down and double the memory
 * they hold. Stateless: every instance conflicts with every other, so no shared object is needed; take it from
 * {@link ModelRunner#schedulingRule()} and set it on any job of your own that runs inference.
 */
public final class InferenceRule implements ISchedulingRule {

    @Override
    public boolean contains(ISchedulingRule rule) {
        return rule instanceof InferenceRule;
    }

    @Override
    public boolean isConflicting(ISchedulingRule rule) {
        return rule instanceof InferenceRule;
    }

    @Override
    public String toString() {
        return "inference (one model job at a time)";
    }
}
