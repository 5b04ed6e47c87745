package io.avlens.inference;

/**
 * A model that cannot be loaded or run: a missing or damaged file, inputs that do not fit the model's contract,
 * a batch over the memory budget, an unavailable device. The message names the model or file and the problem.
 */
public class InferenceException extends Exception {

    private static final long serialVersionUID = 1L;

    /** An exception with a message a user can act on. */
    public InferenceException(String message) {
        super(message);
    }

    /** An exception with a message a user can act on, caused by a lower-level error. */
    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
