package io.avlens.cli.command;

import java.io.PrintStream;
import java.nio.file.Path;

import com.google.gson.JsonElement;

/**
 * Where a command writes and resolves paths.
 *
 * @param out              JSON results
 * @param err              messages and progress for people
 * @param workingDirectory relative paths on the command line are resolved against it
 */
public record CommandContext(PrintStream out, PrintStream err, Path workingDirectory) {

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
