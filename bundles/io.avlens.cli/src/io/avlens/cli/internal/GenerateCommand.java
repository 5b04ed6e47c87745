package io.avlens.cli.internal;

import io.avlens.core.io.FileTrees;
import io.avlens.core.io.IoErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.GuidanceSettings;
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
 * {@code avlens generate --model ID --clip FILE [--omega W] [--gamma G] [--steps N] [--sampler dpm|ddim] [--seed S]
 * [--samples K] --out DIR}: sound for a clip's video from any family with a {@value #KIND} task, run through the
 * model runner as a one-off experiment (same task, cache and device rule as a generation run in the workbench), and
 * the samples' files ({@link GeneratedSample}: WAV, mel, muxed video, JSON record) copied into {@code DIR}.
 */
@Component(service = CliCommand.class)
public class GenerateCommand implements CliCommand {

    /** The experiment kind of generation tasks. */
    static final String KIND = "generate";

    private static final GuidanceSettings D = GuidanceSettings.DEFAULT;

    private static final CommandSpec SPEC = new CommandSpec("generate",
            "generate sound for a clip's video (e.g. Diff-Foley-small with double guidance)",
            """
            Runs the model's generate task on FILE through the model runner (a repeat with the same settings comes
            from the cache) and writes into DIR (new or empty), per sample k = 0 .. K-1 with seed S + k: STEM.wav
            (16 kHz mono), STEM.mel.npy (the generated log-mel), STEM.mp4 (FILE's video with that soundtrack) and
            STEM.json (settings and the metrics that need no ground truth, e.g. syncOffset, classifierScore; written
            last), STEM = the settings, e.g. w4.5-g50-dpm25-s21. Guidance (methods.md
            §4): eps = eps(none) + omega (eps(video) - eps(none)) - gamma sqrt(1 - alphabar_t) grad log P(aligned).
            Prints {"model", "clip", "out", "samples": [{"stem", "wav", "mel", "video", "settings", "metrics"}],
            "cached", "seconds"}.
            """,
            RunnerOptions.with(List.of(
                    OptionSpec.required("model", "ID", "a model id (see `avlens models`) or a descriptor .json"),
                    OptionSpec.required("clip", "FILE", "the video to generate sound for"),
                    OptionSpec.optional("omega", "W", "classifier-free guidance scale (default " + D.omega() + ")"),
                    OptionSpec.optional("gamma", "G", "classifier guidance scale (default " + D.gamma() + ")"),
                    OptionSpec.optional("steps", "N", "sampler steps (default " + D.steps() + ")"),
                    OptionSpec.optional("sampler", "S", "dpm (DPM-Solver++(2M), default) or ddim"),
                    OptionSpec.optional("seed", "S", "seed of the first sample's noise (default " + D.seed() + ")"),
                    OptionSpec.optional("samples", "K", "samples, seeds S .. S+K-1 (default 1)"),
                    OptionSpec.required("out", "DIR", "the folder for the samples (new or empty)"))),
            List.of());

    @Reference
    private ModelRunner runner;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BuiltinModels builtin;

    /** For DS. */
    public GenerateCommand() {
    }

    /** With given services (tests). */
    GenerateCommand(ModelRunner runner, BuiltinModels builtin) {
        this.runner = runner;
        this.builtin = builtin;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        Path clip = context.resolve(arguments.required("clip")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(clip)) {
            throw new CommandException(clip + ": " + (Files.isDirectory(clip)
                    ? "is a folder; --clip names one video file" : "no such video file"));
        }
        Path out = context.resolve(arguments.required("out"));
        checkTarget(out);
        GuidanceSettings settings = settings(arguments);
        int samples = arguments.intValue("samples", 1, 1, 64);
        RunSettings runSettings = RunnerOptions.settings("generate", arguments, context);
        ModelFolders.installBuiltins(runSettings.modelsFolder(), builtin, context);
        ModelRef model = ModelTasks.find(arguments.required("model"), runSettings.modelsFolder(), context).ref();
        Map<String, Object> parameters = parameters(settings, samples);
        StderrProgress bar = new StderrProgress(context.err(), "generate");
        Path scratch;
        try {
            scratch = Files.createTempDirectory("avlens-generate");
        } catch (IOException e) {
            throw new CommandException("generate: cannot create a temporary folder: " + e.getMessage(),
                    CommandException.INTERNAL, e);
        }
        try {
            RunSnapshot snapshot = new RunSnapshot(scratch, "generate", KIND, List.of(model),
                    List.of(new ClipRef(ModelTasks.clipId(clip), clip)), parameters, settings.seed(), List.of());
            RunOutcome outcome = context.interruption().cancels(bar, () -> runner.run(snapshot, runSettings, bar));
            bar.done();
            if (outcome.state() == RunState.CANCELLED) {
                throw new CommandException("generate: cancelled; nothing was written to " + out,
                        CommandException.INTERNAL, null);
            }
            ClipOutcome result = outcome.clips().isEmpty() ? null : outcome.clips().get(0);
            if (result == null || result.state() != RunState.SUCCEEDED || result.folder() == null) {
                String why = result != null && result.message() != null ? result.message() : outcome.message();
                throw new CommandException("generate: " + why);
            }
            List<GeneratedSample> written = copySamples(result.folder(), out);
            if (written.isEmpty()) {
                throw new CommandException("generate: model " + model.descriptor().id() + " wrote no sample for "
                        + clip, CommandException.INTERNAL, null);
            }
            context.printJson(report(model, clip, out, written, result));
            context.err().println(String.format(Locale.ROOT, "generate: %d sample(s) of %s into %s%s",
                    written.size(), clip.getFileName(), out, result.cached() ? " (from the cache)" : ""));
            return 0;
        } finally {
            FileTrees.deleteQuietly(scratch);
        }
    }

    /** The parameters of a {@value #KIND} experiment for {@code samples} samples with these settings. */
    static Map<String, Object> parameters(GuidanceSettings settings, int samples) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("omega", settings.omega());
        parameters.put("gamma", settings.gamma());
        parameters.put("steps", (long) settings.steps());
        parameters.put("sampler", settings.sampler());
        parameters.put("samples", (long) samples);
        return parameters;
    }

    /** The settings the options ask for; each bad value names its option. */
    static GuidanceSettings settings(ParsedArguments arguments) throws CommandException {
        double omega = number(arguments, "omega", D.omega());
        double gamma = number(arguments, "gamma", D.gamma());
        int steps = arguments.intValue("steps", D.steps(), 1, 1000);
        String sampler = arguments.value("sampler", D.sampler()).toLowerCase(Locale.ROOT);
        long seed;
        try {
            seed = Long.parseLong(arguments.value("seed", Long.toString(D.seed())).trim());
        } catch (NumberFormatException e) {
            throw new CommandException("generate: --seed must be a whole number, not '" + arguments.value("seed", "")
                    + "'");
        }
        try {
            return new GuidanceSettings(omega, gamma, steps, sampler, seed);
        } catch (IllegalArgumentException e) {
            throw new CommandException("generate: " + e.getMessage());
        }
    }

    private static double number(ParsedArguments arguments, String option, double fallback) throws CommandException {
        String text = arguments.value(option, null);
        if (text == null) {
            return fallback;
        }
        try {
            double v = Double.parseDouble(text.trim());
            if (!Double.isFinite(v) || v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CommandException("generate: --" + option + " must be a number ≥ 0, not '" + text + "'");
        }
    }

    /** {@code out} must be new or an empty folder: samples are never mixed with other files or overwritten. */
    static void checkTarget(Path out) throws CommandException {
        OutputPaths.checkWritableUnder(out, out); // refused now, not after the generation
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) {
                throw new CommandException("generate: " + out + " is a file, not a folder for the samples");
            }
            try (var s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new CommandException("generate: " + out + " is not empty; give a new or empty folder");
                }
            } catch (IOException e) {
                throw new CommandException("generate: cannot list " + out + ": " + e.getMessage());
            }
        }
    }

    /**
     * Copies each sample of the run's clip folder into {@code out}: its media files first, its record last, so an
     * interrupted copy leaves no record without its files.
     */
    static List<GeneratedSample> copySamples(Path from, Path out) throws CommandException {
        List<GeneratedSample> copied = new ArrayList<>();
        try {
            Files.createDirectories(out);
            for (GeneratedSample s : GeneratedSample.list(from)) {
                List<Path> files = new ArrayList<>(List.of(s.wav(from), s.mel(from)));
                if (s.video()) {
                    files.add(s.mp4(from));
                }
                files.add(s.json(from));
                for (Path f : files) {
                    Path target = out.resolve(f.getFileName().toString());
                    Path part = out.resolve(f.getFileName() + ".part");
                    Files.copy(f, part, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                copied.add(GeneratedSample.read(s.json(out)));
            }
        } catch (IOException e) {
            throw new CommandException("generate: cannot write the samples into " + out + ": "
                    + IoErrors.describe(e), CommandException.BAD_INPUT, e);
        }
        return copied;
    }

    private static JsonObject report(ModelRef model, Path clip, Path out, List<GeneratedSample> samples,
            ClipOutcome result) {
        JsonObject json = new JsonObject();
        json.addProperty("model", model.descriptor().id());
        json.addProperty("clip", clip.toString());
        json.addProperty("out", out.toString());
        JsonArray array = new JsonArray();
        for (GeneratedSample s : samples) {
            JsonObject o = new JsonObject();
            o.addProperty("stem", s.stem());
            o.addProperty("wav", s.wav(out).toString());
            o.addProperty("mel", s.mel(out).toString());
            if (s.video()) {
                o.addProperty("video", s.mp4(out).toString());
            }
            JsonObject st = new JsonObject();
            st.addProperty("omega", s.settings().omega());
            st.addProperty("gamma", s.settings().gamma());
            st.addProperty("steps", s.settings().steps());
            st.addProperty("sampler", s.settings().sampler());
            st.addProperty("seed", s.settings().seed());
            o.add("settings", st);
            JsonObject m = new JsonObject();
            s.metrics().forEach((k, v) -> m.addProperty(k, ModelTasks.number(v)));
            o.add("metrics", m);
            array.add(o);
        }
        json.add("samples", array);
        json.addProperty("cached", result.cached());
        json.addProperty("seconds", Math.round(result.seconds() * 1000) / 1000.0);
        return json;
    }
}
