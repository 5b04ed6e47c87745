package io.avlens.inference.program;

import io.avlens.inference.Device;
import io.avlens.inference.InferenceException;

/**
 * Runs {@link EngineProgram}s inside an inference engine (an OSGi service, registered by the engine's bundle).
 * Thread-safe: programs on different threads run independently.
 */
public interface ProgramEngine {

    /**
     * Runs {@code program} on {@code device} (the device of the models it calls) on the calling thread, and
     * releases every tensor it made before returning, whatever happens.
     *
     * @throws InferenceException when the device is not available, or the program or the engine fails
     */
    <R> R run(Device device, EngineProgram<R> program) throws InferenceException;
}
