package io.avlens.cli.command;

import java.io.PrintStream;
import java.nio.file.Path;

import com.google.gson.JsonElement;

/**
 * Where a command writes and resolves paths, and how Ctrl-C reaches it.
 *
 * @param out              JSON results
 * @param err              messages and progress for people
 * @param workingDirectory relative paths on the command line are resolved against it
 * @param interruption     Ctrl-C for the command's long steps
 */
public record CommandContext(PrintStream out, PrintStream err, Path workingDirectory, Interruption interruption) {

    /** With an interruption of its own (ended by the dispatcher that runs the command). */
    public CommandContext(PrintStream out, PrintStream err, Path workingDirectory) {
        this(out, err, workingDirectory, new Interruption());
    }

    /** Resolves a path given on the command line. */
    public Path resolve(String path) {
        return workingDirectory.resolve(path).normalize();
    }

    /** Prints a JSON result on {@link #out()}, pretty-printed, ending with a newline. */
    public void printJson(JsonElement json) {
        out.println(Json.GSON.toJson(json));
        out.flush();
    }
}
