package io.avlens.models.cavp;

import io.avlens.analysis.similarity.SimilarityFiles;
import io.avlens.core.io.FileTrees;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.Device;
import io.avlens.inference.InferenceException;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ClipFacts;
import io.avlens.inference.descriptor.ContractChecker;
import io.avlens.inference.descriptor.ContractMismatch;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.media.MediaException;
import io.avlens.media.MediaInfo;
import io.avlens.media.MediaProbe;
import io.avlens.models.BuiltinModels;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.TaskException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CAVP's similarity volume and lag for clips, as a plain Java library: no OSGi framework, no service registry, no
 * Eclipse runtime (only {@code org.eclipse.equinox.common}'s {@code IProgressMonitor} types as a plain jar), for a
 * process that is not AV Lens, e.g. a Spark executor. It runs exactly what the runner runs for one clip: the
 * contract check of the clip against the descriptor, the CPU inference service of {@code io.avlens.inference.djl}
 * built directly (with the {@link CavpBlockFactory} family given by hand instead of found as a service), and
 * {@link CavpSimilarityTask} on the clip; the results are the task's.
 * <p>
 * Classpath: the jars of {@code io.avlens.core}, {@code io.avlens.media} (with JTransforms and JLargeArrays),
 * {@code io.avlens.lib.javacv} and {@code io.avlens.lib.djl} (each with its {@code lib/*.jar}),
 * {@code io.avlens.inference}, {@code io.avlens.inference.djl}, {@code io.avlens.analysis},
 * {@code io.avlens.runner}, {@code io.avlens.models}, Gson and {@code org.eclipse.equinox.common}. DJL is started
 * offline with its caches under the AV Lens data folder ({@code -Davlens.data=DIR} or {@code $AVLENS_DATA}).
 * <p>
 * Owns the loaded model's native memory: close it. One clip at a time per instance (a Spark job opens one per
 * executor thread, or per partition).
 */
public final class CavpSimilarity implements AutoCloseable {

    private final CavpSimilarityTask task = new CavpSimilarityTask();
    private final ModelDescriptor descriptor;
    private final LoadedModel model;

    private CavpSimilarity(ModelDescriptor descriptor, LoadedModel model) {
        this.descriptor = descriptor;
        this.model = model;
    }

    /**
     * One clip's result.
     *
     * @param lagSeconds the estimated lag (positive: the sound comes later than the picture)
     * @param confidence the estimate's confidence
     * @param volume     the similarity volume {@code [Ta, Tv]} (rows audio time, columns video time)
     * @param metrics    all of the task's metrics (as in {@code run.json}: also {@code steps}, and when the clip's
     *                   sidecar states its lag, {@code trueLagSeconds} and the errors)
     * @param warnings   the contract check's warnings (a conversion the clip needs, e.g. padding)
     */
    public record Result(double lagSeconds, double confidence, FloatTensor volume, Map<String, Double> metrics,
            List<String> warnings) {
    }

    /**
     * Loads CAVP weights on the CPU from their descriptor ({@code model.json} or {@code cavp-small.json}, the
     * weights beside it, checked against their SHA-256).
     *
     * @param threads engine threads, 0 for libtorch's default
     * @throws InferenceException naming the file when the descriptor or the weights cannot be used
     */
    public static CavpSimilarity open(Path descriptorFile, int threads) throws InferenceException {
        ModelDescriptor d = ModelDescriptors.read(descriptorFile);
        if (!CavpBlockFactory.FAMILY.equals(d.family())) {
            throw new InferenceException(descriptorFile + ": model " + d.id() + " is of family '" + d.family()
                    + "', not '" + CavpBlockFactory.FAMILY + "'");
        }
        ModelSpec spec = ModelDescriptors.toSpec(descriptorFile, d,
                ModelSpec.Options.DEFAULT.withDevice(Device.CPU).withThreads(threads));
        LoadedModel loaded = DjlInferenceServices.cpu(List.of(new CavpBlockFactory())).load(spec);
        return new CavpSimilarity(d, loaded);
    }

    /**
     * The shipped {@code cavp-small}, installed into {@code modelsFolder} first (copied only when missing or
     * different, as {@code avlens run} does), on the CPU.
     *
     * @throws IOException when the models folder cannot be written
     * @throws InferenceException when the weights cannot be loaded
     */
    public static CavpSimilarity shipped(Path modelsFolder, int threads) throws IOException, InferenceException {
        for (BuiltinModels.Installed m : BuiltinModels.of(new CavpShippedModel()).install(modelsFolder)) {
            if (m.id().equals(CavpDescriptor.MODEL_ID)) {
                return open(m.descriptor(), threads);
            }
        }
        throw new IllegalStateException(CavpDescriptor.MODEL_ID + " is not among the shipped models");
    }

    /** The model's descriptor (its profile says what the clips must be). */
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    /**
     * Computes one clip into {@code outputFolder}, which receives {@code audio.npy}, {@code video.npy} and
     * {@code similarity.npy} as in a run.
     *
     * @param maxLagSeconds the largest lag searched, either way
     * @param outputFolder  an empty or missing folder
     * @throws TaskException naming the clip's file and the problem (not a clip, no sound, does not fit the model)
     */
    public Result compute(Path media, double maxLagSeconds, Path outputFolder) throws TaskException {
        Path clip = media.toAbsolutePath();
        List<String> warnings = check(clip);
        try {
            Files.createDirectories(outputFolder);
        } catch (IOException e) {
            throw new TaskException(outputFolder + ": cannot create the output folder: " + e.getMessage(), e);
        }
        ClipResult r = task.run(new ClipInput(clip.getFileName().toString(), clip, model, descriptor,
                Map.of(CavpSimilarityTask.MAX_LAG, maxLagSeconds), 0, outputFolder), null);
        FloatTensor volume;
        try {
            volume = SimilarityFiles.readNpy(outputFolder.resolve("similarity.npy"));
        } catch (IOException e) {
            throw new TaskException(outputFolder + ": cannot read back the similarity volume: " + e.getMessage(), e);
        }
        return new Result(r.metrics().get("lagSeconds"), r.metrics().get("confidence"), volume, r.metrics(),
                warnings);
    }

    /** {@link #compute(Path, double, Path)} with the files in a temporary folder that is deleted afterwards. */
    public Result compute(Path media, double maxLagSeconds) throws TaskException {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("avlens-cavp-");
        } catch (IOException e) {
            throw new TaskException("cannot create a temporary folder: " + e.getMessage(), e);
        }
        try {
            return compute(media, maxLagSeconds, scratch);
        } finally {
            FileTrees.deleteQuietly(scratch);
        }
    }

    /** The runner's contract check: errors refuse the clip, warnings are returned. */
    private List<String> check(Path clip) throws TaskException {
        MediaInfo info;
        try {
            info = MediaProbe.probe(clip);
        } catch (MediaException e) {
            throw new TaskException(e.getMessage(), e);
        }
        ClipFacts.Video v = info.hasVideo()
                ? new ClipFacts.Video(info.video().fps(), info.video().width(), info.video().height()) : null;
        ClipFacts.Audio a = info.hasAudio() ? new ClipFacts.Audio(info.audio().sampleRate(), info.audio().channels())
                : null;
        List<ContractMismatch> mismatches = ContractChecker.check(descriptor,
                new ClipFacts(clip.getFileName().toString(), info.durationSeconds(), v, a));
        if (!ContractChecker.usable(mismatches)) {
            throw new TaskException(clip + ": model " + descriptor.id() + " cannot take it: " + mismatches.stream()
                    .filter(m -> m.severity() == ContractMismatch.Severity.ERROR).map(ContractMismatch::message)
                    .collect(Collectors.joining("; ")));
        }
        return mismatches.stream().map(ContractMismatch::message).toList();
    }

    @Override
    public void close() {
        model.close();
    }

    /**
     * {@code java -cp … io.avlens.models.cavp.CavpSimilarity --clip FILE [--model DESCRIPTOR.json]
     * [--max-lag S] [--out S.npy] [--threads N]}: prints {@code {"lagSeconds", "confidence", "shape": [Ta, Tv],
     * "metrics": {…}, "warnings": […]}} as one JSON line (the shipped cavp-small, installed into
     * {@code <data>/models}, without {@code --model}). Exit status 2 on bad arguments or a clip the model cannot
     * take, 1 when the model fails.
     */
    public static void main(String[] args) {
        System.exit(CavpSimilarityCommand.run(args, System.out, System.err));
    }
}
