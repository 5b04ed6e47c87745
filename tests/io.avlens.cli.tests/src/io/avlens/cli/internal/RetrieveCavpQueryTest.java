package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.analysis.embedding.ClipEmbedding;
import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.analysis.search.ClipRetrieval;
import io.avlens.analysis.search.RetrievalHit;
import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.model.store.internal.XmiProjectStore;
import io.avlens.models.BuiltinModels;
import io.avlens.models.QueryEncoder;
import io.avlens.models.cavp.CavpBlockFactory;
import io.avlens.models.cavp.CavpEmbedTask;
import io.avlens.models.cavp.CavpQueryEncoders;
import io.avlens.models.cavp.CavpShippedModel;
import io.avlens.models.embedding.EmbeddingTableTask;
import io.avlens.runner.internal.RunnerService;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthSpec;

/**
 * {@code avlens retrieve --query-file F [--start S --end E]} over a table {@code avlens embed --model cavp-small}
 * made, through CAVP's query encoders: a clip's own file is its own row (same vectors), and a span around one sound
 * of a held-out clip finds gallery clips of that sound's material well above a random ranking. The gallery is 40
 * one-object AV-Shapes clips (dataset seed 41), the held-out clips 10 more (seed 42), at CAVP-small's 64 px, 8 fps,
 * 4 s; CAVP-small was trained on seed 1.
 */
class RetrieveCavpQueryTest {

    private static final int GALLERY = 40;
    private static final int HELD_OUT = 10;
    private static final int K = 5;

    @TempDir
    static Path dir;
    private static Path index;
    private static Path heldOut;
    private static EmbeddingTable table;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void embed() throws Exception {
        XmiProjectStore store = new XmiProjectStore();
        Path data = dir.resolve("gallery");
        new AvShapesGenerator(store).generate(SynthSpec.of(GALLERY, 41).withSize(64).withTiming(8, 4)
                .withObjects(1, 1, 0), data, SynthProgress.NONE);
        heldOut = dir.resolve("held-out");
        new AvShapesGenerator(store).generate(SynthSpec.of(HELD_OUT, 42).withSize(64).withTiming(8, 4)
                .withObjects(1, 1, 0), heldOut, SynthProgress.NONE);
        index = dir.resolve("E");
        RunnerService runner = new RunnerService();
        runner.addInferenceService(DjlInferenceServices.cpu(List.of(new CavpBlockFactory())), Map.of());
        runner.addTask(new CavpEmbedTask());
        runner.addDatasetTask(new EmbeddingTableTask());
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = new CommandDispatcher(List.of(new EmbedCommand(runner, BuiltinModels.of(new CavpShippedModel()),
                store))).execute(List.of("embed", "--model", "cavp-small", "--data", data.toString(), "--out",
                        index.toString(), "--models", dir.resolve("models").toString(), "--cache",
                        dir.resolve("cache").toString()), new CommandContext(new PrintStream(o, true,
                                StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), dir));
        assertThat(rc).as(e.toString(StandardCharsets.UTF_8)).isZero();
        table = EmbeddingFiles.read(index);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        List<String> all = new ArrayList<>(List.of("retrieve", "--index", index.toString(), "--models",
                dir.resolve("models").toString()));
        all.addAll(List.of(args));
        List<CliCommand> commands = List.of(new RetrieveCommand(List.of(new CavpQueryEncoders()),
                BuiltinModels.of(new CavpShippedModel())));
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

    private static QueryEncoder encoder() throws Exception {
        return new CavpQueryEncoders().open(dir.resolve("models/cavp-small/model.json"));
    }

    @Test
    void aClipsOwnFileIsItsOwnRow() throws Exception {
        for (int row : new int[] {3, 17}) {
            Path media = Path.of(table.item(row).media());
            for (String modality : List.of("audio", "video")) {
                assertThat(run("--query-file", media.toString(), "--from", modality, "--to", modality)).as(err())
                        .isZero();
                JsonObject first = json().getAsJsonArray("hits").get(0).getAsJsonObject();
                assertThat(first.get("id").getAsString()).isEqualTo(table.item(row).id());
                assertThat(first.get("score").getAsDouble()).isCloseTo(1.0, within(1e-5));
            }
            try (QueryEncoder encoder = encoder()) {
                ClipEmbedding e = encoder.media(media);
                assertThat(e.modalities()).isEqualTo(table.modalities());
                for (int m = 0; m < 2; m++) {
                    float[] q = Arrays.copyOfRange(e.values(), m * e.dimension(), (m + 1) * e.dimension());
                    float[] v = table.vector(row, m);
                    for (int j = 0; j < v.length; j++) {
                        assertThat(q[j]).as("row %d modality %d value %d", row, m, j).isCloseTo(v[j], within(1e-5f));
                    }
                }
            }
        }
    }

    /**
     * A span around each sound of the held-out clips (a hit: from its frame to 0.5 s later; a scratch: its whole
     * duration), audio→audio: precision@5 by "same material as the sound" against the expected precision of a random
     * ranking and of the same ranking with the gallery's materials shuffled (100 shuffles).
     */
    @Test
    void aSpanOfASoundFindsClipsOfItsMaterial() throws Exception {
        List<String> materials = table.items().stream().map(i -> i.label("material")).toList();
        List<String> classes = table.items().stream().map(i -> i.label("material") + "+" + i.label("action")).toList();
        double precisionClass = 0;
        double randomClass = 0;
        Map<String, Integer> count = new HashMap<>();
        materials.forEach(m -> count.merge(m, 1, Integer::sum));
        int spans = 0;
        double precision = 0;
        double random = 0;
        List<List<Integer>> rankings = new ArrayList<>();
        List<String> wanted = new ArrayList<>();
        for (int c = 0; c < HELD_OUT; c++) {
            Path media = heldOut.resolve("media").resolve(String.format("clip-%05d.mp4", c));
            JsonObject sidecar = JsonParser.parseString(Files.readString(heldOut.resolve("media").resolve(
                    String.format("clip-%05d.json", c)))).getAsJsonObject();
            for (JsonElement ev : sidecar.getAsJsonArray("events")) {
                JsonObject event = ev.getAsJsonObject();
                String type = event.get("type").getAsString();
                if (!type.equals("hit") && !type.equals("scratch")) {
                    continue;
                }
                double start = event.get("time").getAsDouble();
                double end = Math.min(4.0, start + Math.max(0.5, event.get("duration").getAsDouble()));
                String material = event.get("material").getAsString();
                assertThat(run("--query-file", media.toString(), "--start", Double.toString(start), "--end",
                        Double.toString(end), "--from", "audio", "--to", "audio", "--k", Integer.toString(K)))
                        .as(err()).isZero();
                JsonArray hits = json().getAsJsonArray("hits");
                List<Integer> rows = new ArrayList<>();
                int relevant = 0;
                for (JsonElement h : hits) {
                    int row = table.items().stream().map(i -> i.id()).toList().indexOf(h.getAsJsonObject().get("id")
                            .getAsString());
                    rows.add(row);
                    relevant += materials.get(row).equals(material) ? 1 : 0;
                    precisionClass += classes.get(row).equals(material + "+" + type) ? 1.0 / K : 0;
                }
                rankings.add(rows);
                wanted.add(material);
                precision += relevant / (double) K;
                random += count.getOrDefault(material, 0) / (double) GALLERY;
                randomClass += classes.stream().filter((material + "+" + type)::equals).count() / (double) GALLERY;
                spans++;
            }
        }
        precision /= spans;
        random /= spans;
        precisionClass /= spans;
        randomClass /= spans;
        Random rnd = new Random(7);
        double shuffled = 0;
        int shuffles = 100;
        for (int s = 0; s < shuffles; s++) {
            List<String> perm = new ArrayList<>(materials);
            java.util.Collections.shuffle(perm, rnd);
            double p = 0;
            for (int q = 0; q < spans; q++) {
                String material = wanted.get(q);
                p += rankings.get(q).stream().filter(r -> perm.get(r).equals(material)).count() / (double) K;
            }
            shuffled += p / spans;
        }
        shuffled /= shuffles;
        System.out.printf("CAVP-small span queries audio→audio, same material: precision@%d %.3f over n = %d spans of"
                + " %d held-out clips; random ranking %.3f; shuffled materials %.3f; gallery %s%n", K, precision,
                spans, HELD_OUT, random, shuffled, count);
        System.out.printf("  same material and event type (hit/scratch): precision@%d %.3f; random ranking %.3f%n", K,
                precisionClass, randomClass);
        assertThat(spans).isGreaterThanOrEqualTo(HELD_OUT);
        assertThat(precision).as("precision@5 against a random ranking's %.3f", random).isGreaterThan(random + 0.15);
        assertThat(precision).as("against shuffled materials").isGreaterThan(shuffled + 0.15);
    }

    /** The command's ranking is the encoder's span vector searched by {@link ClipRetrieval}; bad spans are named. */
    @Test
    void aSpanIsEmbeddedByTheEncoderAndBadSpansAreNamed() throws Exception {
        Path media = heldOut.resolve("media/clip-00002.mp4");
        assertThat(run("--query-file", media.toString(), "--start", "1", "--end", "2.5", "--from", "audio", "--to",
                "video", "--k", "8")).as(err()).isZero();
        JsonObject span = json();
        assertThat(span.getAsJsonObject("query").get("start").getAsDouble()).isEqualTo(1.0);
        List<RetrievalHit> expected;
        try (QueryEncoder encoder = encoder()) {
            ClipEmbedding e = encoder.span(media, 1, 2.5);
            float[] q = Arrays.copyOfRange(e.values(), 0, e.dimension());
            expected = new ClipRetrieval(table, index).exact(q, "video", 8);
            ClipEmbedding whole = encoder.media(media);
            assertThat(Arrays.copyOfRange(whole.values(), 0, whole.dimension())).as("a span is not the whole clip")
                    .isNotEqualTo(q);
        }
        JsonArray hits = span.getAsJsonArray("hits");
        assertThat(hits).hasSize(8);
        for (int i = 0; i < hits.size(); i++) {
            JsonObject h = hits.get(i).getAsJsonObject();
            assertThat(h.get("id").getAsString()).isEqualTo(expected.get(i).id());
            assertThat(h.get("score").getAsDouble()).isCloseTo(expected.get(i).score(), within(1e-6));
        }

        assertThat(run("--query-file", media.toString(), "--start", "5", "--end", "6", "--from", "audio", "--to",
                "audio")).isEqualTo(2);
        assertThat(err()).contains(media.toString(), "holds no video frame");
        assertThat(run("--query-file", media.toString(), "--start", "2", "--end", "2", "--from", "audio", "--to",
                "audio")).isEqualTo(2);
        assertThat(err()).contains(media.toString(), "0 <= start < end");
        assertThat(run("--query-file", media.toString(), "--start", "2", "--end", "1", "--from", "audio", "--to",
                "audio")).isEqualTo(2);
        assertThat(err()).contains(media.toString(), "0 <= start < end");
        assertThat(run("--query-text", "a metal ball", "--to", "audio")).isEqualTo(2);
        assertThat(err()).contains("cavp-small", "no language encoder");
    }
}
