package io.avlens.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.avlens.core.tensor.Tensor;

/**
 * The device-independent part of {@link LoadedModel#forward}: checks the inputs against the spec, splits them
 * into batches, checks each batch against the memory budget, runs it and joins the outputs. Implementations
 * supply only the step that runs one batch. {@code T} is {@link io.avlens.core.tensor.FloatTensor} for
 * {@link LoadedModel#forward} and {@link Tensor} (float or integer) for {@link LoadedModel#forwardTensors}.
 */
public final class BatchedForward {

    /** Runs one batch on the device. */
    @FunctionalInterface
    public interface Step<T extends Tensor> {
        /** The named outputs of one batch, inputs in the spec's order. */
        Map<String, T> run(Map<String, T> batch) throws InferenceException;
    }

    private BatchedForward() {
    }

    /** Runs {@code step} over the batches of {@code inputs} as {@code spec}'s options say. */
    public static <T extends Tensor> Map<String, T> run(ModelSpec spec, Map<String, T> inputs, Step<T> step)
            throws InferenceException {
        Map<String, T> ordered = checkInputs(spec, inputs);
        List<Map<String, T>> batches = Batching.split(ordered, spec.options().batchSize());
        List<Map<String, T>> outputs = new ArrayList<>(batches.size());
        for (Map<String, T> batch : batches) {
            long in = bytes(batch);
            spec.options().budget().check(spec.id(), Batching.items(batch), in, outputBytes(spec, batch, in));
            outputs.add(step.run(batch));
        }
        return Batching.concat(outputs);
    }

    /**
     * The inputs in the spec's order after checking names and shapes (symbols bound consistently).
     *
     * @throws InferenceException naming the model and the input that does not fit
     */
    public static <T extends Tensor> Map<String, T> checkInputs(ModelSpec spec, Map<String, T> inputs)
            throws InferenceException {
        if (inputs == null || inputs.isEmpty()) {
            throw new InferenceException(spec.id() + ": no inputs given");
        }
        if (spec.inputs().isEmpty()) {
            return inputs;
        }
        Map<String, T> ordered = new LinkedHashMap<>();
        Map<String, Integer> bindings = new HashMap<>();
        for (TensorSpec t : spec.inputs()) {
            T value = inputs.get(t.name());
            if (value == null) {
                throw new InferenceException(spec.id() + ": input '" + t.name() + "' is missing; the model takes "
                        + spec.inputs() + ", got " + inputs.keySet());
            }
            String problem = t.shape().bind(value.shape(), bindings);
            if (problem != null) {
                throw new InferenceException(spec.id() + ": input '" + t.name() + "' " + problem);
            }
            ordered.put(t.name(), value);
        }
        for (String name : inputs.keySet()) {
            if (!ordered.containsKey(name)) {
                throw new InferenceException(spec.id() + ": unknown input '" + name + "'; the model takes "
                        + spec.inputs());
            }
        }
        return ordered;
    }

    /** Bytes of the tensors' elements (4 per float32, 8 per int64). */
    public static long bytes(Map<String, ? extends Tensor> tensors) {
        long b = 0;
        for (Tensor t : tensors.values()) {
            b += t.bytes();
        }
        return b;
    }

    /**
     * Estimated output bytes of a batch: the declared output shapes with the inputs' symbols bound; the input
     * bytes when any output cannot be resolved.
     */
    static long outputBytes(ModelSpec spec, Map<String, ? extends Tensor> batch, long inputBytes) {
        if (spec.outputs().isEmpty() || spec.inputs().isEmpty()) {
            return inputBytes;
        }
        Map<String, Integer> bindings = new HashMap<>();
        for (TensorSpec t : spec.inputs()) {
            t.shape().bind(batch.get(t.name()).shape(), bindings);
        }
        long b = 0;
        for (TensorSpec t : spec.outputs()) {
            int[] shape = t.shape().resolve(bindings);
            if (shape == null) {
                return inputBytes;
            }
            b += 4L * Arrays.stream(shape).asLongStream().reduce(1, Math::multiplyExact);
        }
        return b;
    }
}
