package io.avlens.ui.heatmaps.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

import io.avlens.analysis.dense.DenseFeatureFiles;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.inference.descriptor.ModelCatalog;
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
import io.avlens.ui.project.Inference;

/**
 * Where the heatmap views get a clip's dense features: the {@link ClipResults} service's outcome of the model's
 * {@value #KIND} task (computed once through the runner and shared with every view that asks; the runner's cache makes
 * a clip seen before instant), whose output folder holds {@link DenseFeatureFiles}. Stateless; any thread but the UI
 * thread (it blocks).
 */
public final class DenseResultSource {

    /** The runner's task kind. */
    public static final String KIND = "heatmap";
    /** The model family whose models compute dense features. */
    public static final String FAMILY = "denseav";

    private DenseResultSource() {
    }

    /** The ids of the installed models of family {@value #FAMILY} (the shipped ones installed first), sorted. */
    public static List<String> modelIds(BuiltinModels builtins) {
        RunSettings settings = Inference.settings();
        try {
            Inference.installBuiltins(builtins, settings);
        } catch (IOException e) {
            // the models already installed are still listed
        }
        if (settings.modelsFolder() == null || !Files.isDirectory(settings.modelsFolder())) {
            return List.of();
        }
        try {
            return ModelCatalog.scan(settings.modelsFolder()).models().stream()
                    .filter(e -> FAMILY.equals(e.descriptor().family())).map(e -> e.descriptor().id()).sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Asks {@code results} for {@code modelId}'s features of {@code media} (computed once and shared with every view
     * that asks) and reads the files it wrote; cancelling {@code monitor} withdraws this interest.
     *
     * @throws IOException in the user's words: the clip, the model and what went wrong
     * @throws OperationCanceledException when {@code monitor} was cancelled or the computation was cancelled
     */
    public static DenseFeatures features(ClipResults results, BuiltinModels builtins, String modelId, Path media,
            IProgressMonitor monitor) throws IOException {
        if (results == null) {
            throw new IOException("The model runner is not available, so " + modelId + " cannot run on "
                    + media.getFileName());
        }
        RunSettings settings = Inference.settings();
        try {
            Inference.installBuiltins(builtins, settings);
            ModelRef model = ExperimentSnapshots.model(settings.modelsFolder(), modelId);
            String stem = media.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            ClipOutcome outcome = await(results.request(
                    new ClipRequest(KIND, model, new ClipRef(stem, media), Map.of(), 0), settings), monitor);
            if (outcome.state() != RunState.SUCCEEDED) {
                throw new IOException(outcome.message() != null ? outcome.message()
                        : media + ": " + modelId + " " + outcome.state().literal());
            }
            if (outcome.folder() == null || !DenseFeatureFiles.present(outcome.folder())) {
                throw new IOException(modelId + " wrote no dense features for " + media);
            }
            return DenseFeatureFiles.read(outcome.folder()); // read now: the service owns the folder
        } catch (RunnerException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static ClipOutcome await(CompletableFuture<ClipOutcome> pending, IProgressMonitor monitor)
            throws IOException {
        try {
            while (true) {
                try {
                    return pending.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (monitor.isCanceled()) {
                        pending.cancel(false);
                        throw new OperationCanceledException();
                    }
                }
            }
        } catch (CancellationException e) {
            throw new OperationCanceledException();
        } catch (InterruptedException e) {
            pending.cancel(false);
            Thread.currentThread().interrupt();
            throw new OperationCanceledException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        }
    }
}
