package io.avlens.cli.command;

/**
 * One {@code avlens} command, registered as an OSGi service (whiteboard) and run by the headless application.
 * Commands write machine-readable JSON to {@link CommandContext#out()} and human messages to
 * {@link CommandContext#err()}.
 */
public interface CliCommand {

    /** What the command accepts; the same object on every call. */
    CommandSpec spec();

    /**
     * Runs the command with arguments already checked against {@link #spec()}.
     *
     * @return the exit code: 0 success, 2 bad input, 1 internal error
     * @throws CommandException for bad input or a failure the user can act on (the dispatcher prints its message)
     */
    int run(ParsedArguments arguments, CommandContext context) throws CommandException;
}
