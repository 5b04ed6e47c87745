package io.avlens.inference;

import java.util.Locale;

/**
 * The most memory one forward call may use, checked before the call instead of discovering an out-of-memory
 * error inside libtorch (which can take the whole process down on a GPU).
 *
 * <p>The estimate is {@code (input bytes + output bytes) × factor}. Inputs and outputs are counted at 4 bytes per
 * float; output sizes come from the declared output shapes with their symbols bound by the inputs, and count as
 * much as the inputs when they cannot be resolved. The factor covers the rest: each tensor exists twice while it
 * crosses between Java and libtorch, and a network's intermediate activations are typically a small multiple of
 * its input. {@value #DEFAULT_FACTOR} is a heuristic for the encoders AV Lens runs, not a guarantee: a model with
 * much larger activations needs a larger factor.
 *
 * @param bytes  the budget in bytes, {@link Long#MAX_VALUE} for none
 * @param factor multiplier of input + output bytes, at least 1
 */
public record MemoryBudget(long bytes, double factor) {

    /** The default factor, see the class comment. */
    public static final double DEFAULT_FACTOR = 4.0;

    /** No budget. */
    public static final MemoryBudget UNLIMITED = new MemoryBudget(Long.MAX_VALUE, DEFAULT_FACTOR);

    /** @throws IllegalArgumentException for a budget below 1 byte or a factor below 1 */
    public MemoryBudget {
        if (bytes < 1 || !(factor >= 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("a memory budget needs bytes >= 1 and a finite factor >= 1, not "
                    + bytes + " × " + factor);
        }
    }

    /** A budget of {@code megabytes} MiB with the default factor. */
    public static MemoryBudget ofMegabytes(long megabytes) {
        return new MemoryBudget(Math.multiplyExact(megabytes, 1L << 20), DEFAULT_FACTOR);
    }

    /** The estimated bytes of a call with these input and output sizes. */
    public long estimate(long inputBytes, long outputBytes) {
        double e = Math.ceil((double) (inputBytes + outputBytes) * factor);
        return e >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) e;
    }

    /**
     * Refuses a call whose estimate is over the budget.
     *
     * @param modelId model named in the message
     * @param items   number of items in the batch, for the message
     * @throws InferenceException naming the model, the estimate, how it was made and what to do
     */
    public void check(String modelId, int items, long inputBytes, long outputBytes) throws InferenceException {
        long estimate = estimate(inputBytes, outputBytes);
        if (estimate > bytes) {
            throw new InferenceException(String.format(Locale.ROOT,
                    "%s: a batch of %d needs an estimated %s ((inputs %s + outputs %s) × %.1f), over the memory"
                            + " budget of %s; use a smaller batch size or a larger budget",
                    modelId, items, human(estimate), human(inputBytes), human(outputBytes), factor, human(bytes)));
        }
    }

    /** Whether there is a budget at all. */
    public boolean isLimited() {
        return bytes != Long.MAX_VALUE;
    }

    static String human(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
