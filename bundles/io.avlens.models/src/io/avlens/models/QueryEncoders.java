package io.avlens.models;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens a {@link QueryEncoder} for models of the families it supports: each model family that embeds registers one
 * as a DS service, so the command line and the retrieval inspector answer typed text and files from disk without
 * knowing the family.
 */
public interface QueryEncoders {

    /** Whether models of this descriptor family are supported. */
    boolean supports(String family);

    /**
     * Whether the encoders it opens answer typed text ({@link QueryEncoder#encodesText()}), known without opening
     * them (a view asks before it offers a text field).
     */
    default boolean encodesText() {
        return true;
    }

    /**
     * Whether the encoders it opens embed time spans of a file ({@link QueryEncoder#encodesSpans()}), known without
     * opening them.
     */
    default boolean encodesSpans() {
        return true;
    }

    /**
     * The encoders of the model whose descriptor this is, on the CPU.
     *
     * @throws IOException naming the descriptor or weights when they cannot be loaded
     */
    QueryEncoder open(Path descriptorFile) throws IOException;
}
