package io.avlens.models.internal;

import io.avlens.core.io.AtomicFiles;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.models.BuiltinModels;
import io.avlens.models.cavp.CavpDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * The models in this bundle's {@code weights/} folder, installed by copying. The shipped files are read through the
 * bundle's class loader, so this works the same inside OSGi and on a plain classpath. Stateless.
 */
@Component(service = BuiltinModels.class)
public final class ShippedModels implements BuiltinModels {

    /**
     * One shipped model: {@code /weights/<id>/<weights>} and {@code /weights/<id>/<id>.json}.
     *
     * @param id      model id and folder name
     * @param weights the weights file name
     */
    record Shipped(String id, String weights) {
        String resource(String file) {
            return "/weights/" + id + "/" + file;
        }
    }

    static final List<Shipped> SHIPPED = List.of(new Shipped(CavpDescriptor.MODEL_ID, "cavp-small.params"));

    @Override
    public List<String> ids() {
        return SHIPPED.stream().map(Shipped::id).toList();
    }

    @Override
    public List<Installed> install(Path modelsFolder) throws IOException {
        List<Installed> installed = new ArrayList<>();
        for (Shipped s : SHIPPED) {
            Path folder = Files.createDirectories(modelsFolder.resolve(s.id()));
            boolean weights = copyIfDifferent(s.resource(s.weights()), folder.resolve(s.weights()));
            Path descriptor = folder.resolve(ModelDescriptors.FILE_NAME);
            boolean json = copyIfDifferent(s.resource(s.id() + ".json"), descriptor);
            installed.add(new Installed(s.id(), descriptor, weights || json));
        }
        return List.copyOf(installed);
    }

    /** Copies a shipped file unless the target already has its SHA-256; returns whether it copied. */
    private static boolean copyIfDifferent(String resource, Path target) throws IOException {
        String shipped;
        try (InputStream in = open(resource)) {
            shipped = CavpDescriptor.sha256(in);
        }
        if (Files.isRegularFile(target) && CavpDescriptor.sha256(target).equals(shipped)) {
            return false;
        }
        try (InputStream in = open(resource)) {
            AtomicFiles.write(target, in::transferTo);
        } catch (IOException e) {
            throw new IOException(target + ": cannot install the built-in model file: " + e.getMessage(), e);
        }
        return true;
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = ShippedModels.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException(resource + " is missing from the io.avlens.models bundle ("
                    + ShippedModels.class.getProtectionDomain().getCodeSource() + ")");
        }
        return in;
    }
}
