package io.avlens.inference;

import java.util.List;

/**
 * Loads and runs models (an OSGi service). Several may be registered, one per device family; the one with the
 * highest {@code service.ranking} is the best (a GPU implementation ranks above the CPU one and is only
 * registered when a GPU is usable). Thread-safe.
 */
public interface InferenceService {

    /** The devices this service can run models on, best first; never empty. */
    List<Device> devices();

    /**
     * Loads a model onto the device its spec asks for (or the best one, see {@link DeviceSelection}).
     *
     * @throws InferenceException when the file is missing or not a model, a built-in family is unknown, or the
     *                            device is not available
     */
    LoadedModel load(ModelSpec spec) throws InferenceException;
}
