package io.avlens.inference;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.LongTensor;
import io.avlens.core.tensor.Tensor;

/**
 * Splits named inputs along dimension 0 into batches and joins batch outputs again. Pure; the order of items
 * and of names is kept. Float and integer tensors alike; each keeps its kind.
 */
public final class Batching {

    private Batching() {
    }

    /**
     * The number of items: the common size of dimension 0 of every tensor.
     *
     * @throws InferenceException when there are no tensors, one is 0-d, or sizes differ
     */
    public static int items(Map<String, ? extends Tensor> tensors) throws InferenceException {
        int n = -1;
        String first = null;
        for (var e : tensors.entrySet()) {
            Tensor t = e.getValue();
            if (t.rank() == 0) {
                throw new InferenceException("'" + e.getKey() + "' is a 0-d tensor; batches run along dimension 0");
            }
            if (n < 0) {
                n = t.dim(0);
                first = e.getKey();
            } else if (t.dim(0) != n) {
                throw new InferenceException("'" + e.getKey() + "' has " + t.dim(0) + " items in dimension 0 but '"
                        + first + "' has " + n + "; all inputs of one call need the same batch size");
            }
        }
        if (n < 0) {
            throw new InferenceException("there are no tensors to batch");
        }
        return n;
    }

    /**
     * Splits into batches of at most {@code batchSize} items (the last may be smaller). With {@code batchSize}
     * 0, or no more items than that, the inputs come back as the only batch, uncopied.
     */
    @SuppressWarnings("unchecked") // Tensor.rows returns the kind it is called on
    public static <T extends Tensor> List<Map<String, T>> split(Map<String, T> inputs, int batchSize)
            throws InferenceException {
        int n = items(inputs);
        if (batchSize <= 0 || n <= batchSize) {
            return List.of(inputs);
        }
        List<Map<String, T>> batches = new ArrayList<>();
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            Map<String, T> batch = new LinkedHashMap<>();
            for (var e : inputs.entrySet()) {
                batch.put(e.getKey(), (T) e.getValue().rows(start, end));
            }
            batches.add(batch);
        }
        return batches;
    }

    /**
     * Joins batch outputs along dimension 0, name by name. One batch comes back as it is.
     *
     * @throws InferenceException when the batches do not have the same names, or shapes beyond dimension 0 differ
     */
    public static <T extends Tensor> Map<String, T> concat(List<Map<String, T>> batches) throws InferenceException {
        if (batches.isEmpty()) {
            throw new InferenceException("there are no batches to join");
        }
        if (batches.size() == 1) {
            return batches.get(0);
        }
        Map<String, T> out = new LinkedHashMap<>();
        for (String name : batches.get(0).keySet()) {
            List<T> parts = new ArrayList<>();
            for (var b : batches) {
                T t = b.get(name);
                if (t == null) {
                    throw new InferenceException("output '" + name + "' is missing from a batch");
                }
                parts.add(t);
            }
            out.put(name, concatRows(name, parts));
        }
        return out;
    }

    /** Items {@code [start, end)} of a tensor along dimension 0, copied. */
    public static FloatTensor rows(FloatTensor t, int start, int end) {
        return t.rows(start, end);
    }

    @SuppressWarnings("unchecked") // the parts are all of T's kind, and so is their concatenation
    private static <T extends Tensor> T concatRows(String name, List<T> parts) throws InferenceException {
        int[] first = parts.get(0).shape();
        if (first.length == 0) {
            throw new InferenceException("output '" + name + "' is 0-d (one value per call), so batches cannot be"
                    + " joined; run this model without a batch size");
        }
        int rows = 0;
        int size = 0;
        for (T p : parts) {
            int[] s = p.shape();
            if (s.length != first.length || !Arrays.equals(s, 1, s.length, first, 1, first.length)
                    || p.dtype() != parts.get(0).dtype()) {
                throw new InferenceException("output '" + name + "' has shape " + Arrays.toString(s) + " of "
                        + p.dtype().numpyName() + " in one batch and " + Arrays.toString(first) + " of "
                        + parts.get(0).dtype().numpyName() + " in another");
            }
            rows += s[0];
            size += p.size();
        }
        int[] shape = first.clone();
        shape[0] = rows;
        if (parts.get(0) instanceof LongTensor) {
            long[] data = new long[size];
            LongBuffer dst = LongBuffer.wrap(data);
            for (T p : parts) {
                dst.put(((LongTensor) p).asReadOnlyBuffer());
            }
            return (T) LongTensor.wrap(shape, data);
        }
        float[] data = new float[size];
        FloatBuffer dst = FloatBuffer.wrap(data);
        for (T p : parts) {
            dst.put(((FloatTensor) p).asReadOnlyBuffer());
        }
        return (T) FloatTensor.wrap(shape, data);
    }
}
