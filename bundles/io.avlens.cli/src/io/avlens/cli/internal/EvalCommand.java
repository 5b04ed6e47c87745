package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.CommandSpec;
import io.avlens.cli.command.CommandSpec.OptionSpec;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.models.BuiltinModels;
import io.avlens.runner.ClipOutcome;
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
 * takes.
 */
@Component(service = CliCommand.class)
public class EvalCommand implements CliCommand {

    private static final CommandSpec SPEC = new CommandSpec("eval",
            "measure a model on a dataset (sync: lag estimates against known lags)",
            """
            Runs every clip of DIR (DIR/media/*.mp4, else DIR/*.mp4) through the model's similarity task and
            compares each estimated lag (argmax over lags within +-SECONDS of the mean similarity along the
            diagonal band) with the lagSeconds of the clip's sidecar (clip.json beside clip.mp4). Prints {"task",
            "model", "data", "maxLagSeconds", "clips", "clipsWithKnownLag", "withinOneFrame",
            "accuracyWithinOneFrame", "maeSeconds", "meanConfidence", "failed": [{"clip", "message"}], "seconds",
            "clipsPerSecond"}; a clip that cannot be read is listed under "failed" and left out of the metrics.
            ID is a model in the models folder (built-in models are installed there first) or a descriptor file.
            The clips run as a one-off similarity experiment through the model runner (its cache makes a repeated
            eval instant: "cachedClips"); with --out the run is kept in OUT/runs/<run-id>/ (run.json and the
            per-clip audio.npy, video.npy, similarity.npy).
            """,
            RunnerOptions.with(List.of(
                    OptionSpec.required("task", "NAME", "what to measure; sync is the one task so far"),
                    OptionSpec.required("model", "ID", "a model id (see `avlens models`) or a descriptor .json"),
                    OptionSpec.required("data", "DIR", "the dataset folder"),
                    OptionSpec.optional("max-lag", "SECONDS", "largest lag searched (default 1.0)"),
                    OptionSpec.optional("out", "DIR", "keep the run (run.json, per-clip artifacts) here"))),
            List.of());

    @Reference
    private ModelRunner runner;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BuiltinModels builtin;

    /** For DS. */
    public EvalCommand() {
    }

    /** With given services (tests). */
    EvalCommand(ModelRunner runner, BuiltinModels builtin) {
        this.runner = runner;
        this.builtin = builtin;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        String task = arguments.required("task");
        if (!task.equals("sync")) {
            throw new CommandException("eval: unknown task '" + task + "'; known: sync");
        }
        double maxLag = SimilarityCommand.maxLag(arguments, "eval");
        Path data = context.resolve(arguments.required("data"));
        List<Path> clips = ModelTasks.clips(data);
        RunSettings settings = RunnerOptions.settings("eval", arguments, context);
        ModelFolders.installBuiltins(settings.modelsFolder(), builtin, context);
        ModelRef model = ModelTasks.find(arguments.required("model"), settings.modelsFolder(), context).ref();
        String outArg = arguments.value("out", null);
        Path keep = outArg == null ? null : context.resolve(outArg);
        List<ClipRef> refs = new ArrayList<>();
        for (Path clip : clips) {
            refs.add(new ClipRef(ModelTasks.clipId(clip), clip));
        }
        Path folder;
        try {
            folder = keep == null ? Files.createTempDirectory("avlens-eval") : Files.createDirectories(keep);
        } catch (IOException e) {
            throw new CommandException((keep == null ? "eval: cannot create a temporary folder: "
                    : keep + ": cannot write: ") + e.getMessage());
        }
        try {
            // the clips of DIR as a one-off similarity experiment, run like any other (same task, cache, rule)
            RunSnapshot snapshot = new RunSnapshot(folder, "eval-" + task, "similarity", List.of(model), refs,
                    Map.of("maxLagSeconds", maxLag), 0, List.of());
            StderrProgress bar = new StderrProgress(context.err(), "eval");
            RunOutcome outcome = runner.run(snapshot, settings, bar);
            bar.done();
            List<ClipOutcome> done = outcome.clips().stream().filter(c -> c.state() == RunState.SUCCEEDED).toList();
            if (done.isEmpty() && outcome.state() != RunState.SUCCEEDED) {
                throw new CommandException("eval: " + outcome.message());
            }
            JsonArray failed = new JsonArray();
            outcome.clips().stream().filter(c -> c.state() == RunState.FAILED).forEach(c -> {
                JsonObject f = new JsonObject();
                f.addProperty("clip", c.media().toString());
                f.addProperty("message", c.message());
                failed.add(f);
            });
            Map<String, Double> m = outcome.metrics();
            int within = (int) done.stream().mapToDouble(c -> c.metrics().getOrDefault("withinOneFrame", 0.0)).sum();
            int known = m.getOrDefault("clipsWithKnownLag", 0.0).intValue();
            double seconds = outcome.seconds();
            JsonObject json = new JsonObject();
            json.addProperty("task", task);
            json.addProperty("model", model.id());
            json.addProperty("descriptor", model.descriptorFile().toString());
            json.addProperty("data", data.toString());
            json.addProperty("maxLagSeconds", maxLag);
            json.addProperty("clips", done.size());
            json.addProperty("clipsWithKnownLag", known);
            json.addProperty("withinOneFrame", within);
            json.addProperty("accuracyWithinOneFrame", ModelTasks.number(m.getOrDefault("accuracyWithinOneFrame",
                    Double.NaN)));
            json.addProperty("maeSeconds", ModelTasks.number(m.getOrDefault("maeSeconds", Double.NaN)));
            json.addProperty("meanConfidence", ModelTasks.number(m.getOrDefault("meanConfidence", Double.NaN)));
            json.add("failed", failed);
            json.addProperty("cachedClips", m.getOrDefault("cachedClips", 0.0).intValue());
            json.addProperty("device", outcome.device());
            json.addProperty("seconds", Math.round(seconds * 1000) / 1000.0);
            json.addProperty("clipsPerSecond", Math.round(clips.size() / seconds * 100) / 100.0);
            if (keep != null) {
                json.addProperty("runFolder", outcome.runFolder().toString());
            }
            context.printJson(json);
            context.err().println(String.format(Locale.ROOT, "eval: %d/%d clips within one frame, MAE %.3f s, %.1f s",
                    within, known, m.getOrDefault("maeSeconds", Double.NaN), seconds));
            return 0;
        } finally {
            if (keep == null) {
                ModelTasks.deleteQuietly(folder);
            }
        }
    }
}
