package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

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

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.SweepGrid;
import io.avlens.analysis.generation.SweepManifest;
import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.core.tensor.Npy;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.model.store.internal.XmiProjectStore;
import io.avlens.models.difffoley.DiffFoleyBlockFactory;
import io.avlens.models.difffoley.DiffFoleyConfig;
import io.avlens.models.difffoley.DiffFoleyGenerateTask;
import io.avlens.models.difffoley.DiffFoleySweepTask;
import io.avlens.models.difffoley.DiffFoleyWeights;
import io.avlens.runner.internal.RunnerService;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthSpec;

/**
 * {@code avlens sweep} with a tiny untrained Diff-Foley on tiny AV-Shapes clips, through the runner: a sweep's cells
 * share the initial noise (its ω = 1, γ = 0 cell is {@code avlens generate}'s sample of the same seed, bit for bit),
 * the printed table is the {@link SweepGrid} of the files written, and a dataset sweep keeps each clip apart.
 */
class SweepCommandTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path data;
    private static Path model;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void generate() throws Exception {
        data = shared.resolve("clips");
        new AvShapesGenerator(new XmiProjectStore()).generate(SynthSpec.of(10, 4).withSize(64).withTiming(8, 4)
                .withLagRange(0), data, SynthProgress.NONE);
        model = DiffFoleyWeights.random(DiffFoleyConfig.tiny(), shared.resolve("tiny"), 3);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        RunnerService runner = new RunnerService();
        runner.addInferenceService(DjlInferenceServices.cpu(List.of(new DiffFoleyBlockFactory(DiffFoleyConfig.tiny()))),
                Map.of());
        runner.addTask(new DiffFoleySweepTask(DjlInferenceServices.programEngine()));
        runner.addTask(new DiffFoleyGenerateTask(DjlInferenceServices.programEngine()));
        List<CliCommand> commands = List.of(new SweepCommand(runner, null, new XmiProjectStore()),
                new GenerateCommand(runner, null));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--models", shared.resolve("models").toString(), "--cache",
                shared.resolve("cache").toString()));
        return new CommandDispatcher(commands).execute(all, new CommandContext(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                dir));
    }

    private JsonObject json() {
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static Path clip(int i) throws Exception {
        try (Stream<Path> s = Files.list(data.resolve("media"))) {
            return s.filter(p -> p.toString().endsWith(".mp4")).sorted().toList().get(i);
        }
    }

    /** The values of a generated sample's log-mel file. */
    private static float[] mel(Path file) throws Exception {
        return Npy.read(file).toFloatTensor().toArray();
    }

    /** The largest difference between two log-mels of the same shape. */
    private static double maxDifference(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /**
     * The sweep's no-guidance cell is the sample {@code generate} makes with the same seed: the same noise and the
     * same steps, so the same log-mel up to float rounding (the sweep runs its cells as one batch, and a batch's rows
     * may take other kernels than a single row: last-bit differences on some CPUs).
     */
    @Test
    void theNoGuidanceCellIsGeneratesSampleOfTheSameSeed() throws Exception {
        Path clip = clip(0);
        Path grid = dir.resolve("grid");
        assertThat(run("sweep", "--model", model.toString(), "--clip", clip.toString(), "--omega", "1,4.5",
                "--gamma", "0,50", "--seeds", "21,22", "--steps", "3", "--out", grid.toString()))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        Path one = dir.resolve("one");
        assertThat(run("generate", "--model", model.toString(), "--clip", clip.toString(), "--omega", "1",
                "--gamma", "0", "--steps", "3", "--seed", "22", "--out", one.toString()))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        String stem = "w1-g0-dpm3-s22";
        float[] alone = mel(one.resolve(stem + GeneratedSample.MEL));
        assertThat(maxDifference(mel(grid.resolve(stem + GeneratedSample.MEL)), alone)).isLessThan(1e-4);
        assertThat(maxDifference(mel(grid.resolve("w1-g0-dpm3-s21" + GeneratedSample.MEL)), alone))
                .as("another seed, other noise").isGreaterThan(0.1);
        assertThat(maxDifference(mel(grid.resolve("w4.5-g50-dpm3-s22" + GeneratedSample.MEL)), alone))
                .as("guidance changes the sound").isGreaterThan(0.01);
    }

    @Test
    void thePrintedTableIsTheGridOfTheFilesWritten() throws Exception {
        Path clip = clip(1);
        Path grid = dir.resolve("grid");
        assertThat(run("sweep", "--model", model.toString(), "--clip", clip.toString(), "--omega", "1,2.5",
                "--gamma", "0,25", "--seeds", "5,6", "--steps", "2", "--out", grid.toString()))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonObject printed = json();
        SweepGrid fromFiles = SweepGrid.of(GeneratedSample.list(grid));
        assertThat(printed.getAsJsonArray("rows")).hasSize(8);
        assertThat(fromFiles.metricNames()).contains("syncOffset", "classifierScore", "onsetAcc", "onsetAP",
                "alignScore", "alignAcc");
        // the evaluation classifier's verdict per cell: Align Acc is its P(aligned) at 0.5
        for (var sample : fromFiles.samples()) {
            double p = sample.metrics().get("alignScore");
            assertThat(p).isBetween(0.0, 1.0);
            assertThat(sample.metrics().get("alignAcc")).isEqualTo(p >= 0.5 ? 1.0 : 0.0);
        }
        JsonArray cells = printed.getAsJsonArray("cells");
        assertThat(cells).hasSize(4);
        int k = 0;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                JsonObject cell = cells.get(k++).getAsJsonObject();
                assertThat(cell.get("omega").getAsDouble()).isEqualTo(fromFiles.omegas().get(r));
                assertThat(cell.get("gamma").getAsDouble()).isEqualTo(fromFiles.gammas().get(c));
                for (String metric : fromFiles.metricNames()) {
                    SweepGrid.Summary s = fromFiles.summary(metric, r, c);
                    JsonObject m = cell.getAsJsonObject("metrics").getAsJsonObject(metric);
                    assertThat(m.get("n").getAsInt()).isEqualTo(s.n());
                    assertThat(value(m.get("mean"))).as(metric).isEqualTo(s.mean());
                    assertThat(value(m.get("sd"))).as(metric).isEqualTo(s.sd());
                }
            }
        }
        assertThat(Files.readString(grid.resolve(SweepCommand.TABLE))).isEqualTo(fromFiles.csv());
        SweepManifest manifest = SweepManifest.read(grid);
        assertThat(manifest.omegas()).containsExactly(1.0, 2.5);
        assertThat(manifest.seeds()).containsExactly(5L, 6L);
        assertThat(manifest.clip()).isEqualTo(clip.toAbsolutePath().toString());

        assertThat(run("sweep", "--model", model.toString(), "--clip", clip.toString(), "--omega", "1,2.5",
                "--gamma", "0,25", "--seeds", "5,6", "--steps", "2", "--out", dir.resolve("again").toString()))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(json().get("cached").getAsBoolean()).as("a repeat comes from the cache").isTrue();
        assertThat(json().get("cells")).isEqualTo(printed.get("cells"));
    }

    @Test
    void aDatasetSweepWritesOneFolderPerClipAndAveragesTheCells() throws Exception {
        Path grid = dir.resolve("grid");
        assertThat(run("sweep", "--model", model.toString(), "--data", data.toString(), "--split", "test",
                "--omega", "1", "--gamma", "0,10", "--steps", "1", "--out", grid.toString()))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonObject printed = json();
        int clips = printed.get("clips").getAsInt();
        assertThat(clips).isPositive();
        assertThat(printed.getAsJsonArray("rows")).hasSize(2 * clips);
        assertThat(printed.getAsJsonArray("cells").get(0).getAsJsonObject().get("samples").getAsInt())
                .isEqualTo(clips);
        try (Stream<Path> s = Files.list(grid)) {
            assertThat(s.filter(Files::isDirectory).filter(SweepManifest::isSweep).count()).isEqualTo(clips);
        }
        assertThat(Files.readAllLines(grid.resolve(SweepCommand.TABLE))).hasSize(1 + 2 * clips);
    }

    @Test
    void badAxesAreBadInput() {
        assertThat(run("sweep", "--model", model.toString(), "--clip", "x.mp4", "--out", "o")).isEqualTo(2);
        assertThat(run("sweep", "--model", model.toString(), "--data", data.toString(), "--clip", "x.mp4",
                "--out", "o")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("either --clip FILE or --data DIR");
        assertThat(run("sweep", "--model", model.toString(), "--data", data.toString(), "--omega", "1,-2",
                "--out", "o")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--omega");
        // an axis of no values is not the default grid
        for (String axis : new String[] {"--omega", "--gamma", "--seeds"}) {
            assertThat(run("sweep", "--model", model.toString(), "--data", data.toString(), axis, ",", "--out",
                    "o")).as(axis).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains(axis + " needs at least one");
        }
    }

    private static double value(JsonElement e) {
        return e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }
}
