package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.core.io.MediaFiles;
import io.avlens.inference.InferenceException;
import io.avlens.inference.InferenceService;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelCatalog;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.runner.ModelRef;

/**
 * What the commands that run a model on clips share: finding the model (an id in the models folder, after the
 * built-in models are installed there, or a descriptor file or folder), loading it through the inference service
 * (the benchmark, which measures the model itself), and the clips of a data folder. Stateless.
 */
final class ModelTasks {

    /**
     * A model found.
     *
     * @param file       its descriptor file
     * @param descriptor the descriptor
     */
    record Found(Path file, ModelDescriptor descriptor) {

        /**
         * The model as the runner takes it (the runner checks the weights' SHA-256 before it loads them).
         *
         * @throws CommandException when the weights file is missing
         */
        ModelRef ref() throws CommandException {
            Path weights = file.toAbsolutePath().getParent().resolve(descriptor.weights()).normalize();
            if (!Files.isRegularFile(weights)) {
                throw new CommandException(weights + ": the weights of model " + descriptor.id() + " are missing");
            }
            return new ModelRef(descriptor, file.toAbsolutePath(), weights);
        }
    }

    private ModelTasks() {
    }

    /**
     * The model {@code idOrPath}: a descriptor file ({@code .json}), a folder holding one, or an id in
     * {@code modelsFolder}.
     *
     * @throws CommandException naming what is missing or unreadable, and the ids that are there
     */
    static Found find(String idOrPath, Path modelsFolder, CommandContext context) throws CommandException {
        Path asPath = context.resolve(idOrPath);
        if (idOrPath.endsWith(".json") || Files.isDirectory(asPath)) {
            Path file = Files.isDirectory(asPath) ? descriptorIn(asPath) : asPath;
            try {
                return new Found(file, ModelDescriptors.read(file));
            } catch (InferenceException e) {
                throw new CommandException(e.getMessage());
            }
        }
        ModelCatalog catalog = ModelFolders.scan(modelsFolder);
        return catalog.byId(idOrPath).map(e -> new Found(e.file(), e.descriptor()))
                .orElseThrow(() -> new CommandException("unknown model '" + idOrPath + "': not in " + modelsFolder
                        + " (there: " + catalog.models().stream().map(e -> e.descriptor().id()).toList()
                        + "; see `avlens models`), and not a descriptor file or folder"));
    }

    /** {@code model.json} in a folder, else its only {@code *.json}. */
    private static Path descriptorIn(Path folder) throws CommandException {
        Path standard = folder.resolve(ModelDescriptors.FILE_NAME);
        if (Files.isRegularFile(standard)) {
            return standard;
        }
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> json = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            if (json.size() != 1) {
                throw new CommandException(folder + ": expected one model descriptor (model.json or a single .json)"
                        + ", found " + json.size());
            }
            return json.get(0);
        } catch (IOException e) {
            throw new CommandException(folder + ": cannot list the folder: " + e.getMessage());
        }
    }

    /** Loads the model (its weights' SHA-256 checked first). */
    static LoadedModel load(InferenceService service, Found model) throws CommandException {
        if (service == null) {
            throw new CommandException("no inference service is installed", CommandException.INTERNAL, null);
        }
        try {
            return service.load(ModelDescriptors.toSpec(model.file(), model.descriptor(), ModelSpec.Options.DEFAULT));
        } catch (InferenceException e) {
            throw new CommandException(e.getMessage());
        }
    }

    /**
     * The clips of a data folder: {@code DIR/media/*.mp4} (an AV-Shapes or imported dataset), else {@code DIR/*.mp4},
     * sorted by name.
     *
     * @throws CommandException naming the folder when it is missing or has no clips
     */
    static List<Path> clips(Path data) throws CommandException {
        if (!Files.isDirectory(data)) {
            throw new CommandException(data + ": " + (Files.exists(data)
                    ? "is a file; --data names the dataset's folder" : "no such folder"));
        }
        Path media = Files.isDirectory(data.resolve("media")) ? data.resolve("media") : data;
        try (Stream<Path> s = Files.list(media)) {
            List<Path> clips = s.filter(p -> p.getFileName().toString().endsWith(".mp4") && Files.isRegularFile(p))
                    .sorted().toList();
            if (clips.isEmpty()) {
                throw new CommandException(media + ": no .mp4 clips");
            }
            return clips;
        } catch (IOException e) {
            throw new CommandException(media + ": cannot list the folder: " + e.getMessage());
        }
    }

    /** A clip's id: its file name without extension. */
    static String clipId(Path clip) {
        return MediaFiles.stem(clip);
    }

    /** A number for JSON: null when not finite, else rounded to 6 decimals. */
    static Double number(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : null;
    }
}
