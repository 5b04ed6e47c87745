package io.avlens.inference;

import java.util.LinkedHashMap;
import java.util.Map;

import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Tensor;

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

    /**
     * {@link #forward} for models that take or return integers (token ids, class indices): inputs may be
     * {@link FloatTensor}s (float32) or {@link io.avlens.core.tensor.LongTensor}s (int64), and each output keeps
     * the kind the model returned (integer outputs as {@code LongTensor}, floating-point ones as
     * {@code FloatTensor}), where {@link #forward} turns every output into float32. Batching and checks as there.
     * The default runs float-only inputs through {@link #forward} and refuses integer inputs.
     *
     * @throws InferenceException as {@link #forward}, or when this model cannot take integer inputs
     */
    default Map<String, Tensor> forwardTensors(Map<String, ? extends Tensor> inputs) throws InferenceException {
        Map<String, FloatTensor> floats = new LinkedHashMap<>();
        for (var e : inputs.entrySet()) {
            if (!(e.getValue() instanceof FloatTensor f)) {
                throw new InferenceException(spec().id() + ": input '" + e.getKey() + "' is "
                        + e.getValue().dtype().numpyName() + " but this model takes float32 inputs only");
            }
            floats.put(e.getKey(), f);
        }
        return new LinkedHashMap<>(forward(floats));
    }

    /** Releases the weights. Idempotent; {@link #forward} fails afterwards. */
    @Override
    void close();
}
