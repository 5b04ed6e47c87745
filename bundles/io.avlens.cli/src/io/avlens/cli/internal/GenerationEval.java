package io.avlens.cli.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.GuidanceSettings;
import io.avlens.analysis.generation.OnsetMetrics;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.core.io.FileTrees;
import io.avlens.core.io.IoErrors;
import io.avlens.model.store.ProjectStore;
import io.avlens.models.BuiltinModels;
import io.avlens.models.difffoley.GenerationEvaluation;
import io.avlens.models.difffoley.GenerationReport;
import io.avlens.models.difffoley.JudgeAccuracy;
import io.avlens.models.difffoley.JudgeClip;
import io.avlens.models.difffoley.SoundScore;
import io.avlens.runner.ClipOutcome;
import io.avlens.runner.ClipRef;
import io.avlens.runner.ModelRef;
import io.avlens.runner.ModelRunner;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunSettings;
import io.avlens.runner.RunSnapshot;
import io.avlens.runner.RunState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code avlens eval --task generation}: issue #18's metrics of generated sound on AV-Shapes clips
 * ({@link GenerationEvaluation}, {@link GenerationReport}). {@code --model real} scores the clips' real audio (the
 * ceiling); {@code --samples DIR} scores the generated-sample records under DIR (of {@code --model}, unless it is
 * {@code real}) whose clip is one of the split's; otherwise the model's {@code generate} task runs for the split's
 * clips through the runner (as any experiment: same cache) and its samples are scored. The real audio's row is
 * always printed beside the samples' rows, as the ceiling; with {@code --model real} two controls follow it (the
 * real sound 0.5 s late, another clip's real sound), and the onset detector's threshold sweep on the real audio.
 */
final class GenerationEval {

    /** The task name. */
    static final String TASK = "generation";
    /** The model id that means the real audio. */
    static final String REAL = "real";
    /** The experiment kind whose task writes generated samples. */
    static final String GENERATE = "generate";

    /** Onset-detector thresholds the real audio's sweep tries (the shipped detector uses 0.05). */
    static final double[] SWEEP_DELTAS = {0.02, 0.035, 0.05, 0.075, 0.1};
    /** Matching tolerances the sweep tries (the metric's is 0.1 s). */
    static final double[] SWEEP_TOLERANCES = {0.05, 0.1};

    private final ModelRunner runner;
    private final BuiltinModels builtin;
    private final ProjectStore store;

    GenerationEval(ModelRunner runner, BuiltinModels builtin, ProjectStore store) {
        this.runner = runner;
        this.builtin = builtin;
        this.store = store;
    }

    int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        Path dataDir = context.resolve(arguments.required("data"));
        EvalData data = EvalData.select(dataDir, arguments.value("split", null), store);
        String model = arguments.required("model");
        String samplesArg = arguments.value("samples", null);
        StderrProgress generating = new StderrProgress(context.err(), "generate");
        StderrProgress scoring = new StderrProgress(context.err(), "eval");
        // Ctrl-C cancels the generation after its current clip, or the scoring after its current sound
        return context.interruption().onInterrupt(() -> {
            generating.setCanceled(true);
            scoring.setCanceled(true);
        }, () -> evaluate(arguments, context, data, model, samplesArg, generating, scoring));
    }

    private int evaluate(ParsedArguments arguments, CommandContext context, EvalData data, String modelArg,
            String samplesArg, StderrProgress generating, StderrProgress scoring) throws CommandException {
        String model = modelArg;
        Map<Path, String> folders = new LinkedHashMap<>(); // sample folder -> clip media it was generated for
        Path scratch = null;
        try {
            if (samplesArg != null) {
                Path dir = context.resolve(samplesArg);
                if (!Files.isDirectory(dir)) {
                    throw new CommandException(dir + ": no such folder of generated samples");
                }
                folders.putAll(sampleFolders(dir));
            } else if (!model.equals(REAL)) {
                scratch = Files.createTempDirectory("avlens-eval-generation");
                RunSettings settings = RunnerOptions.settings("eval", arguments, context);
                ModelFolders.installBuiltins(settings.modelsFolder(), builtin, context);
                ModelRef ref = ModelTasks.find(model, settings.modelsFolder(), context).ref();
                folders.putAll(generate(arguments, data, ref, settings, scratch, generating));
                model = ref.descriptor().id(); // a descriptor path names the model by file, its samples by id
            }
            return score(context, data, model, samplesArg != null || !model.equals(REAL), folders,
                    arguments.flag("no-cache"), scoring);
        } catch (IOException e) {
            throw new CommandException("eval --task generation: " + e.getMessage());
        } finally {
            if (scratch != null) {
                FileTrees.deleteQuietly(scratch);
            }
        }
    }

    private int score(CommandContext context, EvalData data, String model, boolean samples, Map<Path, String> folders,
            boolean noCache, StderrProgress bar) throws IOException, CommandException {
        long t0 = System.nanoTime();
        List<SoundScore> scores = new ArrayList<>();
        Map<String, float[]> real = new LinkedHashMap<>();
        Map<String, Path> byName = new LinkedHashMap<>();
        data.clips().forEach(c -> byName.put(c.getFileName().toString(), c));
        List<Found> found = new ArrayList<>();
        int skipped = 0;
        for (Path folder : folders.keySet()) {
            for (GeneratedSample s : GeneratedSample.list(folder)) {
                Path clip = byName.get(Path.of(s.clip()).getFileName().toString());
                if (clip == null || !model.equals(REAL) && !model.equals(s.model())) {
                    skipped++;
                } else {
                    found.add(new Found(clip, folder, s));
                }
            }
        }
        if (samples && found.isEmpty()) {
            throw new CommandException("eval --task generation: no generated samples of " + model + " for the "
                    + data.clips().size() + " clips of " + data.folder() + (data.split() == null ? "" : " (split "
                    + data.split() + ")") + (skipped > 0 ? "; " + skipped + " samples were for other clips or models"
                    : ""));
        }
        JudgeAccuracy judges = null;
        JsonArray sweep = new JsonArray();
        try (GenerationEvaluation eval = GenerationEvaluation.shipped().decodeCache(!noCache)) {
            int n = data.clips().size();
            // a unit per sound scored: the real clips, the samples, the judges' real pairs, the controls, the sweep
            bar.beginTask("scoring", n + found.size() + (n >= 2 ? n : 0) + (samples ? 0 : 2 * n));
            for (Path clip : data.clips()) {
                SoundScore s = eval.real(List.of(clip), () -> false).get(0);
                real.put(s.clip(), s.embedding());
                scores.add(s);
                advance(bar);
            }
            for (Found f : found) {
                scores.add(eval.sample(f.clip(), f.folder(), f.sample()));
                advance(bar);
            }
            if (n >= 2) {
                bar.subTask("the judges on real pairs");
                List<JudgeClip> clips = new ArrayList<>();
                for (Path clip : data.clips()) {
                    clips.add(eval.realClip(clip));
                    advance(bar);
                }
                judges = JudgeAccuracy.of(eval.judges(), clips, 1);
            }
            if (!samples) {
                bar.subTask("controls");
                for (int i = 0; i < n; i++) {
                    scores.addAll(eval.controls(data.clips(), i));
                    advance(bar);
                }
                bar.subTask("onset detector sweep");
                for (Map<String, Object> r : eval.onsetSweep(data.clips(), SWEEP_DELTAS, SWEEP_TOLERANCES,
                        () -> bar.worked(1))) {
                    OnsetMetrics.Summary on = (OnsetMetrics.Summary) r.get("summary");
                    JsonObject o = new JsonObject();
                    o.addProperty("delta", (Double) r.get("delta"));
                    o.addProperty("tolerance", (Double) r.get("tolerance"));
                    o.addProperty("onsetAcc", ModelTasks.number(on.onsetAccuracy()));
                    o.addProperty("detectionAcc", ModelTasks.number(on.detectionAccuracy()));
                    o.addProperty("onsetAP", ModelTasks.number(on.ap()));
                    o.addProperty("detections", on.detections());
                    sweep.add(o);
                }
            }
        }
        if (bar.isCanceled()) {
            throw new CommandException("eval: cancelled", CommandException.INTERNAL, null);
        }
        bar.done();
        Map<String, JsonObject> rows = GenerationReport.rows(scores, real, 8);
        Map<String, GuidanceSettings> settings = new LinkedHashMap<>();
        found.forEach(f -> settings.put(f.sample().settings().stem(), f.sample().settings()));
        JsonArray steps = GuidanceSteps.of(settings, scores);
        JsonObject json = new JsonObject();
        json.addProperty("task", TASK);
        json.addProperty("model", model);
        json.addProperty("data", data.folder().toString());
        json.addProperty("split", data.split() == null ? "all" : data.split());
        json.addProperty("clips", data.clips().size());
        json.addProperty("judges", "avshapes-judges (shipped, trained on real AV-Shapes audio only)");
        JsonArray table = new JsonArray();
        rows.forEach((group, row) -> {
            JsonObject r = new JsonObject();
            r.addProperty("sound", group);
            row.entrySet().forEach(e -> r.add(e.getKey(), e.getValue()));
            table.add(r);
        });
        json.add("rows", table);
        if (judges != null) {
            JsonObject j = new JsonObject();
            j.addProperty("n", judges.n());
            j.addProperty("alignTrueAcc", ModelTasks.number(judges.trueAcc()));
            j.addProperty("alignShiftedAcc", ModelTasks.number(judges.shiftedAcc()));
            j.addProperty("alignSwappedAcc", ModelTasks.number(judges.swappedAcc()));
            j.addProperty("alignBalancedAcc", ModelTasks.number(judges.balancedAcc()));
            j.addProperty("materialN", judges.materialN());
            j.addProperty("materialAcc", ModelTasks.number(judges.materialAcc()));
            json.add("judgesOnRealPairs", j);
        }
        if (!steps.isEmpty()) {
            json.add("guidanceSteps", steps);
        }
        if (!sweep.isEmpty()) {
            json.add("onsetDetectorSweep", sweep);
        }
        json.addProperty("skippedSamples", skipped);
        json.addProperty("seconds", Math.round((System.nanoTime() - t0) / 1e6) / 1000.0);
        context.printJson(json);
        rows.forEach((group, r) -> {
            context.err().println(String.format(Locale.ROOT,
                    "eval generation: %-24s n %3d  align %s  onset acc %s  AP %s  sync |%s| s  material %s  FAD %s",
                    group, r.get("n").getAsInt(), r.get("alignAcc"), r.get("onsetAcc"), r.get("onsetAP"),
                    r.get("syncMeanAbsSeconds"), r.get("materialAcc"), r.get("fad")));
            if (r.has("onsetRecallByKind")) {
                StringBuilder line = new StringBuilder("                 onsets found:");
                r.getAsJsonObject("onsetRecallByKind").entrySet().forEach(e -> {
                    JsonObject k = e.getValue().getAsJsonObject();
                    line.append(String.format(Locale.ROOT, "  %s %d/%d", e.getKey(), k.get("found").getAsInt(),
                            k.get("targets").getAsInt()));
                });
                context.err().println(line);
            }
        });
        GuidanceSteps.print(steps, context.err());
        return 0;
    }

    /** A sample record to score: the clip it was generated for, its folder, the record. */
    private record Found(Path clip, Path folder, GeneratedSample sample) {
    }

    /** Every folder under {@code dir} (itself included) holding sample records; the clip is read per record. */
    static Map<Path, String> sampleFolders(Path dir) throws IOException {
        Map<Path, String> out = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isDirectory).sorted().toList()) {
                if (!GeneratedSample.list(p).isEmpty()) {
                    out.put(p, "");
                }
            }
        } catch (java.io.UncheckedIOException e) { // a folder inside that cannot be listed
            throw new IOException(IoErrors.describe(e.getCause()), e.getCause());
        }
        return out;
    }

    /** One sound scored; a cancel stops the scoring here. */
    private static void advance(StderrProgress bar) throws CommandException {
        bar.worked(1);
        if (bar.isCanceled()) {
            throw new CommandException("eval: cancelled", CommandException.INTERNAL, null);
        }
    }

    /** Runs the model's {@code generate} task on the clips; the folders its samples are in. */
    private Map<Path, String> generate(ParsedArguments arguments, EvalData data, ModelRef ref, RunSettings settings,
            Path folder, StderrProgress bar) throws CommandException, IOException {
        String model = ref.descriptor().id();
        List<ClipRef> refs = new ArrayList<>();
        for (Path clip : data.clips()) {
            refs.add(new ClipRef(ModelTasks.clipId(clip), clip));
        }
        GuidanceSettings guidance = GenerateCommand.settings(arguments);
        RunSnapshot snapshot = new RunSnapshot(folder, "eval-generation", GENERATE, List.of(ref), refs,
                GenerateCommand.parameters(guidance, 1), guidance.seed(), List.of());
        RunOutcome outcome = runner.run(snapshot, settings, bar);
        bar.done();
        if (outcome.state() == RunState.CANCELLED) {
            throw new CommandException(EvalCommand.cancelled("eval", settings), CommandException.INTERNAL, null);
        }
        if (outcome.clips().stream().noneMatch(c -> c.state() == RunState.SUCCEEDED)) {
            throw new CommandException("eval --task generation: " + model + " generated nothing: "
                    + outcome.message());
        }
        Map<Path, String> out = new LinkedHashMap<>();
        for (ClipOutcome c : outcome.clips()) {
            if (c.state() == RunState.SUCCEEDED && c.folder() != null) {
                out.put(c.folder(), c.clipId());
            }
        }
        return out;
    }
}
