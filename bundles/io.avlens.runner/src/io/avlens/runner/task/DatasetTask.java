package io.avlens.runner.task;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * What one model computes over a whole dataset, after the per-clip stage: retrieval Recall@k, a projection of every
 * clip's embedding, re-ranking candidates. Registered as a DS service like {@link ClipTask}; when a run's per-clip
 * stage is done for a model, the runner calls the dataset task whose {@link #kind()} is the experiment's kind and
 * which {@link #supports} the model's family (if one is installed) once, with every clip's result. Its artifacts go
 * to {@code runs/<run>/<model>/_dataset/}, its metrics into the run's metrics. Keeps no state between calls.
 */
public interface DatasetTask {

    /** The experiment kind it serves, as the EMF {@code Experiment.kind} string ({@code retrieval}…). */
    String kind();

    /** Whether it runs after models of this descriptor family (e.g. {@code cavp}). */
    boolean supports(String family);

    /**
     * The experiment parameters it reads ({@link DatasetInput#parameters()}), for the experiment editor and the
     * project's checks; none by default. A parameter only a dataset task reads is no part of any clip's cache key.
     */
    default List<ParameterSpec> parameters() {
        return List.of();
    }

    /**
     * Reads the per-clip results, writes its artifacts into {@code input.outputFolder()} (which exists and is empty)
     * and returns what it wrote and measured.
     *
     * @param monitor checked for cancellation
     * @throws TaskException with a message a user can act on
     * @throws org.eclipse.core.runtime.OperationCanceledException when the monitor was cancelled
     */
    DatasetResult run(DatasetInput input, IProgressMonitor monitor) throws TaskException;
}
