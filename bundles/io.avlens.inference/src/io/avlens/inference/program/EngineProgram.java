package io.avlens.inference.program;

import io.avlens.inference.InferenceException;

/**
 * A computation that runs inside the engine from start to end: a family's sampler, a gradient, a training step.
 * It runs on the calling thread, with autograd off except inside {@link ProgramContext#gradient}; every tensor it
 * makes is released when it returns, so its result must be plain Java (e.g. a
 * {@link io.avlens.core.tensor.FloatTensor} from {@link ProgramContext#toFloatTensor}), never a {@link Handle}.
 *
 * @param <R> what the program returns
 */
@FunctionalInterface
public interface EngineProgram<R> {

    /**
     * Runs the program.
     *
     * @throws InferenceException when a model or an operation fails
     */
    R run(ProgramContext context) throws InferenceException;
}
