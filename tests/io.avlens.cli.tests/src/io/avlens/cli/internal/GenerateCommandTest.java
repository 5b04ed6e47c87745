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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.GuidanceSettings;
import io.avlens.cli.command.CommandContext;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.model.store.internal.XmiProjectStore;
import io.avlens.models.BuiltinModels;
import io.avlens.models.cavp.CavpBlockFactory;
import io.avlens.models.difffoley.DiffFoleyBlockFactory;
import io.avlens.models.difffoley.DiffFoleyConfig;
import io.avlens.models.difffoley.DiffFoleyGenerateTask;
import io.avlens.models.difffoley.DiffFoleyWeights;
import io.avlens.runner.internal.RunnerService;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthSpec;

/**
 * {@code avlens generate} through the runner and the generate task of a tiny untrained Diff-Foley (3 sampler steps):
 * the samples' files and report, the cache on a repeat, and bad input that writes nothing.
 */
class GenerateCommandTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path clip;
    private static Path model;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void prepare() throws Exception {
        Path data = shared.resolve("shapes");
        new AvShapesGenerator(new XmiProjectStore()).generate(SynthSpec.of(1, 5).withSize(64).withTiming(8, 4), data,
                SynthProgress.NONE);
        try (var s = Files.list(data.resolve("media"))) {
            clip = s.filter(p -> p.toString().endsWith(".mp4")).findFirst().orElseThrow();
        }
        model = DiffFoleyWeights.random(DiffFoleyConfig.tiny(), shared.resolve("model"), 3);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        RunnerService runner = new RunnerService();
        runner.addInferenceService(DjlInferenceServices.cpu(List.of(new CavpBlockFactory(),
                new DiffFoleyBlockFactory(DiffFoleyConfig.tiny()))), Map.of());
        runner.addTask(new DiffFoleyGenerateTask(DjlInferenceServices.programEngine()));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--models", shared.resolve("models").toString(), "--cache",
                shared.resolve("cache").toString()));
        return new CommandDispatcher(List.of(new GenerateCommand(runner, BuiltinModels.of()))).execute(all,
                new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8), dir));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesEverySampleWithItsSettingsAndARepeatComesFromTheCacheWithTheSameSound() throws Exception {
        Path first = dir.resolve("first");
        assertThat(run("generate", "--model", model.toString(), "--clip", clip.toString(), "--omega", "3",
                "--gamma", "10", "--steps", "3", "--samples", "2", "--seed", "7", "--out", first.toString()))
                .as(err()).isZero();
        JsonObject json = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(json.get("cached").getAsBoolean()).isFalse();
        JsonArray samples = json.getAsJsonArray("samples");
        assertThat(samples).hasSize(2);
        List<GeneratedSample> written = GeneratedSample.list(first);
        assertThat(written).extracting(s -> s.settings()).containsExactly(
                new GuidanceSettings(3, 10, 3, "dpm", 7), new GuidanceSettings(3, 10, 3, "dpm", 8));
        for (GeneratedSample s : written) {
            assertThat(s.clip()).isEqualTo(clip.toAbsolutePath().normalize().toString());
            assertThat(s.mp4(first)).isRegularFile();
            assertThat(s.metrics()).containsKeys("syncOffset", "classifierScore");
        }
        assertThat(samples.get(0).getAsJsonObject().get("wav").getAsString())
                .isEqualTo(written.get(0).wav(first).toString());
        try (var files = Files.list(first)) {
            assertThat(files.filter(p -> p.toString().endsWith(".part")).count()).isZero();
        }

        Path again = dir.resolve("again");
        assertThat(run("generate", "--model", model.toString(), "--clip", clip.toString(), "--omega", "3",
                "--gamma", "10", "--steps", "3", "--samples", "2", "--seed", "7", "--out", again.toString()))
                .as(err()).isZero();
        assertThat(JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject().get("cached")
                .getAsBoolean()).isTrue();
        assertThat(Files.readAllBytes(written.get(1).mel(again)))
                .isEqualTo(Files.readAllBytes(written.get(1).mel(first)));
    }

    @Test
    void badInputExitsTwoNamingTheProblemAndWritesNothing() throws Exception {
        Path target = dir.resolve("out");
        assertThat(run("generate", "--model", model.toString(), "--clip", clip.toString(), "--omega", "-1", "--out",
                target.toString())).isEqualTo(2);
        assertThat(err()).contains("--omega");
        assertThat(run("generate", "--model", model.toString(), "--clip", clip.toString(), "--sampler", "euler",
                "--out", target.toString())).isEqualTo(2);
        assertThat(err()).contains("sampler");
        assertThat(run("generate", "--model", model.toString(), "--clip", dir.resolve("none.mp4").toString(),
                "--out", target.toString())).isEqualTo(2);
        assertThat(err()).contains("none.mp4");
        assertThat(target).doesNotExist();

        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("notes.txt"), "mine");
        assertThat(run("generate", "--model", model.toString(), "--clip", clip.toString(), "--steps", "2", "--out",
                busy.toString())).isEqualTo(2);
        assertThat(err()).contains("not empty");
        try (var files = Files.list(busy)) {
            assertThat(files.toList()).containsExactly(busy.resolve("notes.txt"));
        }
        // an --out that cannot be a folder is refused before anything is generated, saying why once
        Path under = busy.resolve("notes.txt").resolve("samples");
        assertThat(run("generate", "--model", model.toString(), "--clip", clip.toString(), "--steps", "2", "--out",
                under.toString())).isEqualTo(2);
        assertThat(err()).contains("notes.txt is a file, not a folder").doesNotContain("generate: generate:")
                .doesNotContain("generate: [");
    }
}
