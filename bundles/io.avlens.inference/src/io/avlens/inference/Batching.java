package io.avlens.inference;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.avlens.core.tensor.FloatTensor;

/**
 * Splits named inputs along dimension 0 into batches and joins batch outputs again. Pure; the order of items
 * and of names is kept.
 */
public final class Batching {

    private Batching() {
    }

    /**
     * The number of items: the common size of dimension 0 of every tensor.
     *
     * @throws InferenceException when there are no tensors, one is 0-d, or sizes differ
     */
    public static int items(Map<String, FloatTensor> tensors) throws InferenceException {
        int n = -1;
        String first = null;
        for (var e : tensors.entrySet()) {
            FloatTensor t = e.getValue();
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
    public static List<Map<String, FloatTensor>> split(Map<String, FloatTensor> inputs, int batchSize)
            throws InferenceException {
        int n = items(inputs);
        if (batchSize <= 0 || n <= batchSize) {
            return List.of(inputs);
        }
        List<Map<String, FloatTensor>> batches = new ArrayList<>();
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            Map<String, FloatTensor> batch = new LinkedHashMap<>();
            for (var e : inputs.entrySet()) {
                batch.put(e.getKey(), rows(e.getValue(), start, end));
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
    public static Map<String, FloatTensor> concat(List<Map<String, FloatTensor>> batches) throws InferenceException {
        if (batches.isEmpty()) {
            throw new InferenceException("there are no batches to join");
        }
        if (batches.size() == 1) {
            return batches.get(0);
        }
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        for (String name : batches.get(0).keySet()) {
            List<FloatTensor> parts = new ArrayList<>();
            for (var b : batches) {
                FloatTensor t = b.get(name);
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
        int[] shape = t.shape();
        int row = shape[0] == 0 ? 0 : t.size() / shape[0];
        float[] data = new float[(end - start) * row];
        t.asReadOnlyBuffer().get(start * row, data);
        shape[0] = end - start;
        return FloatTensor.wrap(shape, data);
    }

    private static FloatTensor concatRows(String name, List<FloatTensor> parts) throws InferenceException {
        int[] first = parts.get(0).shape();
        if (first.length == 0) {
            throw new InferenceException("output '" + name + "' is 0-d (one value per call), so batches cannot be"
                    + " joined; run this model without a batch size");
        }
        int rows = 0;
        int size = 0;
        for (FloatTensor p : parts) {
            int[] s = p.shape();
            if (s.length != first.length || !Arrays.equals(s, 1, s.length, first, 1, first.length)) {
                throw new InferenceException("output '" + name + "' has shape " + Arrays.toString(s)
                        + " in one batch and " + Arrays.toString(first) + " in another");
            }
            rows += s[0];
            size += p.size();
        }
        float[] data = new float[size];
        FloatBuffer dst = FloatBuffer.wrap(data);
        for (FloatTensor p : parts) {
            dst.put(p.asReadOnlyBuffer());
        }
        int[] shape = first.clone();
        shape[0] = rows;
        return FloatTensor.wrap(shape, data);
    }
}
