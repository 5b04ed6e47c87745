package io.avlens.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.NullProgressMonitor;
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
import io.avlens.inference.InferenceService;
import io.avlens.inference.LoadedModel;
import io.avlens.models.BuiltinModels;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.ClipTask;
import io.avlens.runner.task.TaskException;

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
            With --out the per-clip artifacts (audio.npy, video.npy, similarity.npy) are kept in OUT/<clip>/.
            """,
            List.of(OptionSpec.required("task", "NAME", "what to measure; sync is the one task so far"),
                    OptionSpec.required("model", "ID", "a model id (see `avlens models`) or a descriptor .json"),
                    OptionSpec.required("data", "DIR", "the dataset folder"),
                    OptionSpec.optional("max-lag", "SECONDS", "largest lag searched (default 1.0)"),
                    OptionSpec.optional("out", "DIR", "keep the per-clip artifacts here"),
                    OptionSpec.optional("models", "DIR", "the models folder (default $AVLENS_DATA/models)")),
            List.of());

    private final List<ClipTask> tasks = new CopyOnWriteArrayList<>();
    private volatile InferenceService inference;
    private volatile BuiltinModels builtin;

    /** For DS. */
    public EvalCommand() {
    }

    /** With given services (tests). */
    EvalCommand(InferenceService inference, BuiltinModels builtin, List<ClipTask> tasks) {
        this.inference = inference;
        this.builtin = builtin;
        this.tasks.addAll(tasks);
    }

    @Reference
    void setInference(InferenceService service) {
        this.inference = service;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setBuiltin(BuiltinModels models) {
        this.builtin = models;
    }

    void unsetBuiltin(BuiltinModels models) {
        if (this.builtin == models) {
            this.builtin = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTask(ClipTask task) {
        tasks.add(task);
    }

    void removeTask(ClipTask task) {
        tasks.remove(task);
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
        Path folder = ModelFolders.folder(arguments, context);
        ModelFolders.installBuiltins(folder, builtin, context);
        ModelTasks.Found found = ModelTasks.find(arguments.required("model"), folder, context);
        ClipTask clipTask = ModelTasks.task(tasks, "similarity", found.descriptor());
        String outArg = arguments.value("out", null);
        Path keep = outArg == null ? null : context.resolve(outArg);
        long t0 = System.nanoTime();
        List<ClipResult> results = new ArrayList<>();
        JsonArray failed = new JsonArray();
        try (LoadedModel model = ModelTasks.load(inference, found)) {
            ProgressBar bar = new ProgressBar(context.err(), clips.size());
            for (Path clip : clips) {
                String id = ModelTasks.clipId(clip);
                Path out = null;
                try {
                    out = keep == null ? Files.createTempDirectory("avlens-eval")
                            : Files.createDirectories(keep.resolve(id));
                    results.add(clipTask.run(new ClipInput(id, clip, model, found.descriptor(),
                            Map.of("maxLagSeconds", maxLag), 0, out), new NullProgressMonitor()));
                } catch (TaskException e) {
                    JsonObject f = new JsonObject();
                    f.addProperty("clip", clip.toString());
                    f.addProperty("message", e.getMessage());
                    failed.add(f);
                } catch (IOException e) {
                    throw new CommandException((keep == null ? "eval: cannot create a temporary folder: "
                            : keep + ": cannot write: ") + e.getMessage());
                } finally {
                    if (keep == null) {
                        ModelTasks.deleteQuietly(out);
                    }
                }
                bar.clipDone();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> s = clipTask.summarize(results);
        int within = (int) results.stream().mapToDouble(r -> r.metrics().getOrDefault("withinOneFrame", 0.0)).sum();
        JsonObject json = new JsonObject();
        json.addProperty("task", task);
        json.addProperty("model", found.descriptor().id());
        json.addProperty("descriptor", found.file().toString());
        json.addProperty("data", data.toString());
        json.addProperty("maxLagSeconds", maxLag);
        json.addProperty("clips", results.size());
        json.addProperty("clipsWithKnownLag", s.getOrDefault("clipsWithKnownLag", 0.0).intValue());
        json.addProperty("withinOneFrame", within);
        json.addProperty("accuracyWithinOneFrame", ModelTasks.number(s.getOrDefault("accuracyWithinOneFrame",
                Double.NaN)));
        json.addProperty("maeSeconds", ModelTasks.number(s.getOrDefault("maeSeconds", Double.NaN)));
        json.addProperty("meanConfidence", ModelTasks.number(s.getOrDefault("meanConfidence", Double.NaN)));
        json.add("failed", failed);
        json.addProperty("seconds", Math.round(seconds * 1000) / 1000.0);
        json.addProperty("clipsPerSecond", Math.round(clips.size() / seconds * 100) / 100.0);
        context.printJson(json);
        context.err().println(String.format(Locale.ROOT, "eval: %d/%d clips within one frame, MAE %.3f s, %.1f s",
                within, s.getOrDefault("clipsWithKnownLag", 0.0).intValue(), s.getOrDefault("maeSeconds", Double.NaN),
                seconds));
        return 0;
    }

    /** A one-line bar on stderr, redrawn when its width changes, ended by a newline. */
    private static final class ProgressBar {
        private static final int WIDTH = 30;
        private final PrintStream err;
        private final int total;
        private int done;
        private int drawn = -1;

        ProgressBar(PrintStream err, int total) {
            this.err = err;
            this.total = total;
        }

        void clipDone() {
            done++;
            int filled = (int) ((long) done * WIDTH / total);
            if (filled != drawn || done == total) {
                drawn = filled;
                err.print("\reval: [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total
                        + " clips");
                if (done == total) {
                    err.println();
                }
                err.flush();
            }
        }
    }
}
