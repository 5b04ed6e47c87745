package io.avlens.models.internal;

import io.avlens.core.io.AtomicFiles;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.models.BuiltinModels;
import io.avlens.models.ShippedModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The {@link ShippedModel}s registered by the family bundles (a whiteboard: DS adds and removes them), installed by
 * copying. Thread-safe: the list is replaced, never changed, when a model comes or goes.
 */
@Component(service = BuiltinModels.class)
public final class ShippedModels implements BuiltinModels {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<ShippedModel> shipped = List.of();

    /** For DS. */
    public ShippedModels() {
    }

    /** These models (code without the service registry, tests). */
    public ShippedModels(List<ShippedModel> models) {
        this.shipped = List.copyOf(models);
    }

    private List<ShippedModel> sorted() {
        return shipped.stream().sorted(Comparator.comparing(ShippedModel::id)).toList();
    }

    @Override
    public List<String> ids() {
        return sorted().stream().map(ShippedModel::id).toList();
    }

    @Override
    public List<Installed> install(Path modelsFolder) throws IOException {
        List<Installed> installed = new ArrayList<>();
        for (ShippedModel s : sorted()) {
            Path folder = Files.createDirectories(modelsFolder.resolve(s.id()));
            boolean weights = false;
            for (String file : s.weightFiles()) {
                weights |= copyIfDifferent(s, file, folder.resolve(file));
            }
            Path descriptor = folder.resolve(ModelDescriptors.FILE_NAME);
            boolean json = copyIfDifferent(s, s.id() + ".json", descriptor);
            installed.add(new Installed(s.id(), descriptor, weights || json));
        }
        return List.copyOf(installed);
    }

    /** Copies a shipped file unless the target already has its SHA-256; returns whether it copied. */
    private static boolean copyIfDifferent(ShippedModel model, String file, Path target) throws IOException {
        String shipped;
        try (InputStream in = model.open(file)) {
            shipped = ModelDescriptors.sha256(in);
        }
        if (Files.isRegularFile(target) && ModelDescriptors.sha256(target).equals(shipped)) {
            return false;
        }
        try (InputStream in = model.open(file)) {
            AtomicFiles.write(target, in::transferTo);
        } catch (IOException e) {
            throw new IOException(target + ": cannot install the built-in model file: " + e.getMessage(), e);
        }
        return true;
    }
}
