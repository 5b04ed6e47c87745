package io.avlens.inference.program;

/**
 * A tensor inside the engine, valid only within the {@link ProgramContext} that made it: until the end of the
 * {@link ProgramContext#step step} it was made in, or of the program. Using it afterwards, or in another program,
 * fails. Opaque: its values come out through {@link ProgramContext#toFloatTensor}.
 */
public interface Handle {

    /** The shape (a copy); empty for a scalar. */
    int[] shape();
}
