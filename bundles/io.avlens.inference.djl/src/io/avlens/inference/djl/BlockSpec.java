package io.avlens.inference.djl;

import io.avlens.inference.TensorSpec;
import java.util.List;
import java.util.Map;

/**
 * What a model's descriptor says of the block a {@link BuiltinBlockFactory} is to build: the part's role in a model
 * made of parts (null for a model of one file), the declared inputs and outputs (a family whose sizes they show,
 * e.g. the channels of an input or the embedding size, reads them), and the descriptor's notes (for a size no tensor
 * shape shows, e.g. a hidden width).
 *
 * @param role    the part's role, or null
 * @param inputs  the declared inputs
 * @param outputs the declared outputs
 * @param notes   the descriptor's notes
 */
public record BlockSpec(String role, List<TensorSpec> inputs, List<TensorSpec> outputs, Map<String, String> notes) {

    /** Copies the lists and the notes; nulls become empty. */
    public BlockSpec {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        notes = notes == null ? Map.of() : Map.copyOf(notes);
    }

    /** The part of this role, with nothing declared. */
    public static BlockSpec of(String role) {
        return new BlockSpec(role, List.of(), List.of(), Map.of());
    }
}
