package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
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
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.analysis.dense.AvShapesPrompts;
import io.avlens.analysis.dense.Prompt;
import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.core.tensor.Npy;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.media.MediaInfo;
import io.avlens.media.MediaProbe;
import io.avlens.model.store.internal.XmiProjectStore;
import io.avlens.runner.internal.RunnerService;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthSpec;

/**
 * {@code avlens heatmap} and {@code avlens eval --task localize} on a few tiny AV-Shapes clips with speech (dataset
 * seed 2), through the runner with a heatmap task of the fixture family that knows the answer
 * ({@link OracleHeatmapTask}): its sound head must localise sounds and its word head words, far above the uniform
 * baseline, and the counts must be those of the sidecars.
 */
class DenseCommandsTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path data;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void generate() throws Exception {
        data = shared.resolve("speech");
        new AvShapesGenerator(new XmiProjectStore()).generate(SynthSpec.of(4, 2).withSize(64).withTiming(8, 4)
                .withLagRange(0.3).withSpeech(true), data, SynthProgress.NONE);
        Path model = Files.createDirectories(shared.resolve("models/fixture-conv"));
        for (String name : List.of("model.json", "conv_traced.pt")) {
            try (InputStream in = DenseCommandsTest.class.getResourceAsStream("/resources/models/fixture-conv/"
                    + name)) {
                Files.copy(in, model.resolve(name));
            }
        }
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        RunnerService runner = new RunnerService();
        runner.addInferenceService(DjlInferenceServices.cpu(List.of()), Map.of());
        runner.addTask(new OracleHeatmapTask());
        List<CliCommand> commands = List.of(new EvalCommand(runner, null, new XmiProjectStore()),
                new HeatmapCommand(runner, null));
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

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static List<Path> clips() throws Exception {
        try (Stream<Path> s = Files.list(data.resolve("media"))) {
            return s.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
        }
    }

    @Test
    void heatmapWritesTheOfficialVolumeAndSummarisesEachHead() throws Exception {
        Path clip = clips().get(0);
        Path volume = dir.resolve("v.npy");
        Path video = dir.resolve("overlay.mp4");
        assertThat(run("heatmap", "--model", "fixture-conv", "--clip", clip.toString(), "--out", volume.toString(),
                "--video", video.toString())).as(err()).isZero();
        JsonObject json = json();
        int steps = (int) (4 * OracleHeatmapTask.AUDIO_RATE);
        assertThat(Npy.read(volume).shape()).containsExactly(32, 2, 16, 16, steps);
        assertThat(json.get("heads").getAsInt()).isEqualTo(2);
        assertThat(json.get("frameRate").getAsDouble()).isEqualTo(8.0);
        assertThat(json.get("audioRate").getAsDouble()).isEqualTo(OracleHeatmapTask.AUDIO_RATE);
        JsonArray heads = json.getAsJsonArray("perHead");
        assertThat(heads).hasSize(2);
        for (var h : heads) {
            JsonObject o = h.getAsJsonObject();
            // one-hot features: the volume holds 0 and 1 only, and 1 somewhere unless a head never fires
            assertThat(o.get("min").getAsDouble()).isZero();
            assertThat(o.get("max").getAsDouble()).isIn(0.0, 1.0);
            assertThat(o.get("peakAudioSeconds").getAsDouble()).isBetween(0.0, 4.0);
        }
        MediaInfo info = MediaProbe.probe(video);
        assertThat(info.hasVideo()).isTrue();
        assertThat(info.hasAudio()).as("the overlaid clip keeps its sound").isTrue();
        assertThat(info.video().width()).isEqualTo(64);
        assertThat(info.durationSeconds()).isBetween(3.8, 4.3);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("v.npy", "overlay.mp4");
        }
    }

    @Test
    void theFiguresWrittenIntoTheDescriptorAreThePrintedOnes() throws Exception {
        Path descriptor = Files.copy(shared.resolve("models/fixture-conv/model.json"), dir.resolve("fixture.json"));
        assertThat(run("eval", "--task", "localize", "--model", "fixture-conv", "--data", data.toString(), "--split",
                "train", "--write-descriptor", descriptor.toString())).as(err()).isZero();
        JsonObject printed = json();
        assertThat(printed.get("split").getAsString()).isEqualTo("train");
        JsonObject written = JsonParser.parseString(Files.readString(descriptor)).getAsJsonObject();
        assertThat(written.get("id").getAsString()).as("the rest is kept").isEqualTo("fixture-conv");
        JsonObject e = written.getAsJsonObject("evaluation");
        assertThat(e.get("task").getAsString()).isEqualTo("localize");
        assertThat(e.get("command").getAsString()).contains("--task localize", "--split train");
        for (String kind : List.of("sound", "word")) {
            JsonObject p = printed.getAsJsonObject(kind).getAsJsonObject("aggregate");
            JsonObject w = e.getAsJsonObject(kind).getAsJsonObject("aggregate");
            assertThat(w.get("ap")).isEqualTo(p.get("ap"));
            assertThat(w.get("instants")).isEqualTo(p.get("instants"));
            assertThat(w.has("perClass")).isFalse();
        }
        assertThat(e.getAsJsonArray("selectivity")).isEqualTo(printed.getAsJsonArray("selectivity"));
    }

    @Test
    void badInputExitsTwoNamingTheFile() throws Exception {
        Path missing = dir.resolve("nothing.mp4");
        assertThat(run("heatmap", "--model", "fixture-conv", "--clip", missing.toString(), "--out", "v.npy"))
                .isEqualTo(2);
        assertThat(err()).contains("nothing.mp4");
        Path text = Files.writeString(dir.resolve("notes.mp4"), "not a video");
        assertThat(run("heatmap", "--model", "fixture-conv", "--clip", text.toString(), "--out", "v.npy"))
                .isEqualTo(2);
        assertThat(err()).contains("notes.mp4");
        Files.createDirectories(dir.resolve("folder.npy"));
        assertThat(run("heatmap", "--model", "fixture-conv", "--clip", clips().get(0).toString(), "--out",
                "folder.npy")).isEqualTo(2);
        assertThat(err()).contains("folder.npy").contains("is a folder");
        assertThat(run("eval", "--task", "localize", "--model", "fixture-conv", "--data", dir.resolve("none")
                .toString())).isEqualTo(2);
        assertThat(err()).contains("none");
        assertThat(dir.resolve("v.npy")).doesNotExist();
    }

    @Test
    void anOutputThatIsTheInputOrCannotBeWrittenIsRefusedBeforeAnyWork() throws Exception {
        Path clip = Files.copy(clips().get(0), dir.resolve("mine.mp4"));
        byte[] before = Files.readAllBytes(clip);
        assertThat(run("heatmap", "--model", "fixture-conv", "--clip", clip.toString(), "--out", "mine.mp4"))
                .isEqualTo(2);
        assertThat(err()).contains("mine.mp4").contains("is already used by this command");
        assertThat(run("heatmap", "--model", "fixture-conv", "--clip", clip.toString(), "--out", "v.npy", "--video",
                "./mine.mp4")).isEqualTo(2);
        assertThat(err()).contains("mine.mp4").contains("is already used by this command");
        assertThat(run("heatmap", "--model", "fixture-conv", "--clip", clip.toString(), "--out", "v.npy", "--video",
                "v.npy")).as("the video over the volume").isEqualTo(2);
        assertThat(err()).contains("v.npy").contains("is already used by this command");
        assertThat(Files.readAllBytes(clip)).as("the clip is untouched").isEqualTo(before);
        Files.writeString(dir.resolve("plain.txt"), "a file");
        assertThat(run("heatmap", "--model", "fixture-conv", "--clip", clip.toString(), "--out", "plain.txt/v.npy"))
                .isEqualTo(2);
        assertThat(err()).contains("plain.txt").contains("is a file, not a folder");
        assertThat(dir.resolve("v.npy")).doesNotExist();
        assertThat(run("heatmap", "--model", "fixture-conv", "--clip", clips().get(0).toString(), "--out",
                "new/sub/v.npy")).as("missing folders of the output are made: %s", err()).isZero();
        assertThat(dir.resolve("new/sub/v.npy")).isRegularFile();
    }

    @Test
    void evalLocalizePrintsEveryFigureWithItsN() throws Exception {
        assertThat(run("eval", "--task", "localize", "--model", "fixture-conv", "--data", data.toString()))
                .as(err()).isZero();
        JsonObject json = json();
        int sounds = 0;
        int words = 0;
        for (Path clip : clips()) {
            Path sidecar = clip.resolveSibling(clip.getFileName().toString().replace(".mp4", ".json"));
            for (Prompt p : AvShapesPrompts.of(JsonParser.parseString(Files.readString(sidecar)).getAsJsonObject())) {
                if (p.kind() == Prompt.Kind.SOUND) {
                    sounds++;
                } else {
                    words++;
                }
            }
        }
        assertThat(words).as("the clips have spoken words").isPositive();
        assertThat(json.getAsJsonArray("failed")).as(json.toString()).isEmpty();
        JsonObject sound = json.getAsJsonObject("sound");
        JsonObject word = json.getAsJsonObject("word");
        int skipped = json.get("skippedPrompts").getAsInt();
        assertThat(sound.getAsJsonObject("uniform").get("instants").getAsInt()
                + word.getAsJsonObject("uniform").get("instants").getAsInt() + skipped).as(json.toString()).isEqualTo(sounds + words);
        assertThat(json.get("heads").getAsInt()).isEqualTo(2);
        assertThat(json.get("clipsScored").getAsInt()).isEqualTo(4);
        JsonObject soundHead = sound.getAsJsonArray("heads").get(0).getAsJsonObject();
        JsonObject wordHead = word.getAsJsonArray("heads").get(1).getAsJsonObject();
        double uniformSound = sound.getAsJsonObject("uniform").get("ap").getAsDouble();
        double uniformWord = word.getAsJsonObject("uniform").get("ap").getAsDouble();
        assertThat(soundHead.get("ap").getAsDouble()).isGreaterThan(0.8).isGreaterThan(uniformSound + 0.4);
        assertThat(wordHead.get("ap").getAsDouble()).isGreaterThan(0.8).isGreaterThan(uniformWord + 0.4);
        assertThat(soundHead.get("classes").getAsInt()).isPositive();
        assertThat(sound.getAsJsonObject("motionEnergy").get("instants").getAsInt())
                .isEqualTo(sound.getAsJsonObject("uniform").get("instants").getAsInt());
        JsonArray selectivity = json.getAsJsonArray("selectivity");
        assertThat(selectivity.get(0).getAsJsonObject().get("prefers").getAsString()).isEqualTo("sound");
        assertThat(selectivity.get(1).getAsJsonObject().get("prefers").getAsString()).isEqualTo("word");
        assertThat(selectivity.get(0).getAsJsonObject().get("nWord").getAsInt())
                .isEqualTo(word.getAsJsonObject("uniform").get("instants").getAsInt());
        assertThat(json.get("method").getAsString()).contains("eval_utils.py");
        assertThat(err()).contains("aggregate").contains("uniform").contains("motionEnergy").contains("head 1:");
    }
}
