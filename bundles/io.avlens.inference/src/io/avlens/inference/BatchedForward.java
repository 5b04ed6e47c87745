package io.avlens.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.avlens.core.tensor.FloatTensor;

/**
 * The device-independent part of {@link LoadedModel#forward}: checks the inputs against the spec, splits them
 * into batches, checks each batch against the memory budget, runs it and joins the outputs. Implementations
 * supply only the step that runs one batch.
 */
public final class BatchedForward {

    /** Runs one batch on the device. */
    @FunctionalInterface
    public interface Step {
        /** The named outputs of one batch, inputs in the spec's order. */
        Map<String, FloatTensor> run(Map<String, FloatTensor> batch) throws InferenceException;
    }

    private BatchedForward() {
    }

    /** Runs {@code step} over the batches of {@code inputs} as {@code spec}'s options say. */
    public static Map<String, FloatTensor> run(ModelSpec spec, Map<String, FloatTensor> inputs, Step step)
            throws InferenceException {
        Map<String, FloatTensor> ordered = checkInputs(spec, inputs);
        List<Map<String, FloatTensor>> batches = Batching.split(ordered, spec.options().batchSize());
        List<Map<String, FloatTensor>> outputs = new ArrayList<>(batches.size());
        for (Map<String, FloatTensor> batch : batches) {
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
    public static Map<String, FloatTensor> checkInputs(ModelSpec spec, Map<String, FloatTensor> inputs)
            throws InferenceException {
        if (inputs == null || inputs.isEmpty()) {
            throw new InferenceException(spec.id() + ": no inputs given");
        }
        if (spec.inputs().isEmpty()) {
            return inputs;
        }
        Map<String, FloatTensor> ordered = new LinkedHashMap<>();
        Map<String, Integer> bindings = new HashMap<>();
        for (TensorSpec t : spec.inputs()) {
            FloatTensor value = inputs.get(t.name());
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

    /** Bytes of float32 tensors. */
    public static long bytes(Map<String, FloatTensor> tensors) {
        long b = 0;
        for (FloatTensor t : tensors.values()) {
            b += 4L * t.size();
        }
        return b;
    }

    /**
     * Estimated output bytes of a batch: the declared output shapes with the inputs' symbols bound; the input
     * bytes when any output cannot be resolved.
     */
    static long outputBytes(ModelSpec spec, Map<String, FloatTensor> batch, long inputBytes) {
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
