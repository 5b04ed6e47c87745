package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.inference.descriptor.ModelCatalog;
import io.avlens.models.BuiltinModels;

/**
 * Where the commands that use models ({@code models}, {@code check}, {@code eval}, {@code similarity}) look for model
 * folders: {@code --models DIR}, else
 * {@code $AVLENS_DATA/models} (the launcher always sets AVLENS_DATA), else {@code ~/.local/share/avlens/models}.
 */
final class ModelFolders {

    private ModelFolders() {
    }

    /** @throws CommandException (exit 2) when {@code --models} names a file */
    static Path folder(ParsedArguments arguments, CommandContext context) throws CommandException {
        String dir = arguments.value("models", null);
        if (dir != null) {
            Path folder = context.resolve(dir);
            if (Files.exists(folder) && !Files.isDirectory(folder)) {
                throw new CommandException(folder + ": is a file; --models names a folder of models");
            }
            return folder;
        }
        String data = System.getenv("AVLENS_DATA");
        if (data == null || data.isBlank()) {
            data = Path.of(System.getProperty("user.home"), ".local", "share", "avlens").toString();
        }
        return Path.of(data, "models");
    }

    /**
     * Puts the built-in models into {@code folder} first ({@code builtin} may be null: none are installed); a folder
     * that cannot be written is reported on stderr and scanned as it is.
     */
    static void installBuiltins(Path folder, BuiltinModels builtin, CommandContext context) {
        if (builtin == null) {
            return;
        }
        try {
            for (BuiltinModels.Installed i : builtin.install(folder)) {
                if (i.written()) {
                    context.err().println("models: installed the built-in model " + i.id() + " in "
                            + i.descriptor().getParent());
                }
            }
        } catch (IOException e) {
            context.err().println("models: cannot install the built-in models: " + e.getMessage());
        }
    }

    static ModelCatalog scan(Path folder) throws CommandException {
        try {
            return ModelCatalog.scan(folder);
        } catch (IOException e) {
            throw new CommandException(folder + ": cannot read the models folder: " + e.getMessage());
        }
    }
}
