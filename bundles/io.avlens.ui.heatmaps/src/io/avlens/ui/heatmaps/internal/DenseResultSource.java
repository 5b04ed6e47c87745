package io.avlens.ui.heatmaps.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;

import io.avlens.analysis.dense.DenseFeatureFiles;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.inference.descriptor.ModelCatalog;
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
import io.avlens.ui.project.Inference;

/**
 * Where the heatmap views get a clip's dense features: the model runner's {@value #KIND} task (so its cache makes a
 * clip seen before instant, and it waits while an experiment runs), whose output folder holds
 * {@link DenseFeatureFiles}. The one place to change for a per-clip results service. Stateless; any thread but the UI
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
     * Runs {@code modelId} on {@code media} and reads the features it wrote.
     *
     * @throws IOException in the user's words: the clip, the model and what went wrong
     */
    public static DenseFeatures features(ModelRunner runner, BuiltinModels builtins, String modelId, Path media,
            IProgressMonitor monitor) throws IOException {
        if (runner == null) {
            throw new IOException("The model runner is not available, so " + modelId + " cannot run on "
                    + media.getFileName());
        }
        RunSettings settings = Inference.settings();
        try {
            Inference.installBuiltins(builtins, settings);
            ModelRef model = ExperimentSnapshots.model(settings.modelsFolder(), modelId);
            String stem = media.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            ClipOutcome outcome = runner.runClip(new ClipRequest(KIND, model, new ClipRef(stem, media), Map.of(), 0),
                    settings, monitor);
            if (outcome.state() != RunState.SUCCEEDED) {
                throw new IOException(outcome.message() != null ? outcome.message()
                        : media + ": " + modelId + " " + outcome.state().literal());
            }
            if (outcome.folder() == null || !DenseFeatureFiles.present(outcome.folder())) {
                throw new IOException(modelId + " wrote no dense features for " + media);
            }
            try {
                return DenseFeatureFiles.read(outcome.folder());
            } finally {
                if (settings.cacheFolder() == null) {
                    deleteTree(outcome.folder()); // without a cache the runner left the result in a folder of its own
                }
            }
        } catch (RunnerException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
