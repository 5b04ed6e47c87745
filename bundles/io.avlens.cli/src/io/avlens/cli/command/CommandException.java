package io.avlens.cli.command;

/**
 * A command failed for a reason the user can act on: bad arguments or bad input (exit 2), or a failure that is
 * not the input's fault (exit 1). The message names the file and the problem; no stack trace is shown.
 */
public class CommandException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Exit code for bad arguments or unreadable input. */
    public static final int BAD_INPUT = 2;
    /** Exit code for internal errors. */
    public static final int INTERNAL = 1;

    private final int exitCode;

    /** Bad input (exit 2). */
    public CommandException(String message) {
        this(message, BAD_INPUT, null);
    }

    /**
     * @param message  what went wrong, naming the file and the problem
     * @param exitCode {@link #BAD_INPUT} or {@link #INTERNAL}
     * @param cause    the underlying exception, or null
     */
    public CommandException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit code for this failure. */
    public int exitCode() {
        return exitCode;
    }
}
