package io.avlens.ui.similarity.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import io.avlens.analysis.similarity.SimilarityFiles;
import io.avlens.analysis.similarity.SimilarityVolume;
import io.avlens.analysis.similarity.TimeBase;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.descriptor.ModelCatalog;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.models.BuiltinModels;
import io.avlens.runner.ClipOutcome;
import io.avlens.runner.ClipRef;
import io.avlens.runner.ClipRequest;
import io.avlens.runner.ExperimentSnapshots;
import io.avlens.runner.ModelRef;
import io.avlens.runner.ModelRunner;
import io.avlens.runner.RunSettings;
import io.avlens.runner.RunState;
import io.avlens.runner.RunnerException;
import io.avlens.runner.task.TaskArtifact;
import io.avlens.ui.project.Inference;

/**
 * Computes the similarity volume of one clip with one model through the model runner (so it shares the runner's
 * cache — opening the clip again is instant — and its scheduling rule — it waits while an experiment runs).
 * Stateless.
 */
public final class ClipSimilarity {

    /** The runner's task kind. */
    public static final String KIND = "similarity";
    /** The artifact kind of a volume. */
    static final String VOLUME = "similarityVolume";

    /**
     * A volume, or why there is none.
     *
     * @param volume  the volume with both axes in seconds at the model's frame rate, or null
     * @param message why it could not be computed (names the clip and the problem), or null
     * @param cached  whether it came from the runner's cache
     * @param paddedSeconds how much of the volume's end is padding (black frames, silence) added because the clip
     *                      is shorter than the model's window; 0 when none
     */
    public record Result(SimilarityVolume volume, String message, boolean cached, double paddedSeconds) {

        Result(SimilarityVolume volume, String message, boolean cached) {
            this(volume, message, cached, 0);
        }
    }

    private ClipSimilarity() {
    }

    /**
     * The models the Similarity view offers: the built-in ones, then every model of {@code modelsFolder} (imported
     * ones included) that reads both video and audio, by id. An unreadable folder leaves the built-in ones.
     */
    public static List<String> modelIds(BuiltinModels builtins, Path modelsFolder) {
        Set<String> ids = new LinkedHashSet<>();
        if (builtins != null) {
            ids.addAll(builtins.ids());
        }
        if (modelsFolder != null) {
            try {
                for (ModelCatalog.Entry e : ModelCatalog.scan(modelsFolder).models()) {
                    if (e.descriptor().modalities().containsAll(EnumSet.of(ModelDescriptor.Modality.VIDEO,
                            ModelDescriptor.Modality.AUDIO))) {
                        ids.add(e.descriptor().id());
                    }
                }
            } catch (IOException e) {
                // the built-in models are still there
            }
        }
        return List.copyOf(ids);
    }

    /**
     * A job (not yet scheduled) computing {@code media}'s volume with {@code modelId}; {@code done} gets the result on
     * the job's thread, also when it failed (not when the job was cancelled).
     */
    public static Job job(ModelRunner runner, BuiltinModels builtins, RunSettings settings, String modelId, Path media,
            double maxLagSeconds, Consumer<Result> done) {
        Job job = Job.create("Similarity volume of " + media.getFileName() + " (" + modelId + ")",
                (IProgressMonitor monitor) -> {
                    Result r = compute(runner, builtins, settings, modelId, media, maxLagSeconds, monitor);
                    if (monitor.isCanceled()) {
                        return Status.CANCEL_STATUS;
                    }
                    done.accept(r);
                    return Status.OK_STATUS;
                });
        job.setSystem(false);
        return job;
    }

    static Result compute(ModelRunner runner, BuiltinModels builtins, RunSettings settings, String modelId,
            Path media, double maxLagSeconds, IProgressMonitor monitor) {
        try {
            Inference.installBuiltins(builtins, settings);
            ModelRef model = ExperimentSnapshots.model(settings.modelsFolder(), modelId);
            String stem = media.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            ClipOutcome outcome = runner.runClip(new ClipRequest(KIND, model, new ClipRef(stem, media),
                    Map.of("maxLagSeconds", maxLagSeconds), 0), settings, monitor);
            if (outcome.state() != RunState.SUCCEEDED) {
                return new Result(null, outcome.message() != null ? outcome.message()
                        : media + ": " + outcome.state().literal(), false);
            }
            TaskArtifact artifact = outcome.artifacts().stream().filter(a -> VOLUME.equals(a.kind())).findFirst()
                    .orElse(null);
            if (artifact == null) {
                return new Result(null, modelId + " wrote no similarity volume for " + media, false);
            }
            FloatTensor values;
            try {
                values = SimilarityFiles.readNpy(outcome.folder().resolve(artifact.file()));
            } finally {
                if (settings.cacheFolder() == null) {
                    deleteTree(outcome.folder()); // without a cache the runner left the result in a folder of its own
                }
            }
            TimeBase base = TimeBase.ofRate(model.descriptor().profile().video().fps());
            double padded = outcome.metrics().getOrDefault("paddedSeconds", 0.0);
            return new Result(SimilarityVolume.of(values, base, base), null, outcome.cached(), padded);
        } catch (RunnerException | IOException | RuntimeException e) {
            return new Result(null, e.getMessage(), false);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
