package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.file.Path;

import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.inference.descriptor.ModelCatalog;

/**
 * Where the {@code models} and {@code check} commands look for model folders: {@code --models DIR}, else
 * {@code $AVLENS_DATA/models} (the launcher always sets AVLENS_DATA), else {@code ~/.local/share/avlens/models}.
 */
final class ModelFolders {

    private ModelFolders() {
    }

    static Path folder(ParsedArguments arguments, CommandContext context) {
        String dir = arguments.value("models", null);
        if (dir != null) {
            return context.resolve(dir);
        }
        String data = System.getenv("AVLENS_DATA");
        if (data == null || data.isBlank()) {
            data = Path.of(System.getProperty("user.home"), ".local", "share", "avlens").toString();
        }
        return Path.of(data, "models");
    }

    static ModelCatalog scan(Path folder) throws CommandException {
        try {
            return ModelCatalog.scan(folder);
        } catch (IOException e) {
            throw new CommandException(folder + ": cannot read the models folder: " + e.getMessage());
        }
    }
}
