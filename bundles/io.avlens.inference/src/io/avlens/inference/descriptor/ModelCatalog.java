package io.avlens.inference.descriptor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.avlens.inference.InferenceException;

/**
 * The models in a folder: every {@value ModelDescriptors#FILE_NAME} in it or one level below (one folder per
 * model, as tools/export writes them). A descriptor that cannot be read, or repeats an id, is listed as a problem
 * instead of hiding the others.
 *
 * @param folder   the folder scanned
 * @param models   the readable descriptors, sorted by id
 * @param problems what could not be used, with the file and why
 */
public record ModelCatalog(Path folder, List<Entry> models, List<Problem> problems) {

    /**
     * A model found.
     *
     * @param file       its descriptor file
     * @param descriptor the descriptor
     */
    public record Entry(Path file, ModelDescriptor descriptor) {
        /**
         * Whether the weights files named by the descriptor (every part's) exist (their checksums are checked on
         * load).
         */
        public boolean weightsPresent() {
            return descriptor.parts().stream()
                    .allMatch(p -> Files.isRegularFile(ModelDescriptors.partWeights(file, p)));
        }
    }

    /**
     * A descriptor that could not be used.
     *
     * @param file    the file
     * @param message why
     */
    public record Problem(Path file, String message) {
    }

    /** Copies the lists. */
    public ModelCatalog {
        models = List.copyOf(models);
        problems = List.copyOf(problems);
    }

    /** Scans a folder; a folder that does not exist holds no models. */
    public static ModelCatalog scan(Path folder) throws IOException {
        List<Entry> models = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return new ModelCatalog(folder, models, problems);
        }
        List<Path> files;
        try (Stream<Path> s = Files.find(folder, 2,
                (p, a) -> a.isRegularFile() && p.getFileName().toString().equals(ModelDescriptors.FILE_NAME))) {
            files = s.sorted().toList();
        }
        Map<String, Path> seen = new HashMap<>();
        for (Path f : files) {
            try {
                ModelDescriptor d = ModelDescriptors.read(f);
                Path first = seen.putIfAbsent(d.id(), f);
                if (first != null) {
                    problems.add(new Problem(f, "model id '" + d.id() + "' is also used by " + first));
                } else {
                    models.add(new Entry(f, d));
                }
            } catch (InferenceException e) {
                problems.add(new Problem(f, e.getMessage()));
            }
        }
        models.sort((a, b) -> a.descriptor().id().compareTo(b.descriptor().id()));
        return new ModelCatalog(folder, models, problems);
    }

    /** The model with this id. */
    public Optional<Entry> byId(String id) {
        return models.stream().filter(e -> e.descriptor().id().equals(id)).findFirst();
    }
}
