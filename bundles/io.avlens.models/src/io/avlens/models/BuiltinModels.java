package io.avlens.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The models shipped inside AV Lens (an OSGi service; each is a {@link ShippedModel} its bundle registers), and putting them into a models folder: one folder per model,
 * {@code <models>/<id>/} with the weights and the descriptor as {@code model.json}, the layout
 * {@link io.avlens.inference.descriptor.ModelCatalog#scan} reads, so a built-in model is listed, checked and loaded
 * exactly like an imported one. Thread-safe; installing the same folder from two processes at once is safe too
 * (every file is replaced atomically and holds the same bytes).
 */
public interface BuiltinModels {

    /**
     * One shipped model in a models folder.
     *
     * @param id         the model id, e.g. {@code cavp-small}
     * @param descriptor its descriptor file in the folder
     * @param written    whether this call wrote a file (it was missing or its SHA-256 differed from the shipped one)
     */
    record Installed(String id, Path descriptor, boolean written) {
    }

    /**
     * The implementation DS registers, over these models, for code that runs without the service registry (a plain
     * classpath, tests of other bundles, tools), e.g. {@code BuiltinModels.of(new CavpShippedModel())}; inside AV
     * Lens, get the service instead: it has every {@link ShippedModel} the family bundles register.
     */
    static BuiltinModels of(ShippedModel... models) {
        return new io.avlens.models.internal.ShippedModels(List.of(models));
    }

    /** The ids of the shipped models. */
    List<String> ids();

    /**
     * Makes sure every shipped model is in {@code modelsFolder} (created when missing): a file is copied only when it
     * is missing or its SHA-256 differs from the shipped file's, atomically, so an interrupted copy never leaves a
     * broken model behind. Files the user added to the folder are left alone.
     *
     * @throws IOException naming the file that could not be written, or the shipped file that is damaged
     */
    List<Installed> install(Path modelsFolder) throws IOException;
}
