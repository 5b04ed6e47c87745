package io.avlens.cli.internal;

import io.avlens.core.io.FileTrees;
import io.avlens.core.io.IoErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.google.gson.JsonObject;

import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.CommandSpec;
import io.avlens.cli.command.CommandSpec.OptionSpec;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.model.store.ProjectStore;
import io.avlens.models.BuiltinModels;
import io.avlens.models.cavp.SyncMetrics;
import io.avlens.runner.ClipRef;
import io.avlens.runner.ModelRef;
import io.avlens.runner.ModelRunner;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunSettings;
import io.avlens.runner.RunSnapshot;
import io.avlens.runner.RunState;

/**
 * {@code avlens eval --task sync --model ID --data DIR}: a model's audio-visual sync accuracy on clips with known
 * lags, through the inference service and the model family's similarity task, the same path the workbench's runner
 * takes, scored by the same code as the runner's summary. With {@code --write-descriptor} the figures it prints go
 * into a model descriptor's {@code evaluation} block, so a published figure is always the output of this command.
 */
@Component(service = CliCommand.class)
public class EvalCommand implements CliCommand {

    private static final CommandSpec SPEC = new CommandSpec("eval",
            "measure a model on a dataset (sync: lag estimates; localize: dense heatmaps against object masks)",
            """
            Runs the clips of DIR (DIR/media/*.mp4, else DIR/*.mp4; with --split NAME the clips that DIR's
            project.avlens puts in that split, e.g. train, val or test of an AV-Shapes dataset) through the model's
            similarity task and compares each estimated lag (argmax over lags within +-SECONDS of the mean
            similarity along the diagonal band) with the lagSeconds of the clip's sidecar (clip.json beside
            clip.mp4). A clip is right when within one video frame of the truth. Prints {"task", "model", "data",
            "split", "maxLagSeconds", "clips", "clipsWithKnownLag", "n", "withinOneFrame",
            "accuracyWithinOneFrame", "maeN", "maeSeconds", "visibleSoundingEvent": {the same over the clips
            showing a hit or scratch}, "lagOutOfRange": {"n", "clips"}, "failed": [{"clip", "message"}],
            "perClip": [...], "meanConfidence", "seconds", "clipsPerSecond"}. Every figure states its n: a clip
            that fails counts as a miss (in n, listed under "failed"), a clip whose true lag is beyond +-SECONDS is
            counted under "lagOutOfRange" and not scored. ID is a model in the models folder (built-in models are
            installed there first) or a descriptor file. The clips run as a one-off similarity experiment through
            the model runner (its cache makes a repeated eval instant: "cachedClips"); with --out the run is kept
            in OUT/runs/<run-id>/. --write-descriptor FILE replaces FILE's "evaluation" block (atomically) with
            these figures, the data, split, command and date.
            --task localize runs the model's heatmap task (a DenseAV-style model's dense features) instead and
            scores, on AV-Shapes clips (sidecar events and words, clip.masks.npy), how well each head, the heads'
            maximum and two baselines (a uniform heatmap, the motion energy around the prompt's frame) localise the
            object a sound event or a spoken word is about, as DenseAV's eval_utils.py does (see "method" for where
            it differs): {"heads", "sound": {"heads": [{"head", "ap", "iou", "instants", "classes", "perClass"}],
            "aggregate", "uniform", "motionEnergy"}, "word": {...}, "selectivity": [{"head", "activationSound",
            "activationWord", "nSound", "nWord", "soundSelectivity", "wordSelectivity", "prefers"}],
            "skippedPrompts", "failed", "method"}; a table of the same goes to stderr.
            --task retrieval and --task discovery embed the clips as `avlens embed` does (see its help) and print
            {"n", "directions": [{"direction", "relevance", "n", "recallAt1", "recallAt5", "recallAt10",
            "medianRank", "mAP", "chance": {...}}]} or {"n", "positives", "positiveShare", "rankedBy", "ap",
            "pairs", "agreement": {"temperature", "ap", "pairs"}} (soundingAction ranked by the cosine consensus;
            without a text modality by the one pair's similarity; "agreement": ranked by how well each clip's
            modalities pick each other out of the clips, the smallest over all pairs, and each pair alone).
            --task generation judges sound for AV-Shapes clips (issue #18; see README, Diff-Foley-small): --model
            real scores the clips' real audio (the ceiling), --samples DIR the generated-sample records under DIR,
            else the model's generate task runs for the clips; {"rows": [{"sound", "n", "alignAcc", "onsetAcc",
            "detectionAcc", "onsetAP", "onsetRecallByKind": {"hit/floor": {"targets", "found", "recall"}, ...},
            "syncMeanAbsSeconds", "syncWithinOneFrame", "materialAcc", "fad", ...}]}.
            """,
            RunnerOptions.with(List.of(
                    OptionSpec.required("task", "NAME",
                            "what to measure: sync, localize, retrieval, discovery or generation"),
                    OptionSpec.required("model", "ID", "a model id (see `avlens models`) or a descriptor .json"),
                    OptionSpec.required("data", "DIR", "the dataset folder"),
                    OptionSpec.optional("split", "NAME", "only the clips of this split of DIR's project (train, val,"
                            + " test)"),
                    OptionSpec.optional("max-lag", "SECONDS", "largest lag searched (default 1.0, at most 3600)"),
                    OptionSpec.optional("out", "DIR", "keep the run (run.json, per-clip artifacts) here"),
                    OptionSpec.optional(RetrievalRecord.OPTION, "PROJECT", "record the figures as a Run of PROJECT"
                            + " (experiment retrieval-<model>; --task retrieval)"),
                    OptionSpec.optional("samples", "DIR", "generation: score the generated samples under DIR"),
                    OptionSpec.optional("omega", "W", "generation: classifier-free guidance scale (default 4.5)"),
                    OptionSpec.optional("gamma", "G", "generation: classifier guidance scale (default 50)"),
                    OptionSpec.optional("steps", "N", "generation: sampler steps (default 25)"),
                    OptionSpec.optional("sampler", "S", "generation: dpm (default) or ddim"),
                    OptionSpec.optional("seed", "S", "generation: seed of the noise (default 21)"),
                    OptionSpec.optional("write-descriptor", "FILE", "write the figures into this model descriptor's"
                            + " evaluation block"))),
            List.of());

    @Reference
    private ModelRunner runner;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BuiltinModels builtin;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProjectStore store;

    /** For DS. */
    public EvalCommand() {
    }

    /** With given services (tests). */
    EvalCommand(ModelRunner runner, BuiltinModels builtin) {
        this(runner, builtin, null);
    }

    /** With given services, a project store among them (tests). */
    EvalCommand(ModelRunner runner, BuiltinModels builtin, ProjectStore store) {
        this.runner = runner;
        this.builtin = builtin;
        this.store = store;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        String task = arguments.required("task");
        if (task.equals(GenerationEval.TASK)) {
            return new GenerationEval(runner, builtin, store).run(arguments, context);
        }
        if (EmbeddingEval.handles(task)) {
            return new EmbeddingEval(runner, builtin, store).run(task, arguments, context);
        }
        if (!task.equals("sync") && !task.equals("localize")) {
            throw new CommandException("eval: unknown task '" + task + "'; known: sync, localize, retrieval, discovery,"
                    + " generation");
        }
        boolean localize = task.equals("localize");
        double maxLag = SimilarityCommand.maxLag(arguments);
        Path dataDir = context.resolve(arguments.required("data"));
        String descriptorArg = arguments.value("write-descriptor", null);
        Path descriptorOut = descriptorArg == null ? null : context.resolve(descriptorArg);
        if (descriptorOut != null && !Files.isRegularFile(descriptorOut)) {
            throw new CommandException(descriptorOut + ": no such descriptor file");
        }
        EvalData data = EvalData.select(dataDir, arguments.value("split", null), store);
        RunSettings settings = RunnerOptions.settings("eval", arguments, context);
        ModelFolders.installBuiltins(settings.modelsFolder(), builtin, context);
        ModelRef model = ModelTasks.find(arguments.required("model"), settings.modelsFolder(), context).ref();
        if (descriptorOut != null) {
            DescriptorEvaluation.check(descriptorOut, model); // refused now, not after the whole evaluation
        }
        String outArg = arguments.value("out", null);
        Path keep = outArg == null ? null : context.resolve(outArg);
        if (keep != null && Files.exists(keep) && !Files.isDirectory(keep)) {
            throw new CommandException(keep + ": is a file; --out names the folder to keep the run in");
        }
        List<ClipRef> refs = new ArrayList<>();
        for (Path clip : data.clips()) {
            refs.add(new ClipRef(ModelTasks.clipId(clip), clip));
        }
        Path folder;
        try {
            folder = keep == null ? Files.createTempDirectory("avlens-eval") : Files.createDirectories(keep);
        } catch (IOException e) {
            throw new CommandException((keep == null ? "eval: cannot create a temporary folder: "
                    : keep + ": cannot write: ") + IoErrors.describe(e));
        }
        StderrProgress bar = new StderrProgress(context.err(), "eval");
        // Ctrl-C cancels the run after its current clip; the temporary folder goes with it
        return context.interruption().cancels(bar, () -> {
            try {
                // the clips of DIR as a one-off similarity experiment, run like any other (same task, cache, rule)
                RunSnapshot snapshot = new RunSnapshot(folder, "eval-" + task, localize ? "heatmap" : "similarity",
                        List.of(model), refs, localize ? Map.of() : Map.of("maxLagSeconds", maxLag), 0, List.of());
                RunOutcome outcome = runner.run(snapshot, settings, bar);
                bar.done();
                if (outcome.state() == RunState.CANCELLED) {
                    throw new CommandException(cancelled("eval", settings) + (keep == null ? ""
                            : "; the run is recorded as cancelled in " + outcome.runFolder()),
                            CommandException.INTERNAL, null);
                }
                if (outcome.clips().stream().noneMatch(c -> c.state() == RunState.SUCCEEDED)
                        && outcome.state() != RunState.SUCCEEDED) {
                    throw new CommandException("eval: " + outcome.message());
                }
                if (localize) {
                    return localize(arguments, context, outcome, data, model, dataDir, descriptorOut, keep, bar);
                }
                SyncMetrics m = EvalReport.score(outcome);
                double seconds = outcome.seconds();
                JsonObject json = new JsonObject();
                json.addProperty("task", task);
                json.addProperty("model", model.id());
                json.addProperty("descriptor", model.descriptorFile().toString());
                json.addProperty("data", dataDir.toString());
                json.addProperty("split", data.split() == null ? "all" : data.split());
                json.addProperty("maxLagSeconds", maxLag);
                EvalReport.addFigures(json, m);
                json.add("failed", EvalReport.failures(outcome));
                json.addProperty("meanConfidence", ModelTasks.number(outcome.metrics().getOrDefault("meanConfidence",
                        Double.NaN)));
                json.addProperty("cachedClips", outcome.metrics().getOrDefault("cachedClips", 0.0).intValue());
                json.addProperty("device", outcome.device());
                json.addProperty("seconds", Math.round(seconds * 1000) / 1000.0);
                json.addProperty("clipsPerSecond", Math.round(data.clips().size() / seconds * 100) / 100.0);
                if (keep != null) {
                    json.addProperty("runFolder", outcome.runFolder().toString());
                }
                if (descriptorOut != null) {
                    DescriptorEvaluation.write(descriptorOut, evaluation(arguments, data, model, maxLag, m), model);
                    json.addProperty("descriptorWritten", descriptorOut.toString());
                }
                json.add("perClip", EvalReport.perClip(outcome));
                context.printJson(json);
                context.err().println(String.format(Locale.ROOT, "eval: %d/%d clips within one frame (%d failed, %d"
                        + " with a lag beyond %.3f s not scored), MAE %.3f s over %d, %.1f s", m.all().withinOneFrame(),
                        m.all().n(), m.failed().size(), m.lagOutOfRange().size(), maxLag, m.all().maeSeconds(),
                        m.all().maeN(), seconds));
                return 0;
            } finally {
                if (keep == null) {
                    FileTrees.deleteQuietly(folder);
                }
            }
        });
    }

    /** What a command cancelled by Ctrl-C says: what it keeps. */
    static String cancelled(String command, RunSettings settings) {
        return command + ": cancelled" + (settings.cacheFolder() == null ? ""
                : "; the clips computed so far are cached, the same command resumes from them");
    }

    private static int localize(ParsedArguments arguments, CommandContext context, RunOutcome outcome, EvalData data,
            ModelRef model, Path dataDir, Path descriptorOut, Path keep, IProgressMonitor cancel)
            throws CommandException {
        JsonObject json = new JsonObject();
        json.addProperty("task", "localize");
        json.addProperty("model", model.id());
        json.addProperty("descriptor", model.descriptorFile().toString());
        json.addProperty("data", dataDir.toString());
        json.addProperty("split", data.split() == null ? "all" : data.split());
        json.addProperty("clips", data.clips().size());
        JsonObject figures = LocalizeEval.score(outcome, context, cancel);
        figures.entrySet().forEach(e -> json.add(e.getKey(), e.getValue()));
        json.addProperty("cachedClips", outcome.metrics().getOrDefault("cachedClips", 0.0).intValue());
        json.addProperty("device", outcome.device());
        json.addProperty("seconds", Math.round(outcome.seconds() * 1000) / 1000.0);
        if (keep != null) {
            json.addProperty("runFolder", outcome.runFolder().toString());
        }
        if (descriptorOut != null) {
            StringBuilder command = new StringBuilder("avlens eval --task localize --model ")
                    .append(arguments.required("model")).append(" --data ").append(arguments.required("data"));
            if (data.split() != null) {
                command.append(" --split ").append(data.split());
            }
            DescriptorEvaluation.write(descriptorOut, LocalizeEval.evaluation(command.toString(), data, model,
                    figures), model);
            json.addProperty("descriptorWritten", descriptorOut.toString());
        }
        context.printJson(json);
        context.err().println(LocalizeEval.line(json, outcome.seconds()));
        return 0;
    }

    /** The descriptor's evaluation block: the figures as printed, and what they were measured on, how and when. */
    private static JsonObject evaluation(ParsedArguments arguments, EvalData data, ModelRef model, double maxLag,
            SyncMetrics m) {
        JsonObject e = new JsonObject();
        e.addProperty("task", "sync");
        StringBuilder command = new StringBuilder("avlens eval --task sync --model ")
                .append(arguments.required("model")).append(" --data ").append(arguments.required("data"));
        if (data.split() != null) {
            command.append(" --split ").append(data.split());
        }
        command.append(" --max-lag ").append(maxLag);
        e.addProperty("command", command.toString());
        e.addProperty("data", data.description() == null ? data.folder().toString() : data.description());
        e.addProperty("split", data.split() == null ? "all" : data.split());
        e.addProperty("estimator", "io.avlens.analysis SyncOffsetEstimator, lags within +-" + maxLag + " s");
        e.addProperty("maxLagSeconds", maxLag);
        e.addProperty("weightsSha256", model.descriptor().sha256());
        EvalReport.addFigures(e, m);
        e.addProperty("failed", m.failed().size());
        e.addProperty("date", LocalDate.now(ZoneOffset.UTC).toString());
        return e;
    }
}
