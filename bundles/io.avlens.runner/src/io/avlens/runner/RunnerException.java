package io.avlens.runner;

/**
 * An experiment that cannot be run as it is: no models, no clips, a model whose weights are nowhere, a clip whose
 * media location is broken. The message names the experiment, model or file and what to do; nothing was written.
 */
public class RunnerException extends Exception {

    private static final long serialVersionUID = 1L;

    /** With a message a user can act on. */
    public RunnerException(String message) {
        super(message);
    }

    /** With a message a user can act on and its cause. */
    public RunnerException(String message, Throwable cause) {
        super(message, cause);
    }
}
