package io.avlens.models.training;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * What every family's trainer does with a built-in block's parameters: count the trainable values (for the
 * descriptor) and attach gradients to them before training. Stateless.
 */
public final class BlockParameters {

    private BlockParameters() {
    }

    /** Number of trainable values (BatchNorm's running statistics left out). */
    public static long trainableCount(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                n += p.getValue().getArray().size();
            }
        }
        return n;
    }

    /** Attaches gradients to every trainable parameter (not to BatchNorm's running statistics). */
    public static void requireGradients(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
    }
}
