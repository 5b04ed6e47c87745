package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import io.avlens.core.io.AtomicFiles;
import io.avlens.inference.InferenceService;
import io.avlens.inference.LoadedModel;
import io.avlens.models.BuiltinModels;
import io.avlens.runner.task.ClipInput;
import io.avlens.runner.task.ClipResult;
import io.avlens.runner.task.ClipTask;
import io.avlens.runner.task.TaskArtifact;
import io.avlens.runner.task.TaskException;

/** {@code avlens similarity --model ID --clip FILE}: a clip's audio-visual similarity volume and lag estimate. */
@Component(service = CliCommand.class)
public class SimilarityCommand implements CliCommand {

    private static final CommandSpec SPEC = new CommandSpec("similarity",
            "a clip's audio x video similarity volume and sync estimate",
            """
            Runs the model's similarity task on FILE (decoded at the model's profile) and prints {"model", "clip",
            "lagSeconds", "confidence", "steps", "shape": [Ta, Tv], "out"}: lagSeconds > 0 means the sound comes
            later than the picture, confidence is the softmax weight of the chosen lag. With --out the volume
            (float32 [audio steps, video steps], rows audio time) is written there as .npy, atomically. A missing
            or unreadable clip: exit 2 naming the file.
            """,
            List.of(OptionSpec.required("model", "ID", "a model id (see `avlens models`) or a descriptor .json"),
                    OptionSpec.required("clip", "FILE", "the video with sound"),
                    OptionSpec.optional("out", "FILE", "write the volume here (.npy)"),
                    OptionSpec.optional("max-lag", "SECONDS", "largest lag searched (default 1.0)"),
                    OptionSpec.optional("models", "DIR", "the models folder (default $AVLENS_DATA/models)")),
            List.of());

    private final List<ClipTask> tasks = new CopyOnWriteArrayList<>();
    private volatile InferenceService inference;
    private volatile BuiltinModels builtin;

    /** For DS. */
    public SimilarityCommand() {
    }

    /** With given services (tests). */
    SimilarityCommand(InferenceService inference, BuiltinModels builtin, List<ClipTask> tasks) {
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

    /** {@code --max-lag}: a positive number of seconds, 1.0 when absent. */
    static double maxLag(ParsedArguments arguments, String command) throws CommandException {
        String v = arguments.value("max-lag", null);
        if (v == null) {
            return 1.0;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (!(d > 0) || !Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new CommandException(command + ": --max-lag needs a positive number of seconds, got '" + v + "'");
        }
    }

    @Override
    public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        Path clip = context.resolve(arguments.required("clip"));
        if (!Files.isRegularFile(clip)) {
            throw new CommandException(clip + ": no such file");
        }
        double maxLag = maxLag(arguments, "similarity");
        String outArg = arguments.value("out", null);
        Path target = outArg == null ? null : context.resolve(outArg);
        if (target != null && Files.isDirectory(target)) {
            throw new CommandException(target + ": is a folder; --out names the .npy file to write");
        }
        Path folder = ModelFolders.folder(arguments, context);
        ModelFolders.installBuiltins(folder, builtin, context);
        ModelTasks.Found found = ModelTasks.find(arguments.required("model"), folder, context);
        ClipTask task = ModelTasks.task(tasks, "similarity", found.descriptor());
        Path work = null;
        try (LoadedModel model = ModelTasks.load(inference, found)) {
            work = Files.createTempDirectory("avlens-similarity");
            ClipResult r = task.run(new ClipInput(ModelTasks.clipId(clip), clip, model, found.descriptor(),
                    Map.of("maxLagSeconds", maxLag), 0, work), new NullProgressMonitor());
            TaskArtifact volume = r.artifacts().stream().filter(a -> a.kind().equals("similarityVolume"))
                    .findFirst().orElseThrow(() -> new CommandException("the " + task.kind() + " task of "
                            + found.descriptor().family() + " wrote no similarity volume", CommandException.INTERNAL,
                            null));
            if (target != null) {
                Path written = work.resolve(volume.file());
                try {
                    AtomicFiles.write(target, out -> Files.copy(written, out));
                } catch (IOException e) {
                    throw new CommandException(target + ": cannot write the volume: " + e.getMessage());
                }
            }
            JsonObject json = new JsonObject();
            json.addProperty("model", found.descriptor().id());
            json.addProperty("clip", clip.toString());
            json.addProperty("lagSeconds", ModelTasks.number(r.metrics().get("lagSeconds")));
            json.addProperty("confidence", ModelTasks.number(r.metrics().get("confidence")));
            json.addProperty("steps", r.metrics().get("steps").intValue());
            JsonArray shape = new JsonArray();
            for (int d : volume.shape()) {
                shape.add(d);
            }
            json.add("shape", shape);
            if (target != null) {
                json.addProperty("out", target.toString());
            }
            context.printJson(json);
            return 0;
        } catch (TaskException e) {
            throw new CommandException(e.getMessage());
        } catch (IOException e) {
            throw new CommandException("similarity: cannot create a temporary folder: " + e.getMessage());
        } finally {
            ModelTasks.deleteQuietly(work);
        }
    }
}
