package io.avlens.ui.similarity.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;



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
import io.avlens.runner.RunSettings;
import io.avlens.runner.RunState;
import io.avlens.runner.RunnerException;
import io.avlens.runner.results.ClipResults;
import io.avlens.runner.task.TaskArtifact;
import io.avlens.ui.project.Inference;

/**
 * The similarity volume of one clip with one model, asked of the {@link ClipResults} service: computed once through
 * the model runner (so it shares the runner's cache — opening the clip again is instant — and its scheduling rule —
 * it waits while an experiment runs) and shared with every other view that asks for the same volume. Stateless.
 */
public final class ClipSimilarity {

    /** The runner's task kind. */
    public static final String KIND = "similarity";
    /** The artifact kind of a volume. */
    static final String VOLUME = "similarityVolume";
    /**
     * The metric a similarity task sets when the sound has its own time step (a model of parts whose audio part
     * returns another number of steps than the frames, as Diff-Foley's CAVP); absent: the video's.
     */
    static final String AUDIO_STEP_SECONDS = "audioStepSeconds";

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
     * Asks {@code results} for {@code media}'s volume with {@code modelId}; installing the shipped models and finding
     * the model happen off the calling thread. The future completes with the result, also when it could not be
     * computed (its message says why), on a background thread; it is cancelled when the computation was cancelled
     * (e.g. in the Progress view). Cancelling it withdraws this asker's interest: the computation stops when no
     * other view wants the same volume.
     */
    public static CompletableFuture<Result> request(ClipResults results, BuiltinModels builtins, RunSettings settings,
            String modelId, Path media, double maxLagSeconds) {
        CompletableFuture<Result> answer = new CompletableFuture<>();
        CompletableFuture.runAsync(() -> {
            ModelRef model;
            try {
                Inference.installBuiltins(builtins, settings);
                model = ExperimentSnapshots.model(settings.modelsFolder(), modelId);
            } catch (RunnerException | IOException | RuntimeException e) {
                answer.complete(new Result(null, e.getMessage(), false));
                return;
            }
            if (answer.isDone()) {
                return; // withdrawn meanwhile: ask for nothing
            }
            String stem = media.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            CompletableFuture<ClipOutcome> outcome = results.request(new ClipRequest(KIND, model,
                    new ClipRef(stem, media), Map.of("maxLagSeconds", maxLagSeconds), 0), settings);
            answer.whenComplete((r, e) -> {
                if (answer.isCancelled()) {
                    outcome.cancel(false);
                }
            });
            outcome.whenComplete((o, e) -> {
                if (outcome.isCancelled()) {
                    answer.cancel(false);
                } else if (e != null) {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    answer.complete(new Result(null, cause.getMessage(), false));
                } else {
                    answer.complete(result(o, model, media));
                }
            });
        });
        return answer;
    }

    /** The volume of a runner's outcome; the outcome's folder is the service's, it is only read. */
    static Result result(ClipOutcome outcome, ModelRef model, Path media) {
        if (outcome.state() != RunState.SUCCEEDED) {
            return new Result(null, outcome.message() != null ? outcome.message()
                    : media + ": " + outcome.state().literal(), false);
        }
        TaskArtifact artifact = outcome.artifacts().stream().filter(a -> VOLUME.equals(a.kind())).findFirst()
                .orElse(null);
        if (artifact == null) {
            return new Result(null, model.id() + " wrote no similarity volume for " + media, false);
        }
        try {
            FloatTensor values = SimilarityFiles.readNpy(outcome.folder().resolve(artifact.file()));
            TimeBase base = TimeBase.ofRate(model.descriptor().profile().video().fps());
            Double audioStep = outcome.metrics().get(AUDIO_STEP_SECONDS);
            TimeBase audio = audioStep == null ? base : new TimeBase(0, audioStep);
            double padded = outcome.metrics().getOrDefault("paddedSeconds", 0.0);
            return new Result(SimilarityVolume.of(values, audio, base), null, outcome.cached(), padded);
        } catch (IOException | RuntimeException e) {
            return new Result(null, e.getMessage(), false);
        }
    }
}
