package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.SubMonitor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.analysis.dense.DenseFeatureFiles;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.CommandSpec;
import io.avlens.cli.command.CommandSpec.OptionSpec;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.core.io.FileTrees;
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

/**
 * {@code avlens heatmap --model ID --clip FILE --out V.npy}: a clip's DenseAV volume {@code [frames, heads, h, w,
 * t_audio]} through the model's heatmap task, written slice by slice, with per-head summaries.
 */
@Component(service = CliCommand.class)
public class HeatmapCommand implements CliCommand {

    private static final CommandSpec SPEC = new CommandSpec("heatmap",
            "a clip's multi-head dense audio-visual heatmap volume (DenseAV)",
            """
            Runs the model's heatmap task on FILE through the model runner (a clip computed before comes from the
            cache) and writes the official DenseAV volume, float32 [frames, heads, h, w, t_audio] (per head the
            frequency-averaged similarity of every frame's feature map with every audio step), to V.npy
            atomically, one frame at a time, so a long clip is never held whole in memory. Prints {"model", "clip",
            "heads", "shape", "frameRate", "frameStart", "audioRate", "audioStart", "perHead": [{"head", "min",
            "max", "mean", "peakFrame", "peakFrameSeconds", "peakStep", "peakAudioSeconds"}], "out", "video",
            "cached"}: rates in steps per second, starts in seconds of media time. --video OUT.mp4 also writes the
            clip with the heads' maximum over it (inferno with alpha rising from 0 to 1, min-max over the whole
            clip, each frame with the audio step the official demo shows with it) and the clip's sound. A missing
            or unreadable clip, or an output that is a folder: exit 2 naming the file.
            """,
            RunnerOptions.with(List.of(
                    OptionSpec.required("model", "ID", "a model id (see `avlens models`) or a descriptor .json"),
                    OptionSpec.required("clip", "FILE", "the video with sound"),
                    OptionSpec.required("out", "FILE", "write the volume here (.npy)"),
                    OptionSpec.optional("video", "FILE", "also write the overlaid clip with its sound (.mp4)"))),
            List.of());

    @Reference
    private ModelRunner runner;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BuiltinModels builtin;

    /** For DS. */
    public HeatmapCommand() {
    }

    /** With given services (tests). */
    HeatmapCommand(ModelRunner runner, BuiltinModels builtin) {
        this.runner = runner;
        this.builtin = builtin;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        Path clip = context.resolve(arguments.required("clip"));
        try {
            MediaProbe.checkFile(clip);
        } catch (MediaException e) {
            throw new CommandException(e.getMessage());
        }
        Path target = OutputPaths.file(context, "out", arguments.required("out"), "the .npy file", clip);
        String videoArg = arguments.value("video", null);
        Path video = videoArg == null ? null
                : OutputPaths.file(context, "video", videoArg, "the .mp4 file", clip, target);
        RunSettings settings = RunnerOptions.settings("heatmap", arguments, context);
        ModelFolders.installBuiltins(settings.modelsFolder(), builtin, context);
        ModelRef model = ModelTasks.find(arguments.required("model"), settings.modelsFolder(), context).ref();
        StderrProgress bar = new StderrProgress(context.err(), "heatmap");
        // Ctrl-C stops the model after its current frames, or the video after its current frame; nothing is left
        return context.interruption().cancels(bar, () -> volume(context, clip, target, video, settings, model, bar));
    }

    private int volume(CommandContext context, Path clip, Path target, Path video, RunSettings settings,
            ModelRef model, StderrProgress bar) throws CommandException {
        SubMonitor progress = SubMonitor.convert(bar, video == null ? 1 : 2); // the model, then the video
        ClipOutcome outcome = runner.runClip(new ClipRequest("heatmap", model,
                new ClipRef(ModelTasks.clipId(clip), clip), Map.of(), 0), settings, progress.newChild(1));
        try {
            if (outcome.state() == RunState.CANCELLED || bar.isCanceled()) {
                throw new CommandException("heatmap: cancelled; nothing was written", CommandException.INTERNAL,
                        null);
            }
            if (outcome.state() != RunState.SUCCEEDED) {
                throw new CommandException(outcome.message() != null ? outcome.message()
                        : clip + ": " + outcome.state().literal());
            }
            DenseFeatures features;
            try {
                features = DenseFeatureFiles.read(outcome.folder());
            } catch (IOException e) {
                throw new CommandException("the heatmap task of " + model.family() + " wrote no readable dense"
                        + " features: " + e.getMessage(), CommandException.INTERNAL, e);
            }
            boolean replacing = Files.exists(target);
            try {
                Files.createDirectories(target.toAbsolutePath().getParent());
                if (video != null) {
                    Files.createDirectories(video.toAbsolutePath().getParent());
                }
                DenseFeatureFiles.writeVolume(target, features);
            } catch (IOException e) {
                throw new CommandException(target + ": cannot write the volume: " + IoErrors.describe(e));
            }
            if (video != null) {
                try {
                    HeatmapVideo.write(clip, features, video, progress.newChild(1));
                } catch (CommandException | RuntimeException e) {
                    if (!replacing) { // the command failed: the volume it has just made goes too
                        FileTrees.deleteQuietly(target);
                    }
                    throw e;
                }
            }
            JsonObject json = new JsonObject();
            json.addProperty("model", model.id());
            json.addProperty("clip", clip.toString());
            json.addProperty("heads", features.heads());
            JsonArray shape = new JsonArray();
            for (int d : new int[] {features.frames(), features.heads(), features.height(), features.width(),
                    features.steps()}) {
                shape.add(d);
            }
            json.add("shape", shape);
            json.addProperty("frameRate", ModelTasks.number(1 / features.frameTime().step()));
            json.addProperty("frameStart", ModelTasks.number(features.frameTime().start()));
            json.addProperty("audioRate", ModelTasks.number(1 / features.audioTime().step()));
            json.addProperty("audioStart", ModelTasks.number(features.audioTime().start()));
            json.add("perHead", HeadSummaries.of(features));
            json.addProperty("out", target.toString());
            if (video != null) {
                json.addProperty("video", video.toString());
            }
            json.addProperty("cached", outcome.cached());
            bar.done();
            context.printJson(json);
            return 0;
        } finally {
            if (settings.cacheFolder() == null) {
                FileTrees.deleteQuietly(outcome.folder());
            }
        }
    }
}
