package io.avlens.inference.djl;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.avlens.inference.TensorSpec;
import java.util.List;
import java.util.Map;

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
     * A new, uninitialised block for one part of a model made of parts (a descriptor's component of this family
     * with this role); a family of one-file models ignores the role. Null role: {@link #newBlock()}.
     *
     * @throws IllegalArgumentException when the family has no part of this role
     */
    default Block newBlock(String role) {
        return newBlock();
    }

    /** Input shapes (batch 1) of the part of this role ({@link #newBlock(String)}). */
    default Shape[] inputShapes(String role) {
        return inputShapes();
    }

    /**
     * A new, uninitialised block for a model (or part) whose descriptor declares these {@code inputs}, for a family
     * whose sizes the descriptor may choose (e.g. the channels of an input); the default ignores them.
     */
    default Block newBlock(String role, List<TensorSpec> inputs) {
        return newBlock(role);
    }

    /**
     * A new, uninitialised block for a model (or part) whose descriptor declares these {@code inputs} and
     * {@code outputs}, for a family whose sizes the outputs tell (e.g. the embedding size); the default ignores the
     * outputs.
     */
    default Block newBlock(String role, List<TensorSpec> inputs, List<TensorSpec> outputs) {
        return newBlock(role, inputs);
    }

    /**
     * A new, uninitialised block for a model (or part) whose descriptor declares these {@code inputs},
     * {@code outputs} and {@code notes}, for a family that records in the notes a size no tensor shape shows (e.g.
     * a hidden width); the default ignores the notes.
     */
    default Block newBlock(String role, List<TensorSpec> inputs, List<TensorSpec> outputs,
            Map<String, String> notes) {
        return newBlock(role, inputs, outputs);
    }

    /** Input shapes (batch 1) of the block {@link #newBlock(String, List)} makes for these inputs. */
    default Shape[] inputShapes(String role, List<TensorSpec> inputs) {
        return inputShapes(role);
    }
}
