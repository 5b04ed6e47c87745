package io.avlens.inference;

import java.util.Map;

import io.avlens.core.tensor.FloatTensor;

/**
 * A model in memory on one device. {@link #forward} may be called from several threads; native memory of each
 * call is released before it returns, so the only memory a model holds between calls is its weights, which
 * {@link #close()} releases.
 */
public interface LoadedModel extends AutoCloseable {

    /** The spec it was loaded from. */
    ModelSpec spec();

    /** The device it runs on. */
    Device device();

    /**
     * Runs the model on named inputs (dimension 0 is the batch) and returns its named outputs. When the spec
     * asks for a batch size, the inputs are split along dimension 0 into batches of at most that many items and
     * the outputs joined again; each batch is checked against the memory budget before it runs.
     *
     * @throws InferenceException when the inputs do not match the declared inputs (names, shapes), a batch is
     *                            over the memory budget, or the model fails (the message names the model)
     */
    Map<String, FloatTensor> forward(Map<String, FloatTensor> inputs) throws InferenceException;

    /** Releases the weights. Idempotent; {@link #forward} fails afterwards. */
    @Override
    void close();
}
