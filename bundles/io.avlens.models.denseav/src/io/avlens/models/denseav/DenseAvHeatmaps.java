package io.avlens.models.denseav;

import io.avlens.analysis.dense.DenseFeatureFiles;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.inference.Device;
import io.avlens.inference.InferenceException;
import io.avlens.inference.InferenceService;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.core.io.AtomicFiles;
import io.avlens.models.ShippedModel;
import java.io.InputStream;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.ModelParts;
import io.avlens.runner.task.TaskException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DenseAV-small's dense features of clips as a plain Java library: no OSGi framework, no service registry (what a
 * Spark executor or a script would use). It runs exactly what a run runs for one clip: the CPU inference service of
 * {@code io.avlens.inference.djl} built directly with the {@link DenseAvBlockFactory} family given by hand, and
 * {@link DenseAvHeatmapTask} on the clip, whose files it reads back as {@link DenseFeatures}.
 * <p>
 * Classpath: as for {@code io.avlens.models.cavp.CavpSimilarity} (README, "Outside the workbench") plus this bundle's
 * jar. Owns the loaded model's native memory: close it. One clip at a time per instance.
 */
public final class DenseAvHeatmaps implements AutoCloseable {

    private final DenseAvHeatmapTask task = new DenseAvHeatmapTask();
    private final ModelDescriptor descriptor;
    private final ModelParts parts;

    private DenseAvHeatmaps(ModelDescriptor descriptor, ModelParts parts) {
        this.descriptor = descriptor;
        this.parts = parts;
    }

    /**
     * Loads DenseAV weights on the CPU from their descriptor ({@code model.json} or {@code denseav-small.json}, the
     * weights beside it, checked against their SHA-256): the built-in block, or a model made of an {@code image} and
     * an {@code audio} part (e.g. {@code tools/export/denseav_small.py}'s traced pair), each part loaded once.
     *
     * @param threads engine threads, 0 for libtorch's default
     * @throws InferenceException naming the file when the descriptor or the weights cannot be used
     */
    public static DenseAvHeatmaps open(Path descriptorFile, int threads) throws InferenceException {
        ModelDescriptor d = ModelDescriptors.read(descriptorFile);
        if (!DenseAvBlockFactory.FAMILY.equals(d.family())) {
            throw new InferenceException(descriptorFile + ": model " + d.id() + " is of family '" + d.family()
                    + "', not '" + DenseAvBlockFactory.FAMILY + "'");
        }
        ModelSpec.Options options = ModelSpec.Options.DEFAULT.withDevice(Device.CPU).withThreads(threads);
        InferenceService service = DjlInferenceServices.cpu(List.of(new DenseAvBlockFactory()));
        if (!d.hasParts()) {
            return new DenseAvHeatmaps(d, ModelParts.single(service.load(ModelDescriptors.toSpec(descriptorFile, d,
                    options))));
        }
        Map<String, LoadedModel> loaded = new LinkedHashMap<>();
        try {
            for (ModelDescriptor.Component part : d.parts()) {
                loaded.put(part.role(), service.load(ModelDescriptors.toSpec(descriptorFile, d, part, options)));
            }
        } catch (InferenceException | RuntimeException e) {
            loaded.values().forEach(LoadedModel::close);
            throw e;
        }
        return new DenseAvHeatmaps(d, ModelParts.of(loaded));
    }

    /**
     * The shipped {@code denseav-small}, installed into {@code modelsFolder/denseav-small/} first (as
     * {@code BuiltinModels} does: the weights and {@code model.json}, each copied only when its bytes differ), on the
     * CPU.
     */
    public static DenseAvHeatmaps shipped(Path modelsFolder, int threads) throws IOException, InferenceException {
        ShippedModel shipped = new DenseAvShippedModel();
        Path folder = Files.createDirectories(modelsFolder.resolve(shipped.id()));
        copy(shipped, shipped.weightsFile(), folder.resolve(shipped.weightsFile()));
        Path descriptor = folder.resolve(ModelDescriptors.FILE_NAME);
        copy(shipped, shipped.id() + ".json", descriptor);
        return open(descriptor, threads);
    }

    private static void copy(ShippedModel model, String file, Path target) throws IOException {
        byte[] bytes;
        try (InputStream in = model.open(file)) {
            bytes = in.readAllBytes();
        }
        if (!Files.isRegularFile(target) || !java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
            AtomicFiles.write(target, out -> out.write(bytes));
        }
    }

    /** The model's descriptor. */
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    /**
     * Computes one clip's dense features into {@code outputFolder} (the task's four files, created when missing) and
     * returns them with the task's metrics.
     *
     * @throws TaskException naming the clip's file and the problem
     */
    public Result compute(Path media, Path outputFolder) throws TaskException {
        Path clip = media.toAbsolutePath();
        try {
            Files.createDirectories(outputFolder);
            ClipResult r = task.run(new ClipInput(clip.getFileName().toString(), clip, parts, descriptor, Map.of(),
                    0, outputFolder), null);
            return new Result(DenseFeatureFiles.read(outputFolder), r.metrics());
        } catch (IOException e) {
            throw new TaskException(outputFolder + ": " + e.getMessage(), e);
        }
    }

    /**
     * One clip's result.
     *
     * @param features the dense features as the task wrote them
     * @param metrics  the task's metrics ({@code frames}, {@code audioSteps}, {@code heads}, {@code voicedShare}, …)
     */
    public record Result(DenseFeatures features, Map<String, Double> metrics) {
    }

    @Override
    public void close() {
        parts.roles().forEach(r -> parts.byRole(r).close());
    }

    /**
     * {@code java -cp … io.avlens.models.denseav.DenseAvHeatmaps --clip FILE --out DIR [--model DESCRIPTOR.json]
     * [--threads N]}: writes the dense features into DIR and prints {@code {"frames", "heads", "channels", "h", "w",
     * "freqs", "steps", "frameStep", "audioStep", "metrics"}} as one JSON line. Exit 2 on bad arguments or a clip the
     * model cannot take, 1 when the model fails.
     */
    public static void main(String[] args) {
        System.exit(DenseAvHeatmapsCommand.run(args, System.out, System.err));
    }
}
