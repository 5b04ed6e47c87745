package io.avlens.cli.internal;

import io.avlens.core.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.google.gson.JsonObject;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.GuidanceSettings;
import io.avlens.analysis.generation.SweepGrid;
import io.avlens.analysis.generation.SweepManifest;
import io.avlens.analysis.generation.SweepTable;
import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.CommandSpec;
import io.avlens.cli.command.CommandSpec.OptionSpec;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.core.io.AtomicFiles;
import io.avlens.model.store.ProjectStore;
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
 * {@code avlens sweep --model ID (--clip FILE | --data DIR [--split S]) [--omega LIST] [--gamma LIST] [--seeds LIST]
 * [--steps N] [--sampler dpm|ddim] --out DIR}: a guidance grid (ω × γ × seeds) through the model's {@value #KIND}
 * task, as a one-off run (cache, device, cancel as any run); each clip's cells and {@code sweep.json} copied into
 * {@code DIR} (a dataset sweep: {@code DIR/<clip id>/}), {@code DIR/table.csv} ({@link SweepGrid#csv()}) written,
 * and the table ({@link SweepTable}) printed.
 */
@Component(service = CliCommand.class)
public class SweepCommand implements CliCommand {

    /** The experiment kind of sweep tasks. */
    static final String KIND = "sweep";
    /** The metric table's file in {@code --out}. */
    static final String TABLE = "table.csv";

    private static final CommandSpec SPEC = new CommandSpec("sweep",
            "generate a clip's sound over a grid of guidance scales (omega x gamma), the same noise in every cell",
            """
            Runs the model's sweep task (Diff-Foley-small: every cell of the grid in one batch, each seed's cells
            from the same initial noise, so they differ only by guidance) on FILE, or on every clip of DIR (with
            --split, the clips of that split of DIR's project), and writes into OUT (new or empty) each cell as
            STEM.wav, STEM.mel.npy, STEM.mp4 and STEM.json (STEM names omega, gamma, sampler, steps and seed, e.g.
            w4.5-g50-dpm25-s21) with sweep.json (the axes, seeds, model, clip), one folder OUT/<clip> per clip for
            DIR, and OUT/table.csv (one row per sample). Per cell: syncOffset, classifierScore and, for an AV-Shapes
            clip, onsetAcc, onsetDetAcc, onsetAP against its sound events. Prints {"model", "out", "clips",
            "omegas", "gammas", "rows": [{"omega", "gamma", "seed", "clip", "stem", "wav", "mel", "video",
            "metrics"}], "cells": [{"omega", "gamma", "samples", "metrics": {name: {"mean", "sd", "n"}}}],
            "cached", "seconds"}. The grid view (File > Open Sweep...) shows the same table.
            """,
            RunnerOptions.with(List.of(
                    OptionSpec.required("model", "ID", "a model id (see `avlens models`) or a descriptor .json"),
                    OptionSpec.optional("clip", "FILE", "the video to sweep"),
                    OptionSpec.optional("data", "DIR", "sweep every clip of DIR instead (DIR/media/*.mp4)"),
                    OptionSpec.optional("split", "NAME", "with --data: only the clips of this split of DIR's project"),
                    OptionSpec.optional("omega", "LIST", "classifier-free guidance scales (default 1,2.5,4.5,7)"),
                    OptionSpec.optional("gamma", "LIST", "classifier guidance scales (default 0,25,50,100)"),
                    OptionSpec.optional("seeds", "LIST", "seeds of the initial noise (default 21)"),
                    OptionSpec.optional("steps", "N", "sampler steps (default 25)"),
                    OptionSpec.optional("sampler", "S", "dpm (DPM-Solver++(2M), default) or ddim"),
                    OptionSpec.required("out", "DIR", "the folder for the grid (new or empty)"))),
            List.of());

    @Reference
    private ModelRunner runner;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BuiltinModels builtin;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProjectStore store;

    /** For DS. */
    public SweepCommand() {
    }

    /** With given services (tests). */
    SweepCommand(ModelRunner runner, BuiltinModels builtin, ProjectStore store) {
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
        List<Path> clips = clips(arguments, context);
        Path out = context.resolve(arguments.required("out"));
        GenerateCommand.checkTarget(out);
        Map<String, Object> parameters = parameters(arguments);
        long seed = ((List<?>) parameters.get("seeds")).isEmpty() ? GuidanceSettings.DEFAULT.seed()
                : (Long) ((List<?>) parameters.get("seeds")).get(0);
        RunSettings runSettings = RunnerOptions.settings("sweep", arguments, context);
        ModelFolders.installBuiltins(runSettings.modelsFolder(), builtin, context);
        ModelRef model = ModelTasks.find(arguments.required("model"), runSettings.modelsFolder(), context).ref();
        List<ClipRef> refs = clips.stream().map(c -> new ClipRef(ModelTasks.clipId(c), c)).toList();
        StderrProgress bar = new StderrProgress(context.err(), "sweep");
        Path scratch;
        try {
            scratch = Files.createTempDirectory("avlens-sweep");
        } catch (IOException e) {
            throw new CommandException("sweep: cannot create a temporary folder: " + e.getMessage(),
                    CommandException.INTERNAL, e);
        }
        try {
            RunSnapshot snapshot = new RunSnapshot(scratch, "sweep", KIND, List.of(model), refs, parameters, seed,
                    List.of());
            RunOutcome outcome = context.interruption().cancels(bar, () -> runner.run(snapshot, runSettings, bar));
            bar.done();
            if (outcome.state() == RunState.CANCELLED) {
                throw new CommandException("sweep: cancelled; nothing was written to " + out,
                        CommandException.INTERNAL, null);
            }
            for (ClipOutcome result : outcome.clips()) { // every clip first: a failed one writes nothing at all
                if (result.state() != RunState.SUCCEEDED || result.folder() == null) {
                    throw new CommandException("sweep: " + (result.message() != null ? result.message()
                            : outcome.message()) + "; nothing was written to " + out);
                }
            }
            Map<GeneratedSample, Path> folders = new IdentityHashMap<>();
            boolean cached = true;
            double seconds = 0;
            for (ClipOutcome result : outcome.clips()) {
                Path target = arguments.value("data", null) == null ? out : out.resolve(result.clipId());
                for (GeneratedSample s : GenerateCommand.copySamples(result.folder(), target)) {
                    folders.put(s, target);
                }
                copyManifest(result.folder(), target);
                cached &= result.cached();
                seconds += result.seconds();
            }
            if (folders.isEmpty()) {
                throw new CommandException("sweep: model " + model.descriptor().id() + " wrote no cell",
                        CommandException.INTERNAL, null);
            }
            SweepGrid grid = SweepGrid.of(new ArrayList<>(folders.keySet()));
            byte[] csv = grid.csv().getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(out.resolve(TABLE), o -> o.write(csv));
            JsonObject json = new JsonObject();
            json.addProperty("model", model.descriptor().id());
            json.addProperty("out", out.toString());
            json.addProperty("clips", clips.size());
            SweepTable.json(grid, folders::get).entrySet().forEach(e -> json.add(e.getKey(), e.getValue()));
            json.addProperty("cached", cached);
            json.addProperty("seconds", Math.round(seconds * 1000) / 1000.0);
            context.printJson(json);
            context.err().println(String.format(Locale.ROOT, "sweep: %d x %d cells, %d sample(s) of %d clip(s) into"
                    + " %s%s", grid.omegas().size(), grid.gammas().size(), folders.size(), clips.size(), out,
                    cached ? " (from the cache)" : ""));
            return 0;
        } catch (IOException e) {
            throw new CommandException("sweep: cannot write " + out.resolve(TABLE) + ": " + e.getMessage(),
                    CommandException.INTERNAL, e);
        } finally {
            FileTrees.deleteQuietly(scratch);
        }
    }

    private List<Path> clips(ParsedArguments arguments, CommandContext context) throws CommandException {
        String clip = arguments.value("clip", null);
        String data = arguments.value("data", null);
        if ((clip == null) == (data == null)) {
            throw new CommandException("sweep: give either --clip FILE or --data DIR");
        }
        if (clip != null) {
            Path file = context.resolve(clip).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new CommandException(file + ": " + (Files.isDirectory(file)
                        ? "is a folder; --clip names one video file" : "no such video file"));
            }
            return List.of(file);
        }
        return EvalData.select(context.resolve(data), arguments.value("split", null), store).clips().stream()
                .map(p -> p.toAbsolutePath().normalize()).toList();
    }

    /** The task's parameters from the options; each bad value names its option. */
    static Map<String, Object> parameters(ParsedArguments arguments) throws CommandException {
        GuidanceSettings d = GuidanceSettings.DEFAULT;
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("omegas", reals(arguments, "omega", "1,2.5,4.5,7"));
        p.put("gammas", reals(arguments, "gamma", "0,25,50,100"));
        List<Long> seeds = new ArrayList<>();
        String seedText = arguments.value("seeds", Long.toString(d.seed()));
        if (seedText.split(",").length == 0) {
            throw new CommandException("sweep: --seeds needs at least one whole number, not '" + seedText + "'");
        }
        for (String s : seedText.split(",")) {
            try {
                seeds.add(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                throw new CommandException("sweep: --seeds must be whole numbers separated by commas, not '"
                        + arguments.value("seeds", "") + "'");
            }
        }
        p.put("seeds", seeds);
        p.put("steps", (long) arguments.intValue("steps", d.steps(), 1, 1000));
        String sampler = arguments.value("sampler", d.sampler()).toLowerCase(Locale.ROOT);
        if (!sampler.equals(GuidanceSettings.DPM) && !sampler.equals(GuidanceSettings.DDIM)) {
            throw new CommandException("sweep: --sampler must be dpm or ddim, not '" + sampler + "'");
        }
        p.put("sampler", sampler);
        return p;
    }

    private static List<Double> reals(ParsedArguments arguments, String option, String fallback)
            throws CommandException {
        String text = arguments.value(option, fallback);
        List<Double> values = new ArrayList<>();
        if (text.split(",").length == 0) {
            throw new CommandException("sweep: --" + option + " needs at least one number, not '" + text + "'");
        }
        for (String s : text.split(",")) {
            try {
                double v = Double.parseDouble(s.trim());
                if (!Double.isFinite(v) || v < 0) {
                    throw new NumberFormatException();
                }
                if (!values.contains(v)) {
                    values.add(v);
                }
            } catch (NumberFormatException e) {
                throw new CommandException("sweep: --" + option + " must be numbers ≥ 0 separated by commas, not '"
                        + text + "'");
            }
        }
        return values;
    }

    private static void copyManifest(Path from, Path to) throws CommandException {
        try {
            SweepManifest.read(from).write(to);
        } catch (IOException e) {
            throw new CommandException("sweep: " + e.getMessage(), CommandException.INTERNAL, e);
        }
    }
}
