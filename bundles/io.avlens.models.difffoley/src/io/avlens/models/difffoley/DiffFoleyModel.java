package io.avlens.models.difffoley;

import io.avlens.inference.Device;
import io.avlens.inference.InferenceException;
import io.avlens.inference.InferenceService;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.inference.program.ProgramEngine;
import io.avlens.runner.task.ModelParts;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Diff-Foley-small loaded from its descriptor outside the runner (tools, benchmarks, tests, a command): its three
 * parts on the CPU (weights checked against their SHA-256) and a {@link DiffFoleyGenerator} over them. Inside a run
 * the runner loads the parts and the {@code generate} task builds the generator from {@code ModelParts}. Owns the
 * parts: close it. Not thread-safe.
 */
public final class DiffFoleyModel implements AutoCloseable {

    private final ModelDescriptor descriptor;
    private final ModelParts parts;
    private final DiffFoleyGenerator generator;

    private DiffFoleyModel(ModelDescriptor descriptor, ModelParts parts, ProgramEngine engine) {
        this.descriptor = descriptor;
        this.parts = parts;
        this.generator = new DiffFoleyGenerator(parts, engine, descriptor.profile());
    }

    /**
     * Loads the model of {@code descriptorFile} ({@code diff-foley-small.json} or {@code model.json} with the parts'
     * weights beside it).
     *
     * @param config  the network sizes of the weights ({@link DiffFoleyConfig#small()} for the shipped ones)
     * @param threads libtorch threads, 0 for its default
     * @throws InferenceException naming the file when the descriptor or a part cannot be used
     */
    public static DiffFoleyModel open(Path descriptorFile, DiffFoleyConfig config, int threads)
            throws InferenceException {
        ModelDescriptor d = ModelDescriptors.read(descriptorFile);
        if (!DiffFoleyDescriptor.FAMILY.equals(d.family())) {
            throw new InferenceException(descriptorFile + ": model " + d.id() + " is of family '" + d.family()
                    + "', not '" + DiffFoleyDescriptor.FAMILY + "'");
        }
        InferenceService service = DjlInferenceServices.cpu(List.of(new DiffFoleyBlockFactory(config)));
        Map<String, LoadedModel> loaded = new LinkedHashMap<>();
        try {
            for (ModelDescriptor.Component part : d.parts()) {
                ModelSpec spec = ModelDescriptors.toSpec(descriptorFile, d, part,
                        ModelSpec.Options.DEFAULT.withDevice(Device.CPU).withThreads(threads));
                loaded.put(part.role(), service.load(spec));
            }
            return new DiffFoleyModel(d, ModelParts.of(loaded), DjlInferenceServices.programEngine());
        } catch (InferenceException | RuntimeException e) {
            loaded.values().forEach(LoadedModel::close);
            throw e;
        }
    }

    /** The descriptor. */
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    /** The loaded parts. */
    public ModelParts parts() {
        return parts;
    }

    /** The generator over the parts. */
    public DiffFoleyGenerator generator() {
        return generator;
    }

    @Override
    public void close() {
        for (String role : parts.roles()) {
            parts.byRole(role).close();
        }
    }
}
