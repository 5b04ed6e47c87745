package io.avlens.inference.djl;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * A model family built into AV Lens as a DJL {@link Block} (an OSGi service registered by a model bundle, e.g.
 * CAVP-small). The inference service builds a fresh block per loaded model and loads the family's {@code .params}
 * file into it, so {@code ModelSpec.Builtin(family, parameters)} needs no DJL type.
 */
public interface BuiltinBlockFactory {

    /** The family id used in {@code ModelSpec.Builtin} and model descriptors, e.g. {@code cavp-small}. */
    String family();

    /** A new, uninitialised block. */
    Block newBlock();

    /** Input shapes (batch 1) to initialise a block that gets no parameter file, e.g. in tests. */
    Shape[] inputShapes();

    /**
     * A new, uninitialised block for what a descriptor asks ({@link BlockSpec}: the part's role in a model made of
     * parts, the declared inputs and outputs, the notes); the default, for a family of one-file models of one size,
     * is {@link #newBlock()}.
     *
     * @throws IllegalArgumentException when the family has no part of this role, or cannot build these sizes
     */
    default Block newBlock(BlockSpec spec) {
        return newBlock();
    }

    /** Input shapes (batch 1) of the block {@link #newBlock(BlockSpec)} makes for {@code spec}. */
    default Shape[] inputShapes(BlockSpec spec) {
        return inputShapes();
    }
}
