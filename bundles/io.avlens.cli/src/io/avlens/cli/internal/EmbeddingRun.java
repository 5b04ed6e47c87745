package io.avlens.cli.internal;

import io.avlens.core.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;

import io.avlens.analysis.embedding.AvShapesLabels;
import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.media.MediaException;
import io.avlens.media.MediaProbe;
import io.avlens.model.Clip;
import io.avlens.model.Dataset;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;
import io.avlens.models.BuiltinModels;
import io.avlens.models.embedding.EmbeddingGather;
import io.avlens.models.embedding.EmbeddingTableTask;
import io.avlens.runner.ClipRef;
import io.avlens.runner.ModelRef;
import io.avlens.runner.ModelRunner;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunSettings;
import io.avlens.runner.RunSnapshot;
import io.avlens.runner.RunState;

/**
 * What {@code avlens embed} and {@code avlens eval --task retrieval|discovery} share: the clips of a data folder
 * (or of one split of its project), each with its split, narration and AV-Shapes labels, run through the model's
 * {@value EmbeddingTableTask#KIND} clip task as a one-off experiment of the model runner (same task lookup, cache
 * and scheduling rule as any run, so a repeat after an interruption reuses the clips already computed), gathered by
 * the runner's dataset stage ({@link EmbeddingTableTask}) into one table.
 */
final class EmbeddingRun {

    /**
     * An embedded dataset.
     *
     * @param table   the table of the clips that succeeded
     * @param data    the clips asked for
     * @param model   the model
     * @param outcome the run (its folder is gone; its clips say which failed and which came from the cache)
     */
    record Result(EmbeddingTable table, EvalData data, ModelRef model, RunOutcome outcome) {

        int cachedClips() {
            return outcome.metrics().getOrDefault("cachedClips", 0.0).intValue();
        }
    }

    private EmbeddingRun() {
    }

    /**
     * Embeds {@code --data} ({@code --split}) with {@code --model}.
     *
     * @param parameters the embed experiment's parameters (e.g. {@link EmbeddingTableTask#RETRIEVAL_METRICS}, read
     *                   by the dataset stage only, so the clips' cache is the same with or without them)
     * @param monitor    progress and cancel
     * @throws CommandException exit 2 for bad input (the folder, split, model, a model without an embed task, a
     *                          damaged sidecar), exit 1 when cancelled or when no clip could be embedded
     */
    static Result run(String command, ParsedArguments arguments, CommandContext context, ModelRunner runner,
            BuiltinModels builtin, ProjectStore store, Map<String, Object> parameters, IProgressMonitor monitor)
            throws CommandException {
        Path dataDir = context.resolve(arguments.required("data"));
        EvalData data = EvalData.select(dataDir, arguments.value("split", null), store);
        Map<Path, String> splits = splits(dataDir, store);
        List<ClipRef> refs = new java.util.ArrayList<>();
        for (Path clip : data.clips()) {
            Path media = clip.toAbsolutePath().normalize();
            refs.add(new ClipRef(ModelTasks.clipId(clip), media, data.split() != null ? data.split()
                    : splits.get(media), labels(media)));
        }
        RunSettings settings = RunnerOptions.settings(command, arguments, context);
        ModelFolders.installBuiltins(settings.modelsFolder(), builtin, context);
        ModelRef model = ModelTasks.find(arguments.required("model"), settings.modelsFolder(), context).ref();
        Path folder;
        try {
            folder = Files.createTempDirectory("avlens-embed");
        } catch (IOException e) {
            throw new CommandException(command + ": cannot create a temporary folder: " + e.getMessage());
        }
        try {
            RunSnapshot snapshot = new RunSnapshot(folder, command, EmbeddingTableTask.KIND, List.of(model), refs,
                    parameters, 0, List.of());
            RunOutcome outcome = runner.run(snapshot, settings, monitor);
            if (outcome.state() == RunState.CANCELLED) {
                throw new CommandException(EvalCommand.cancelled(command, settings), CommandException.INTERNAL,
                        null);
            }
            if (outcome.datasets().isEmpty()) {
                boolean anyClip = outcome.clips().stream().anyMatch(c -> c.state() == RunState.SUCCEEDED);
                throw new CommandException(command + ": " + outcome.message(), anyClip || outcome.clips().isEmpty()
                        || unreadableMedia(outcome) ? CommandException.BAD_INPUT : CommandException.INTERNAL, null);
            }
            try {
                return new Result(EmbeddingFiles.read(outcome.datasets().get(0).folder()), data, model, outcome);
            } catch (IOException e) {
                throw new CommandException(command + ": " + e.getMessage(), CommandException.INTERNAL, e);
            }
        } finally {
            FileTrees.deleteQuietly(folder);
        }
    }

    /** Whether every clip that failed did so because its file is not media FFmpeg can read (the user's input). */
    private static boolean unreadableMedia(RunOutcome outcome) {
        return outcome.clips().stream().filter(c -> c.state() == RunState.FAILED).allMatch(c -> {
            try {
                MediaProbe.probe(c.media());
                return false;
            } catch (MediaException e) {
                return true;
            }
        });
    }

    /** The AV-Shapes labels and narration of a clip with a sidecar, none without. */
    private static Map<String, String> labels(Path media) throws CommandException {
        if (!AvShapesLabels.has(media)) {
            return Map.of();
        }
        Path sidecar = AvShapesLabels.sidecar(media);
        try {
            Map<String, String> labels = new LinkedHashMap<>(AvShapesLabels.read(sidecar));
            labels.put(EmbeddingGather.NARRATION, AvShapesLabels.narration(sidecar));
            return labels;
        } catch (IOException | RuntimeException e) {
            throw new CommandException(sidecar + ": cannot read the clip's labels: " + e.getMessage());
        }
    }

    /** Each clip's split by its media file, from the folder's project; empty without one. */
    private static Map<Path, String> splits(Path data, ProjectStore store) throws CommandException {
        Map<Path, String> splits = new HashMap<>();
        if (store == null || !ProjectStore.isProject(data)) {
            return splits;
        }
        try {
            for (Dataset d : store.open(data).getDatasets()) {
                for (Clip c : d.getClips()) {
                    if (c.getSplit() != null) {
                        splits.put(EvalData.media(data, c).toAbsolutePath().normalize(),
                                c.getSplit().getName());
                    }
                }
            }
        } catch (ProjectStoreException e) {
            throw new CommandException(e.getMessage());
        }
        return splits;
    }
}
