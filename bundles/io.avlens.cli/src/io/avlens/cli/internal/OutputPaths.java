package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;

/**
 * Checks made on a file a command will write, before any work: so a refusal costs no computing, names the file and
 * the problem, and an input (the clip being read) is never overwritten by its own output.
 */
final class OutputPaths {

    private OutputPaths() {
    }

    /**
     * {@code arg} (an option's value) resolved as a file to write: not a folder, under a writable folder (folders
     * still missing are the caller's to make), and not one of {@code inputs}.
     *
     * @param option the option's name, for the message ("out", "video")
     * @param what   what the option names, for the message ("the .npy file")
     * @throws CommandException (exit 2) naming the file and the problem
     */
    static Path file(CommandContext context, String option, String arg, String what, Path... inputs)
            throws CommandException {
        Path p = context.resolve(arg);
        if (Files.isDirectory(p)) {
            throw new CommandException(p + ": is a folder; --" + option + " names " + what + " to write");
        }
        checkWritableUnder(p, p.toAbsolutePath().normalize().getParent());
        for (Path input : inputs) {
            if (input != null && same(p, input)) {
                throw new CommandException(p + ": is already used by this command (the clip it reads, or another of"
                        + " its outputs); --" + option + " must name another file");
            }
        }
        return p;
    }

    /**
     * Checks that {@code folder}, or its nearest existing ancestor when it is still to be made, is a writable folder.
     *
     * @param subject what the message names first (the output the folder is for)
     * @throws CommandException (exit 2) naming {@code subject} and the folder otherwise
     */
    static void checkWritableUnder(Path subject, Path folder) throws CommandException {
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) { // missing folders are made when writing
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new CommandException(subject + ": " + existing + " is a file, not a folder");
        }
        if (existing != null && !Files.isWritable(existing)) {
            throw new CommandException(subject + ": cannot write into " + existing + " (not writable)");
        }
    }

    /** Whether {@code a} and {@code b} name one file (the same path, or links to one file). */
    static boolean same(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
