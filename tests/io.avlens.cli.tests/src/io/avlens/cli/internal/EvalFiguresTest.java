package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.inference.InferenceService;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.model.Clip;
import io.avlens.model.Project;
import io.avlens.model.store.internal.XmiProjectStore;
import io.avlens.models.BuiltinModels;
import io.avlens.models.cavp.CavpShippedModel;
import io.avlens.models.cavp.CavpBlockFactory;
import io.avlens.models.cavp.CavpModel;
import io.avlens.models.cavp.CavpSimilarityTask;
import io.avlens.runner.internal.RunnerService;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthSpec;

/**
 * The figures {@code avlens eval} prints and writes into a descriptor, checked against ground truth recounted here
 * from the AV-Shapes sidecars (lags, events) and the per-clip estimates, on a small held-out set generated for the
 * test (10 clips, dataset seed 2, lags in ±1 s, with train/val/test splits): failed clips count as misses, lags
 * beyond the searched range are counted apart, a split selects the project's clips.
 */
class EvalFiguresTest {

    private static final double FRAME = 1 / 8.0;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path data;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void generate() throws Exception {
        data = shared.resolve("held-out");
        new AvShapesGenerator(new XmiProjectStore()).generate(SynthSpec.of(10, 2).withSize(64).withTiming(8, 4)
                .withLagRange(1.0), data, SynthProgress.NONE);
    }

    private int eval(String... args) {
        out.reset();
        err.reset();
        InferenceService service = DjlInferenceServices.cpu(List.of(new CavpBlockFactory()));
        RunnerService runner = new RunnerService();
        runner.addInferenceService(service, Map.of());
        runner.addTask(new CavpSimilarityTask());
        List<CliCommand> commands = List.of(new EvalCommand(runner, BuiltinModels.of(new CavpShippedModel()), new XmiProjectStore()));
        List<String> all = new java.util.ArrayList<>(List.of("eval", "--task", "sync", "--model", "cavp-small",
                "--models", shared.resolve("models").toString(), "--cache", shared.resolve("cache").toString()));
        all.addAll(List.of(args));
        return new CommandDispatcher(commands).execute(all, new CommandContext(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                dir));
    }

    private JsonObject json() {
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static JsonObject sidecar(Path media) throws Exception {
        String name = media.getFileName().toString().replace(".mp4", ".json");
        return JsonParser.parseString(Files.readString(media.resolveSibling(name))).getAsJsonObject();
    }

    private static boolean showsASound(JsonObject sidecar) {
        for (JsonElement e : sidecar.getAsJsonArray("events")) {
            String type = e.getAsJsonObject().get("type").getAsString();
            if (type.equals("hit") || type.equals("scratch")) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> clips(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
        }
    }

    /** The estimated lag of each clip as eval printed it. */
    private Map<String, Double> estimates() {
        Map<String, Double> lags = new HashMap<>();
        for (JsonElement e : json().getAsJsonArray("perClip")) {
            lags.put(e.getAsJsonObject().get("clip").getAsString(), e.getAsJsonObject().get("lagSeconds").getAsDouble());
        }
        return lags;
    }

    @Test
    void theFiguresWrittenIntoTheDescriptorAreTheRecountedOnes() throws Exception {
        Path descriptor = dir.resolve("cavp-small.json");
        try (InputStream in = CavpModel.class.getResourceAsStream("/weights/cavp-small/cavp-small.json")) {
            Files.copy(in, descriptor);
        }
        JsonObject before = JsonParser.parseString(Files.readString(descriptor)).getAsJsonObject();
        assertThat(eval("--data", data.toString(), "--write-descriptor", descriptor.toString())).isZero();
        JsonObject printed = json();
        Map<String, Double> lags = estimates();

        // ground truth, recounted from the sidecars
        int n = 0;
        int within = 0;
        double error = 0;
        int visible = 0;
        int visibleWithin = 0;
        for (Path clip : clips(data.resolve("media"))) {
            JsonObject truth = sidecar(clip);
            String id = clip.getFileName().toString().replace(".mp4", "");
            double d = Math.abs(lags.get(id) - truth.get("lagSeconds").getAsDouble());
            boolean right = d <= FRAME + 1e-6;
            n++;
            within += right ? 1 : 0;
            error += d;
            if (showsASound(truth)) {
                visible++;
                visibleWithin += right ? 1 : 0;
            }
        }
        assertThat(n).isEqualTo(10);
        assertThat(printed.get("split").getAsString()).isEqualTo("all");
        assertThat(printed.get("n").getAsInt()).isEqualTo(n);
        assertThat(printed.get("withinOneFrame").getAsInt()).isEqualTo(within);
        assertThat(printed.get("accuracyWithinOneFrame").getAsDouble()).isCloseTo((double) within / n, within(1e-6));
        assertThat(printed.get("maeN").getAsInt()).isEqualTo(n);
        assertThat(printed.get("maeSeconds").getAsDouble()).isCloseTo(error / n, within(1e-6));
        JsonObject v = printed.getAsJsonObject("visibleSoundingEvent");
        assertThat(v.get("n").getAsInt()).isEqualTo(visible);
        assertThat(v.get("withinOneFrame").getAsInt()).isEqualTo(visibleWithin);

        // the descriptor holds exactly the printed figures, with what they were measured on; nothing else changed
        JsonObject after = JsonParser.parseString(Files.readString(descriptor)).getAsJsonObject();
        JsonObject e = after.getAsJsonObject("evaluation");
        for (String key : List.of("n", "withinOneFrame", "accuracyWithinOneFrame", "maeN", "maeSeconds",
                "visibleSoundingEvent", "lagOutOfRange", "clips", "split")) {
            assertThat(e.get(key)).as(key).isEqualTo(printed.get(key));
        }
        assertThat(e.get("failed").getAsInt()).isZero();
        assertThat(e.get("command").getAsString()).startsWith("avlens eval --task sync --model cavp-small --data ");
        assertThat(e.get("data").getAsString()).contains("seed 2", "10 clips");
        assertThat(e.get("date").getAsString()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(e.has("refinedAccuracy")).isFalse();
        after.remove("evaluation");
        before.remove("evaluation");
        assertThat(after).isEqualTo(before);
        assertThat(Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }

    @Test
    void aFailedClipIsAMissAndALagBeyondTheRangeIsCounted() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("with-a-damaged-clip"));
        for (Path clip : clips(data.resolve("media"))) {
            Files.copy(clip, folder.resolve(clip.getFileName()));
            String json = clip.getFileName().toString().replace(".mp4", ".json");
            Files.copy(clip.resolveSibling(json), folder.resolve(json));
        }
        Files.writeString(folder.resolve("clip-00099.mp4"), "not a video");
        Files.writeString(folder.resolve("clip-00099.json"), "{\"lagSeconds\": 0.2, \"events\": []}");
        assertThat(eval("--data", folder.toString(), "--max-lag", "0.5")).isZero();
        JsonObject j = json();
        Map<String, Double> lags = estimates();
        int inRange = 0;
        int beyond = 0;
        int within = 0;
        for (Path clip : clips(data.resolve("media"))) {
            double truth = sidecar(clip).get("lagSeconds").getAsDouble();
            String id = clip.getFileName().toString().replace(".mp4", "");
            if (Math.abs(truth) > 0.5) {
                beyond++;
            } else {
                inRange++;
                within += Math.abs(lags.get(id) - truth) <= FRAME + 1e-6 ? 1 : 0;
            }
        }
        assertThat(beyond).as("the generated lags span ±1 s").isPositive();
        assertThat(j.get("clips").getAsInt()).isEqualTo(11);
        assertThat(j.getAsJsonObject("lagOutOfRange").get("n").getAsInt()).isEqualTo(beyond);
        assertThat(j.get("n").getAsInt()).as("in-range clips and the failed one").isEqualTo(inRange + 1);
        assertThat(j.get("withinOneFrame").getAsInt()).isEqualTo(within);
        assertThat(j.get("accuracyWithinOneFrame").getAsDouble()).isCloseTo((double) within / (inRange + 1),
                within(1e-6));
        assertThat(j.get("maeN").getAsInt()).isEqualTo(inRange);
        assertThat(j.getAsJsonArray("failed")).hasSize(1);
        assertThat(j.getAsJsonArray("failed").get(0).getAsJsonObject().get("clip").getAsString())
                .endsWith("clip-00099.mp4");
        assertThat(j.getAsJsonArray("failed").get(0).getAsJsonObject().get("message").getAsString()).isNotBlank();
    }

    @Test
    void aSplitSelectsTheProjectsClipsAndAFolderWithoutOneHasNoSplits() throws Exception {
        Project project = new XmiProjectStore().open(data);
        List<String> val = project.getDatasets().get(0).getClips().stream()
                .filter(c -> c.getSplit() != null && c.getSplit().getName().equals("val")).map(Clip::getId).toList();
        assertThat(val).isNotEmpty();
        assertThat(eval("--data", data.toString(), "--split", "val")).isZero();
        JsonObject j = json();
        assertThat(j.get("split").getAsString()).isEqualTo("val");
        assertThat(j.get("clips").getAsInt()).isEqualTo(val.size());
        assertThat(j.get("n").getAsInt()).isEqualTo(val.size());

        assertThat(eval("--data", data.toString(), "--split", "holdout")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("project.avlens", "'holdout'", "train", "val", "test");
        assertThat(eval("--data", data.resolve("media").toString(), "--split", "test")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(data.resolve("media") + ": has no project.avlens");
    }

    @Test
    void aDescriptorOfOtherWeightsIsNotWritten() throws Exception {
        refusedUntouched("other.json", "{\"id\": \"other\", \"family\": \"cavp\", \"sha256\": \"00ff\"}",
                ": describes weights with SHA-256 00ff");
        refusedUntouched("settings.json", "{\"name\": \"my settings\", \"x\": 1}", ": not a model descriptor");
    }

    /** {@code --write-descriptor} on a file holding {@code text}: exit 2 with {@code message}, the file unchanged. */
    private void refusedUntouched(String name, String text, String message) throws Exception {
        Path file = Files.writeString(dir.resolve(name), text);
        assertThat(eval("--data", data.toString(), "--split", "test", "--write-descriptor", file.toString()))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(file + message);
        assertThat(Files.readString(file)).isEqualTo(text);
    }
}
