package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.GuidanceSettings;
import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.media.AudioReader;
import io.avlens.media.AudioSignal;
import io.avlens.media.WavWriter;
import io.avlens.model.store.internal.XmiProjectStore;
import io.avlens.models.BuiltinModels;
import io.avlens.models.cavp.CavpBlockFactory;
import io.avlens.models.cavp.CavpConfig;
import io.avlens.models.cavp.CavpShippedModel;
import io.avlens.models.difffoley.DiffFoleyBlockFactory;
import io.avlens.models.difffoley.DiffFoleyConfig;
import io.avlens.models.difffoley.DiffFoleyGenerateTask;
import io.avlens.models.difffoley.DiffFoleyWeights;
import io.avlens.runner.internal.RunnerService;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code avlens eval --task generation} on a tiny AV-Shapes dataset (8 clips, seed 4): the real audio's row, and a
 * hand-made folder of generated samples that are each clip's real sound half a second late, which must score a
 * lower onset AP and detection accuracy and a larger sync offset than the real audio.
 */
class GenerationEvalTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path data;
    private static Path late;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void generate() throws Exception {
        data = shared.resolve("shapes");
        new AvShapesGenerator(new XmiProjectStore()).generate(SynthSpec.of(8, 4).withSize(64).withTiming(8, 4),
                data, SynthProgress.NONE);
        late = Files.createDirectories(shared.resolve("late/nested"));
        List<Path> clips;
        try (Stream<Path> s = Files.list(data.resolve("media"))) {
            clips = s.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
        }
        for (Path mp4 : clips) {
            float[] x = AudioReader.read(mp4, 16000).samples();
            float[] shifted = new float[x.length];
            System.arraycopy(x, 0, shifted, 8000, x.length - 8000); // 0.5 s later
            String stem = mp4.getFileName().toString().replace(".mp4", "") + "-late";
            GeneratedSample sample = new GeneratedSample(mp4.toAbsolutePath().toString(), "hand-made",
                    GuidanceSettings.DEFAULT, stem, false, Map.of());
            WavWriter.write(sample.wav(late), new AudioSignal(shifted, 16000), WavWriter.Encoding.FLOAT_32);
            Npy.write(sample.mel(late), FloatTensor.wrap(new int[] {64, 256}, new float[64 * 256]));
            sample.write(late);
        }
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        RunnerService runner = new RunnerService();
        runner.addInferenceService(DjlInferenceServices.cpu(List.of(new CavpBlockFactory())), Map.of());
        BuiltinModels builtin = BuiltinModels.of(new CavpShippedModel());
        XmiProjectStore store = new XmiProjectStore();
        List<CliCommand> commands = List.of(new EvalCommand(runner, builtin, store));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--models", shared.resolve("models").toString(), "--cache",
                shared.resolve("cache").toString()));
        return new CommandDispatcher(commands).execute(all, new CommandContext(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                dir));
    }

    /** With the generate task of a tiny untrained Diff-Foley and its block factory installed. */
    private int runWithGenerator(String... args) {
        out.reset();
        err.reset();
        RunnerService runner = new RunnerService();
        runner.addInferenceService(DjlInferenceServices.cpu(List.of(new CavpBlockFactory(),
                new DiffFoleyBlockFactory(DiffFoleyConfig.tiny()))), Map.of());
        runner.addTask(new DiffFoleyGenerateTask(DjlInferenceServices.programEngine()));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--models", shared.resolve("models").toString(), "--cache",
                shared.resolve("cache").toString()));
        return new CommandDispatcher(List.of(new EvalCommand(runner, BuiltinModels.of(new CavpShippedModel()),
                new XmiProjectStore()))).execute(all, new CommandContext(new PrintStream(out, true,
                        StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), dir));
    }

    @Test
    void aModelIdGeneratesWithTheGivenGuidanceAndScoresEveryClip() throws Exception {
        Path model = DiffFoleyWeights.random(DiffFoleyConfig.tiny(), dir.resolve("model"), 3);
        assertThat(runWithGenerator("eval", "--task", "generation", "--model", model.toString(), "--data",
                data.toString(), "--omega", "2", "--gamma", "5", "--steps", "3", "--seed", "9"))
                .as(err.toString()).isZero();
        JsonArray rows = json().getAsJsonArray("rows");
        JsonObject generated = null;
        for (var r : rows) {
            if (r.getAsJsonObject().get("sound").getAsString().equals("w2-g5-dpm3-s9")) {
                generated = r.getAsJsonObject();
            }
        }
        assertThat(generated).as(rows.toString()).isNotNull();
        assertThat(generated.get("n").getAsInt()).isEqualTo(8);
        assertThat(generated.get("alignAcc").getAsDouble()).isBetween(0.0, 1.0);
    }

    private JsonObject json() {
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /**
     * Hand-made "guidance settings" at two seeds: no guidance is the sound half a second late, classifier-free and
     * double guidance are the real sound. The classifier-free step is clearly better; the classifier step changes nothing.
     */
    @Test
    void theGuidanceStepsArePairedComparisonsWithTheirIntervals() throws Exception {
        Path steps = Files.createDirectories(dir.resolve("steps"));
        List<Path> clips;
        try (Stream<Path> s = Files.list(data.resolve("media"))) {
            clips = s.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
        }
        GuidanceSettings none = GuidanceSettings.DEFAULT.withScales(1, 0);
        GuidanceSettings cfg = GuidanceSettings.DEFAULT.withScales(4.5, 0);
        for (Path mp4 : clips) {
            float[] x = AudioReader.read(mp4, 16000).samples();
            float[] shifted = new float[x.length];
            System.arraycopy(x, 0, shifted, 8000, x.length - 8000);
            String clip = mp4.getFileName().toString().replace(".mp4", "");
            for (GuidanceSettings g : List.of(none, cfg, GuidanceSettings.DEFAULT, none.withSeed(22),
                    cfg.withSeed(22), GuidanceSettings.DEFAULT.withSeed(22))) {
                GeneratedSample sample = new GeneratedSample(mp4.toAbsolutePath().toString(), "hand-made", g,
                        clip + "-" + g.stem(), false, Map.of());
                WavWriter.write(sample.wav(steps), new AudioSignal(g.omega() == 1 ? shifted : x, 16000),
                        WavWriter.Encoding.FLOAT_32);
                Npy.write(sample.mel(steps), FloatTensor.wrap(new int[] {64, 256}, new float[64 * 256]));
                sample.write(steps);
            }
        }
        assertThat(run("eval", "--task", "generation", "--model", "hand-made", "--data", data.toString(),
                "--samples", steps.toString())).as(err.toString()).isZero();
        JsonArray found = json().getAsJsonArray("guidanceSteps");
        assertThat(found).as(String.valueOf(found)).hasSize(2);
        JsonObject cfgStep = found.get(0).getAsJsonObject();
        assertThat(cfgStep.get("step").getAsString()).isEqualTo("classifier-free");
        assertThat(cfgStep.get("from").getAsString()).isEqualTo("w1-g0-dpm25");
        assertThat(cfgStep.get("to").getAsString()).isEqualTo("w4.5-g0-dpm25");
        assertThat(cfgStep.getAsJsonArray("seeds").toString()).as("both seeds pooled").isEqualTo("[21,22]");
        assertThat(cfgStep.get("n").getAsInt()).as("8 clips x 2 seeds").isEqualTo(16);
        JsonObject align = cfgStep.getAsJsonObject("alignAcc");
        assertThat(align.get("diff").getAsDouble()).isPositive();
        assertThat(align.getAsJsonArray("ci95").get(0).getAsDouble()).isPositive();
        assertThat(align.get("better").getAsBoolean()).isTrue();
        JsonObject classifierStep = found.get(1).getAsJsonObject();
        assertThat(classifierStep.get("step").getAsString()).isEqualTo("classifier");
        assertThat(classifierStep.get("from").getAsString()).isEqualTo("w4.5-g0-dpm25");
        assertThat(classifierStep.get("to").getAsString()).isEqualTo("w4.5-g50-dpm25");
        for (String metric : List.of("alignAcc", "onsetAP")) {
            JsonObject m = classifierStep.getAsJsonObject(metric);
            assertThat(m.get("diff").getAsDouble()).as(metric + ": the same sound").isZero();
            assertThat(m.get("better").getAsBoolean()).isFalse();
        }
        assertThat(err.toString()).contains("classifier step w4.5-g0-dpm25 -> w4.5-g50-dpm25, seeds [21,22], n 16");
    }

    @Test
    void realAudioScoresBetterThanTheSameSoundHalfASecondLate() {
        assertThat(run("eval", "--task", "generation", "--model", "hand-made", "--data", data.toString(),
                "--samples", shared.resolve("late").toString())).as(err.toString()).isZero();
        JsonObject json = json();
        assertThat(json.get("clips").getAsInt()).isEqualTo(8);
        JsonArray rows = json.getAsJsonArray("rows");
        assertThat(rows).hasSize(2);
        JsonObject real = rows.get(0).getAsJsonObject();
        JsonObject shifted = rows.get(1).getAsJsonObject();
        assertThat(real.get("sound").getAsString()).isEqualTo("real");
        assertThat(shifted.get("sound").getAsString()).isEqualTo(GuidanceSettings.DEFAULT.stem());
        assertThat(shifted.get("n").getAsInt()).isEqualTo(8);
        assertThat(real.get("targets").getAsInt()).isPositive();
        assertThat(shifted.get("onsetAP").getAsDouble()).isLessThan(real.get("onsetAP").getAsDouble());
        assertThat(shifted.get("detectionAcc").getAsDouble()).isLessThan(real.get("detectionAcc").getAsDouble());
        assertThat(shifted.get("syncMeanAbsSeconds").getAsDouble())
                .isGreaterThan(real.get("syncMeanAbsSeconds").getAsDouble() + 0.2);
        assertThat(shifted.get("alignAcc").getAsDouble()).isLessThan(real.get("alignAcc").getAsDouble());
        // the real row's FAD is real against real; a sound's own row against all real is 0
        assertThat(real.get("fadAll").getAsDouble()).isZero();
        assertThat(real.get("fad").getAsDouble()).isPositive();
        // which events each sound finds, by kind (hit/floor, hit/wall, ...): the kinds' counts are the row's
        for (JsonObject row : List.of(real, shifted)) {
            JsonObject byKind = row.getAsJsonObject("onsetRecallByKind");
            assertThat(byKind.keySet()).isNotEmpty().allMatch(k -> k.startsWith("hit") || k.startsWith("scratch"));
            assertThat(byKind.keySet().stream().mapToInt(k -> byKind.getAsJsonObject(k).get("targets").getAsInt())
                    .sum()).isEqualTo(row.get("targets").getAsInt());
            assertThat(byKind.keySet().stream().mapToInt(k -> byKind.getAsJsonObject(k).get("found").getAsInt())
                    .sum()).isEqualTo(row.get("matched").getAsInt());
        }
        assertThat(err.toString()).contains("onsets found:");
        JsonObject judges = json.getAsJsonObject("judgesOnRealPairs");
        assertThat(judges.get("n").getAsInt()).isEqualTo(8);
    }

    @Test
    void theRealAudioOutscoresItsControlsAndTheSweepCoversTheShippedThreshold() {
        assertThat(run("eval", "--task", "generation", "--model", "real", "--data", data.toString()))
                .as(err.toString()).isZero();
        JsonObject json = json();
        JsonArray rows = json.getAsJsonArray("rows");
        assertThat(rows).hasSize(3);
        JsonObject real = rows.get(0).getAsJsonObject();
        JsonObject late = rows.get(1).getAsJsonObject();
        JsonObject swapped = rows.get(2).getAsJsonObject();
        assertThat(late.get("sound").getAsString()).contains("0.5 s late");
        assertThat(swapped.get("sound").getAsString()).contains("another clip");
        for (JsonObject control : List.of(late, swapped)) {
            assertThat(control.get("n").getAsInt()).isEqualTo(8);
            assertThat(control.get("onsetAP").getAsDouble()).isLessThan(real.get("onsetAP").getAsDouble());
            assertThat(control.get("alignAcc").getAsDouble()).isLessThan(real.get("alignAcc").getAsDouble());
        }
        assertThat(json.getAsJsonArray("onsetDetectorSweep").asList().stream()
                .anyMatch(e -> e.getAsJsonObject().get("delta").getAsDouble() == 0.05)).isTrue();
    }

    @Test
    void noCacheWritesNothingIntoTheDataFolderAndTheDefaultKeepsTheDecodedClips() throws Exception {
        Path folder = ShapesClips.copyFirst(data, 3, dir.resolve("copy/media")).getParent();
        assertThat(run("eval", "--task", "generation", "--model", "real", "--data", folder.toString(), "--no-cache"))
                .as(err.toString()).isZero();
        double alignAcc = json().getAsJsonArray("rows").get(0).getAsJsonObject().get("alignAcc").getAsDouble();
        try (Stream<Path> s = Files.list(folder)) {
            assertThat(s.map(p -> p.getFileName().toString())).as("--no-cache leaves the data folder as it was")
                    .containsExactly("media");
        }
        assertThat(run("eval", "--task", "generation", "--model", "real", "--data", folder.toString()))
                .as(err.toString()).isZero();
        assertThat(json().getAsJsonArray("rows").get(0).getAsJsonObject().get("alignAcc").getAsDouble())
                .as("the same figures with the decode cache").isEqualTo(alignAcc);
        try (Stream<Path> s = Files.list(folder.resolve("cache").resolve(CavpConfig.small().profile().id()))) {
            assertThat(s.map(p -> p.getFileName().toString())).contains("clip-00000.mel.npy",
                    "clip-00000.frames.npy");
        }
    }

    @Test
    void refusesAMissingOrEmptySamplesFolderWithExitTwo() throws Exception {
        assertThat(run("eval", "--task", "generation", "--model", "hand-made", "--data", data.toString(),
                "--samples", dir.resolve("none").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("none").contains("no such folder");
        Files.createDirectories(dir.resolve("empty"));
        assertThat(run("eval", "--task", "generation", "--model", "hand-made", "--data", data.toString(),
                "--samples", dir.resolve("empty").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no generated samples of hand-made");
        // samples of another model are not this model's
        assertThat(run("eval", "--task", "generation", "--model", "other", "--data", data.toString(),
                "--samples", shared.resolve("late").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("8 samples were for other clips or models");
    }
}
