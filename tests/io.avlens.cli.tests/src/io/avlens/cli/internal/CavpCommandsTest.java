package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.analysis.similarity.SimilarityFiles;
import io.avlens.analysis.similarity.SyncEstimate;
import io.avlens.analysis.similarity.SyncOffsetEstimator;
import io.avlens.analysis.similarity.TimeBase;
import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.InferenceService;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.model.store.internal.XmiProjectStore;
import io.avlens.models.BuiltinModels;
import io.avlens.models.cavp.CavpShippedModel;
import io.avlens.models.cavp.AvShapesData;
import io.avlens.models.cavp.CavpBlockFactory;
import io.avlens.models.cavp.CavpFamilyTrainer;
import io.avlens.models.cavp.CavpFeatures;
import io.avlens.models.cavp.CavpModel;
import io.avlens.models.cavp.CavpSimilarityTask;
import io.avlens.runner.internal.RunnerService;
import io.avlens.models.cavp.ClipTensors;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthSpec;

/**
 * {@code train}, {@code eval}, {@code similarity}, {@code models} and {@code bench --inference/--similarity} on
 * generated AV-Shapes clips: lagged ones with known lags (dataset seed 2, the held-out test set's first clips) checked
 * against CAVP-small's direct DJL path and the sync estimator run here, and a few in-sync ones for short training
 * runs that are continued from their checkpoints (that an interrupted run resumes to the weights of an uninterrupted
 * one is CavpTrainerTest's).
 */
class CavpCommandsTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path lagged;
    private static Path inSync;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void generate() throws Exception {
        lagged = shared.resolve("lagged");
        new AvShapesGenerator(new XmiProjectStore()).generate(SynthSpec.of(3, 2).withSize(64).withTiming(8, 4)
                .withLagRange(1.0), lagged, SynthProgress.NONE);
        inSync = shared.resolve("in-sync");
        new AvShapesGenerator(new XmiProjectStore()).generate(SynthSpec.of(3, 5).withSize(64).withTiming(8, 4),
                inSync, SynthProgress.NONE);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        InferenceService service = DjlInferenceServices.cpu(List.of(new CavpBlockFactory()));
        RunnerService runner = new RunnerService();
        runner.addInferenceService(service, Map.of());
        runner.addTask(new CavpSimilarityTask());
        BuiltinModels builtin = BuiltinModels.of(new CavpShippedModel());
        List<CliCommand> commands = List.of(new TrainCommand(List.of(new CavpFamilyTrainer())), new ModelsCommand(builtin),
                new EvalCommand(runner, builtin), new SimilarityCommand(runner, builtin),
                new BenchCommand(service, builtin));
        return new CommandDispatcher(commands).execute(List.of(args), new CommandContext(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                dir));
    }

    private JsonObject json() {
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void modelsListsTheBuiltInModelOnAFreshDataFolder() {
        assertThat(run("models", "--models", "fresh/models")).isZero();
        JsonObject m = json().getAsJsonArray("models").get(0).getAsJsonObject();
        assertThat(m.get("id").getAsString()).isEqualTo("cavp-small");
        assertThat(m.get("source").getAsString()).isEqualTo("builtin");
        assertThat(m.get("weightsPresent").getAsBoolean()).isTrue();
        assertThat(dir.resolve("fresh/models/cavp-small/cavp-small.params")).isRegularFile();
        assertThat(errText()).contains("installed the built-in model cavp-small");
        assertThat(run("models", "--models", "fresh/models")).isZero();
        assertThat(errText()).as("nothing to copy the second time").doesNotContain("installed");
    }

    @Test
    void evalMatchesTheDirectPathAndTheKnownLags() throws Exception {
        assertThat(run("eval", "--task", "sync", "--model", "cavp-small", "--data", lagged.toString(), "--models",
                "models", "--out", "artifacts")).isZero();
        JsonObject j = json();
        // the reference: direct DJL features, the estimator run here, the sidecars' lags
        int within = 0;
        double error = 0;
        SyncOffsetEstimator estimator = SyncOffsetEstimator.upTo(1.0, TimeBase.ofRate(8));
        try (CavpModel model = CavpModel.bundled()) {
            List<ClipTensors> clips = new AvShapesData(model.config()).load(lagged);
            assertThat(clips).hasSize(3);
            for (ClipTensors c : clips) {
                assertThat(c.lagSeconds()).isNotZero();
                SyncEstimate e = estimator.estimate(model.features(c).volume(8));
                double d = Math.abs(e.lagSeconds() - c.lagSeconds());
                within += d <= 0.125 + 1e-6 ? 1 : 0;
                error += d;
            }
        }
        assertThat(j.get("clips").getAsInt()).isEqualTo(3);
        assertThat(j.get("clipsWithKnownLag").getAsInt()).isEqualTo(3);
        assertThat(j.get("withinOneFrame").getAsInt()).isEqualTo(within).isEqualTo(3);
        assertThat(j.get("accuracyWithinOneFrame").getAsDouble()).isEqualTo(1.0);
        assertThat(j.get("maeSeconds").getAsDouble()).isCloseTo(error / 3, within(1e-6));
        assertThat(j.get("meanConfidence").getAsDouble()).isBetween(0.0, 1.0);
        assertThat(j.getAsJsonArray("failed")).isEmpty();
        Path runFolder = Path.of(j.get("runFolder").getAsString());
        assertThat(runFolder.getParent()).isEqualTo(dir.resolve("artifacts/runs"));
        assertThat(runFolder.resolve("cavp-small/clip-00002/similarity.npy")).isRegularFile();
        assertThat(runFolder.resolve("run.json")).isRegularFile();

        // the clips went through the runner: the same eval again comes from its cache, with the same numbers
        assertThat(run("eval", "--task", "sync", "--model", "cavp-small", "--data", lagged.toString(), "--models",
                "models")).isZero();
        JsonObject again = json();
        assertThat(again.get("cachedClips").getAsInt()).isEqualTo(3);
        assertThat(again.get("maeSeconds").getAsDouble()).isEqualTo(j.get("maeSeconds").getAsDouble());
        assertThat(again.has("runFolder")).as("without --out the run is not kept").isFalse();

        assertThat(run("eval", "--task", "sync", "--model", "cavp-small", "--data", "nowhere", "--models",
                "models")).isEqualTo(2);
        assertThat(errText()).contains(dir.resolve("nowhere") + ": no such folder");
        assertThat(run("eval", "--task", "sync", "--model", "cavp-large", "--data", lagged.toString(), "--models",
                "models")).isEqualTo(2);
        assertThat(errText()).contains("unknown model 'cavp-large'").contains("cavp-small");
    }

    @Test
    void similarityPrintsTheLagAndWritesTheVolume() throws Exception {
        Path clip = lagged.resolve("media/clip-00001.mp4");
        assertThat(run("similarity", "--model", "cavp-small", "--clip", clip.toString(), "--out", "s.npy",
                "--models", "models")).isZero();
        JsonObject j = json();
        CavpFeatures f;
        double trueLag;
        try (CavpModel model = CavpModel.bundled()) {
            ClipTensors c = new AvShapesData(model.config()).clip(clip, Files.createDirectories(dir.resolve("c")));
            f = model.features(c);
            trueLag = c.lagSeconds();
        }
        SyncEstimate e = SyncOffsetEstimator.upTo(1.0, TimeBase.ofRate(8)).estimate(f.volume(8));
        assertThat(j.get("lagSeconds").getAsDouble()).isEqualTo(e.lagSeconds());
        assertThat(j.get("lagSeconds").getAsDouble()).isCloseTo(trueLag, within(0.125 + 1e-6));
        assertThat(j.get("confidence").getAsDouble()).isCloseTo(e.confidence(), within(1e-4));
        assertThat(j.getAsJsonArray("shape").toString()).isEqualTo("[32,32]");
        FloatTensor volume = SimilarityFiles.readNpy(dir.resolve("s.npy"));
        float[] expected = f.volume(8).values().toArray();
        for (int i = 0; i < expected.length; i++) {
            assertThat(volume.getFlat(i)).isCloseTo(expected[i], within(1e-5f));
        }

        assertThat(run("similarity", "--model", "cavp-small", "--clip", "missing.mp4", "--models", "models"))
                .isEqualTo(2);
        assertThat(errText()).contains(dir.resolve("missing.mp4") + ": no such file");
        Files.writeString(dir.resolve("text.mp4"), "not a video");
        assertThat(run("similarity", "--model", "cavp-small", "--clip", "text.mp4", "--models", "models"))
                .isEqualTo(2);
        assertThat(errText()).contains(dir.resolve("text.mp4").toString());
        byte[] clipBytes = Files.readAllBytes(clip);
        assertThat(run("similarity", "--model", "cavp-small", "--clip", clip.toString(), "--out", clip.toString(),
                "--models", "models")).as("the volume over its own clip").isEqualTo(2);
        assertThat(errText()).contains(clip.toString()).contains("is already used by this command");
        assertThat(Files.readAllBytes(clip)).isEqualTo(clipBytes);
        assertThat(run("similarity", "--model", "cavp-small", "--clip", clip.toString(), "--max-lag", "1e9",
                "--models", "models")).as("a lag that would overflow the step count").isEqualTo(2);
        assertThat(errText()).contains("--max-lag").contains("at most 3600");
        assertThat(run("similarity", "--model", "cavp-small", "--clip", clip.toString(), "--models",
                "s.npy")).as("--models naming a file").isEqualTo(2);
        assertThat(errText()).contains("s.npy").contains("--models names a folder");
    }

    /**
     * CAVP-small's towers traced to TorchScript (tools/export/cavp_small.py), the fixture of io.avlens.models.tests,
     * imported into {@code models/}: `avlens similarity` (one clip, the runner's pooled parts) and `avlens eval` (a
     * run) give the built-in model's volume and lag.
     */
    @Test
    void anImportedTwoPartModelGivesTheBuiltInVolumeAndLag() throws Exception {
        Path fixture = Path.of("").toAbsolutePath().resolveSibling("io.avlens.models.tests")
                .resolve("resources/cavp-small-imported");
        assertThat(fixture.resolve("model.json")).as("the traced pair (run from tests/io.avlens.cli.tests)")
                .isRegularFile();
        Path imported = Files.createDirectories(dir.resolve("models/cavp-small-imported"));
        for (String f : new String[] {"model.json", "cavp-small-video.pt", "cavp-small-audio.pt"}) {
            Files.copy(fixture.resolve(f), imported.resolve(f));
        }
        Path clip = lagged.resolve("media/clip-00001.mp4");
        assertThat(run("similarity", "--model", "cavp-small", "--clip", clip.toString(), "--out", "builtin.npy",
                "--models", "models")).as(this::errText).isZero();
        JsonObject builtin = json();
        assertThat(run("similarity", "--model", "cavp-small-imported", "--clip", clip.toString(), "--out",
                "imported.npy", "--models", "models")).as(this::errText).isZero();
        JsonObject traced = json();
        assertThat(traced.get("model").getAsString()).isEqualTo("cavp-small-imported");
        assertThat(traced.get("lagSeconds").getAsDouble()).isEqualTo(builtin.get("lagSeconds").getAsDouble());
        FloatTensor a = SimilarityFiles.readNpy(dir.resolve("builtin.npy"));
        FloatTensor b = SimilarityFiles.readNpy(dir.resolve("imported.npy"));
        assertThat(b.shape()).containsExactly(a.shape());
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.getFlat(i)).isCloseTo(a.getFlat(i), within(1e-5f));
        }

        assertThat(run("eval", "--task", "sync", "--model", "cavp-small", "--data", lagged.toString(), "--models",
                "models")).as(this::errText).isZero();
        JsonObject evalBuiltin = json();
        assertThat(run("eval", "--task", "sync", "--model", "cavp-small-imported", "--data", lagged.toString(),
                "--models", "models")).as(this::errText).isZero();
        JsonObject evalTraced = json();
        assertThat(evalTraced.get("clips").getAsInt()).isEqualTo(3);
        assertThat(evalTraced.get("withinOneFrame").getAsInt())
                .isEqualTo(evalBuiltin.get("withinOneFrame").getAsInt());
        assertThat(evalTraced.get("maeSeconds").getAsDouble())
                .isCloseTo(evalBuiltin.get("maeSeconds").getAsDouble(), within(1e-9));
    }

    /**
     * What tools/export/export_diff_foley_cavp.py writes from a mock of the official repository (the fixture of
     * io.avlens.models.tests) answers `avlens similarity` like any CAVP model: on an 8 s clip (its window) its sound
     * has its own 31 steps over the 32 frames at 4 fps and the printed shape says so; a 4 s clip, shorter than the
     * window the export does not pad, is refused with the reason.
     */
    @Test
    void theOfficialDiffFoleyExportAnswersSimilarity() throws Exception {
        Path fixture = Path.of("").toAbsolutePath().resolveSibling("io.avlens.models.tests")
                .resolve("resources/diff-foley-cavp-mock");
        Path imported = Files.createDirectories(dir.resolve("models/diff-foley-cavp"));
        for (String f : new String[] {"model.json", "video.pt", "audio.pt"}) {
            Files.copy(fixture.resolve(f), imported.resolve(f));
        }
        new AvShapesGenerator(new XmiProjectStore()).generate(SynthSpec.of(1, 5).withSize(64).withTiming(8, 8),
                dir.resolve("eight"), SynthProgress.NONE);
        Path clip = dir.resolve("eight/media/clip-00000.mp4");
        assertThat(run("similarity", "--model", "diff-foley-cavp", "--clip", clip.toString(), "--out", "df.npy",
                "--models", "models")).as(this::errText).isZero();
        JsonObject j = json();
        assertThat(j.get("model").getAsString()).isEqualTo("diff-foley-cavp");
        assertThat(j.getAsJsonArray("shape").toString()).isEqualTo("[31,32]");
        assertThat(SimilarityFiles.readNpy(dir.resolve("df.npy")).shape()).containsExactly(31, 32);
        assertThat(Math.abs(j.get("lagSeconds").getAsDouble())).isLessThanOrEqualTo(1.0);

        Path short4 = lagged.resolve("media/clip-00001.mp4");
        assertThat(run("similarity", "--model", "diff-foley-cavp", "--clip", short4.toString(), "--models",
                "models")).isEqualTo(2);
        assertThat(errText()).contains("clip-00001.mp4").contains("shorter than one 8 s window");
    }

    /** Hooks that run the moment a command arms them: a Ctrl-C at once (each hook a thread of the test). */
    private static io.avlens.cli.command.Interruption.Hooks firingAtOnce(List<Thread> hooks) {
        return new io.avlens.cli.command.Interruption.Hooks() {
            @Override
            public void add(Thread hook) {
                hooks.add(hook);
                hook.start();
            }

            @Override
            public void remove(Thread hook) {
            }
        };
    }

    @Test
    void ctrlCWhileTheDataIsReadTrainsNothingAndSaysSo() throws Exception {
        out.reset();
        err.reset();
        // a Ctrl-C the moment the command arms it: the JVM's hook runs at once (here: a thread of the test)
        List<Thread> hooks = new java.util.ArrayList<>();
        io.avlens.cli.command.Interruption.Hooks firing = firingAtOnce(hooks);
        CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), dir,
                new io.avlens.cli.command.Interruption(firing));
        int code = new CommandDispatcher(List.of(new TrainCommand(List.of(new CavpFamilyTrainer())))).execute(
                List.of("train", "--family", "cavp", "--data", inSync.toString(), "--out", "cut", "--steps", "3",
                        "--batch", "2"), context);
        assertThat(code).as(this::errText).isEqualTo(1);
        assertThat(errText()).contains("train: stopping (Ctrl-C)")
                .contains("avlens train: cancelled while reading the data; nothing was trained")
                .doesNotContain("a batch needs").doesNotContain("100%");
        assertThat(dir.resolve("cut/checkpoint.bin")).doesNotExist();
        assertThat(dir.resolve("cut/cavp-small.params")).doesNotExist();
        for (Thread hook : hooks) {
            hook.join(5000);
            assertThat(hook.isAlive()).as("the hook lets the JVM go once the command has said how it ended")
                    .isFalse();
        }
    }

    @Test
    void ctrlCDuringAnEvalWithOutKeepsTheRunRecordedAsCancelledAndSaysWhere() throws Exception {
        out.reset();
        err.reset();
        List<Thread> hooks = new java.util.ArrayList<>();
        io.avlens.cli.command.Interruption.Hooks firing = firingAtOnce(hooks);
        InferenceService service = DjlInferenceServices.cpu(List.of(new CavpBlockFactory()));
        RunnerService runner = new RunnerService();
        runner.addInferenceService(service, Map.of());
        runner.addTask(new CavpSimilarityTask());
        CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), dir,
                new io.avlens.cli.command.Interruption(firing));
        int code = new CommandDispatcher(List.of(new EvalCommand(runner, BuiltinModels.of(new CavpShippedModel()))))
                .execute(List.of("eval", "--task", "sync", "--model", "cavp-small", "--data", lagged.toString(),
                        "--models", "models", "--out", "stopped", "--no-cache"), context);
        for (Thread hook : hooks) {
            hook.join(5000);
        }
        assertThat(code).as(this::errText).isEqualTo(1);
        Path runs = dir.resolve("stopped/runs");
        List<Path> folders;
        try (var list = Files.list(runs)) {
            folders = list.toList();
        }
        assertThat(folders).hasSize(1);
        assertThat(errText()).contains("eval: cancelled").contains("the run is recorded as cancelled in "
                + folders.get(0));
        assertThat(Files.readString(folders.get(0).resolve("run.json"))).containsIgnoringCase("cancelled");
    }

    @Test
    void trainingIsResumableAndWritesALoadableModel() throws Exception {
        String data = inSync.toString();
        assertThat(run("train", "--family", "cavp", "--data", data, "--out", "straight", "--steps", "3", "--batch",
                "2", "--seed", "3", "--checkpoint-every", "1")).as(this::errText).isZero();
        JsonObject straight = json();
        assertThat(straight.get("steps").getAsInt()).isEqualTo(3);
        assertThat(straight.get("resumedFrom").getAsInt()).isZero();
        assertThat(straight.get("finalLoss").getAsDouble()).isPositive();
        assertThat(errText()).contains("train: [").contains("3/3 steps");

        assertThat(run("train", "--family", "cavp", "--data", data, "--out", "resumed", "--steps", "2", "--batch",
                "2", "--seed", "3", "--checkpoint-every", "1")).isZero();
        List<String> firstCurve = Files.readAllLines(dir.resolve("resumed/loss.csv"));
        assertThat(firstCurve).hasSize(2); // a row every 10 steps and at the last
        assertThat(firstCurve.get(1)).startsWith("2,");
        assertThat(run("train", "--family", "cavp", "--data", data, "--out", "resumed", "--steps", "3", "--batch",
                "2", "--seed", "3", "--checkpoint-every", "1")).isZero();
        JsonObject resumed = json();
        assertThat(errText()).contains("resuming from the checkpoint of step 2");
        assertThat(resumed.get("resumedFrom").getAsInt()).isEqualTo(2);
        assertThat(resumed.get("steps").getAsInt()).isEqualTo(3);
        List<String> curve = Files.readAllLines(dir.resolve("resumed/loss.csv"));
        assertThat(curve).hasSize(3).startsWith(firstCurve.toArray(String[]::new));
        assertThat(curve.get(2)).startsWith("3,");
        // a run that finds its own finished checkpoint has nothing left to do and keeps its weights
        byte[] weights = Files.readAllBytes(dir.resolve("resumed/cavp-small.params"));
        assertThat(run("train", "--family", "cavp", "--data", data, "--out", "resumed", "--steps", "3", "--batch",
                "2", "--seed", "3")).isZero();
        assertThat(json().get("resumedFrom").getAsInt()).isEqualTo(3);
        assertThat(Files.readAllBytes(dir.resolve("resumed/cavp-small.params"))).isEqualTo(weights);
        assertThat(run("train", "--family", "cavp", "--data", data, "--out", "resumed", "--steps", "3", "--batch",
                "2", "--seed", "4")).as("a checkpoint of another seed").isEqualTo(2);
        assertThat(errText()).contains("checkpoint.bin").contains("seed 3");
        Path descriptor = dir.resolve("resumed/cavp-small.json");
        assertThat(ModelDescriptors.verifiedWeights(descriptor, ModelDescriptors.read(descriptor)))
                .isEqualTo(dir.resolve("resumed/cavp-small.params"));

        // the trained weights run through eval as a descriptor file
        assertThat(run("eval", "--task", "sync", "--model", descriptor.toString(), "--data", lagged.toString(),
                "--models", "models")).isZero();
        assertThat(json().get("clips").getAsInt()).isEqualTo(3);

        Path empty = Files.createDirectories(dir.resolve("empty/media"));
        assertThat(run("train", "--family", "cavp", "--data", "empty", "--out", "x")).isEqualTo(2);
        assertThat(errText()).contains(empty.toString());
        assertThat(run("train", "--family", "cavp", "--data", "nowhere", "--out", "x")).isEqualTo(2);
        assertThat(errText()).contains(dir.resolve("nowhere") + ": no such folder");
        assertThat(run("train", "--family", "denseav", "--data", data, "--out", "x")).isEqualTo(2);
        assertThat(errText()).contains("unknown family 'denseav'");
    }

    @Test
    void benchComparesTheServiceWithDirectCallsAndTimesTheSimilarity() {
        assertThat(run("bench", "--inference", "--similarity", "--runs", "2", "--models", "models")).isZero();
        JsonObject inference = json().getAsJsonObject("inference");
        assertThat(inference.get("serviceMicros").getAsDouble()).isPositive();
        assertThat(inference.get("directMicros").getAsDouble()).isPositive();
        assertThat(inference.get("ratio").getAsDouble()).isCloseTo(inference.get("serviceMicros").getAsDouble()
                / inference.get("directMicros").getAsDouble(), within(0.01));
        JsonObject similarity = json().getAsJsonObject("similarity");
        assertThat(similarity.get("steps").getAsInt()).isEqualTo(80);
        assertThat(similarity.get("medianMs").getAsDouble()).isPositive();
        assertThat(similarity.get("p95Ms").getAsDouble())
                .isGreaterThanOrEqualTo(similarity.get("medianMs").getAsDouble());
    }
}
