package io.avlens.cli.internal;

import io.avlens.core.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
import io.avlens.core.io.IoErrors;
import io.avlens.media.MediaException;
import io.avlens.media.MediaProbe;
import io.avlens.models.BuiltinModels;
import io.avlens.runner.ClipOutcome;
import io.avlens.runner.ClipRef;
import io.avlens.runner.ClipRequest;
import io.avlens.runner.ModelRef;
import io.avlens.runner.ModelRunner;
import io.avlens.runner.RunSettings;
import io.avlens.runner.RunState;
import io.avlens.runner.task.TaskArtifact;

/** {@code avlens similarity --model ID --clip FILE}: a clip's audio-visual similarity volume and lag estimate. */
@Component(service = CliCommand.class)
public class SimilarityCommand implements CliCommand {

    private static final CommandSpec SPEC = new CommandSpec("similarity",
            "a clip's audio x video similarity volume and sync estimate",
            """
            Runs the model's similarity task on FILE (decoded at the model's profile) through the model runner, so
            a clip computed before comes from the cache ("cached": true), and prints {"model", "clip",
            "lagSeconds", "confidence", "steps", "shape": [Ta, Tv], "out"}: lagSeconds > 0 means the sound comes
            later than the picture, confidence is the softmax weight of the chosen lag. With --out the volume
            (float32 [audio steps, video steps], rows audio time) is written there as .npy, atomically. A missing
            or unreadable clip: exit 2 naming the file.
            """,
            RunnerOptions.with(List.of(
                    OptionSpec.required("model", "ID", "a model id (see `avlens models`) or a descriptor .json"),
                    OptionSpec.required("clip", "FILE", "the video with sound"),
                    OptionSpec.optional("out", "FILE", "write the volume here (.npy)"),
                    OptionSpec.optional("max-lag", "SECONDS", "largest lag searched (default 1.0, at most 3600)"))),
            List.of());

    @Reference
    private ModelRunner runner;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BuiltinModels builtin;

    /** For DS. */
    public SimilarityCommand() {
    }

    /** With given services (tests). */
    SimilarityCommand(ModelRunner runner, BuiltinModels builtin) {
        this.runner = runner;
        this.builtin = builtin;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    /** The largest {@code --max-lag}, seconds (an hour: beyond any clip's sound and picture being apart). */
    static final double MAX_LAG_LIMIT = 3600;

    /** {@code --max-lag}: a positive number of seconds up to {@link #MAX_LAG_LIMIT}, 1.0 when absent. */
    static double maxLag(ParsedArguments arguments) throws CommandException {
        String v = arguments.value("max-lag", null);
        if (v == null) {
            return 1.0;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (!(d > 0) || !Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            if (d > MAX_LAG_LIMIT) {
                throw new CommandException("--max-lag " + v.strip() + " is longer than any lag worth"
                        + " searching; give at most " + (int) MAX_LAG_LIMIT + " seconds");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new CommandException("--max-lag needs a positive number of seconds, got '" + v + "'");
        }
    }

    @Override
    public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        Path clip = context.resolve(arguments.required("clip"));
        try {
            MediaProbe.checkFile(clip); // a named pipe or a device is named as such, and never opened
        } catch (MediaException e) {
            throw new CommandException(e.getMessage());
        }
        double maxLag = maxLag(arguments);
        String outArg = arguments.value("out", null);
        Path target = outArg == null ? null : OutputPaths.file(context, "out", outArg, "the .npy file", clip);
        RunSettings settings = RunnerOptions.settings("similarity", arguments, context);
        ModelFolders.installBuiltins(settings.modelsFolder(), builtin, context);
        ModelRef model = ModelTasks.find(arguments.required("model"), settings.modelsFolder(), context).ref();
        ClipOutcome outcome = runner.runClip(new ClipRequest("similarity", model,
                new ClipRef(ModelTasks.clipId(clip), clip), Map.of("maxLagSeconds", maxLag), 0), settings,
                new NullProgressMonitor());
        try {
            if (outcome.state() != RunState.SUCCEEDED) {
                throw new CommandException(outcome.message() != null ? outcome.message()
                        : clip + ": " + outcome.state().literal());
            }
            TaskArtifact volume = outcome.artifacts().stream().filter(a -> a.kind().equals("similarityVolume"))
                    .findFirst().orElseThrow(() -> new CommandException("the similarity task of "
                            + model.family() + " wrote no similarity volume", CommandException.INTERNAL, null));
            if (target != null) {
                Path written = outcome.folder().resolve(volume.file());
                try {
                    AtomicFiles.write(target, out -> Files.copy(written, out));
                } catch (IOException e) {
                    throw new CommandException(target + ": cannot write the volume: " + IoErrors.describe(e));
                }
            }
            JsonObject json = new JsonObject();
            json.addProperty("model", model.id());
            json.addProperty("clip", clip.toString());
            json.addProperty("lagSeconds", ModelTasks.number(outcome.metrics().get("lagSeconds")));
            json.addProperty("confidence", ModelTasks.number(outcome.metrics().get("confidence")));
            json.addProperty("steps", outcome.metrics().get("steps").intValue());
            JsonArray shape = new JsonArray();
            for (int d : volume.shape()) {
                shape.add(d);
            }
            json.add("shape", shape);
            if (target != null) {
                json.addProperty("out", target.toString());
            }
            json.addProperty("cached", outcome.cached());
            context.printJson(json);
            return 0;
        } finally {
            if (settings.cacheFolder() == null) {
                FileTrees.deleteQuietly(outcome.folder()); // without a cache the runner worked in a temporary folder
            }
        }
    }
}
