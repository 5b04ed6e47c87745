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
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.cli.command.CommandContext;

/** {@code avlens retrieve} over a small table written with EmbeddingFiles. */
class RetrieveCommandTest {

    private static final String[] MATERIALS = {"wood", "metal", "glass"};
    private static final int N = 60;
    private static final int D = 16;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Video vectors around one centre per material; audio = video + a little noise; text far from both. */
    @BeforeEach
    void table() throws Exception {
        Random rnd = new Random(4);
        float[][] centres = new float[MATERIALS.length][D];
        for (float[] c : centres) {
            for (int j = 0; j < D; j++) {
                c[j] = (float) rnd.nextGaussian();
            }
        }
        float[] values = new float[N * 3 * D];
        List<EmbeddingItem> items = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            int m = i % MATERIALS.length;
            for (int j = 0; j < D; j++) {
                float video = centres[m][j] + 0.3f * (float) rnd.nextGaussian();
                values[(i * 3) * D + j] = video + 0.05f * (float) rnd.nextGaussian();
                values[(i * 3 + 1) * D + j] = video;
                values[(i * 3 + 2) * D + j] = (float) rnd.nextGaussian();
            }
            items.add(new EmbeddingItem(String.format("clip-%03d", i), String.format("media/clip-%03d.mp4", i),
                    "test", "", Map.of("material", MATERIALS[m], "action", i % 2 == 0 ? "hit" : "scratch")));
        }
        EmbeddingFiles.write(dir.resolve("E"), new EmbeddingTable("test-model", List.of("audio", "video", "text"), D,
                values, items), null);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        CommandDispatcher dispatcher = new CommandDispatcher(List.of(new RetrieveCommand()));
        return dispatcher.execute(List.of(args), new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), dir));
    }

    private JsonArray hits() {
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject().getAsJsonArray("hits");
    }

    private static List<String> ids(JsonArray hits) {
        List<String> ids = new ArrayList<>();
        for (JsonElement h : hits) {
            ids.add(h.getAsJsonObject().get("id").getAsString());
        }
        return ids;
    }

    @Test
    void theQueryClipRanksItselfFirstAndHitsCarryTheirRelevance() {
        assertThat(run("retrieve", "--index", "E", "--query-clip", "clip-007", "--from", "video", "--to", "video",
                "--k", "5")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonArray hits = hits();
        assertThat(hits).hasSize(5);
        JsonObject first = hits.get(0).getAsJsonObject();
        assertThat(first.get("rank").getAsInt()).isEqualTo(1);
        assertThat(first.get("id").getAsString()).isEqualTo("clip-007");
        assertThat(first.get("isQuery").getAsBoolean()).isTrue();
        assertThat(first.get("score").getAsFloat()).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(first.get("media").getAsString()).isEqualTo("media/clip-007.mp4");
        for (int i = 1; i < 5; i++) {
            JsonObject h = hits.get(i).getAsJsonObject();
            assertThat(h.get("rank").getAsInt()).isEqualTo(i + 1);
            assertThat(h.get("isQuery").getAsBoolean()).isFalse();
            // clip-007 is metal (7 % 3 == 1): its video neighbours are metal clips, whose action may differ
            assertThat(h.get("sameMaterial").getAsBoolean()).isTrue();
            assertThat(h.get("score").getAsFloat()).isLessThanOrEqualTo(
                    hits.get(i - 1).getAsJsonObject().get("score").getAsFloat());
        }
        assertThat(hits.get(1).getAsJsonObject().has("sameAction")).isTrue();
        // across modalities the clip's own sound is nearest to its picture
        assertThat(run("retrieve", "--index", "E", "--query-clip", "clip-007", "--from", "audio", "--to", "video"))
                .isZero();
        assertThat(ids(hits()).get(0)).isEqualTo("clip-007");
        assertThat(hits()).hasSize(10);
    }

    @Test
    void theApproximateIndexIsBuiltOnceBesideTheTableAndAgreesWithExactSearch() {
        assertThat(run("retrieve", "--index", "E", "--query-clip", "clip-010", "--from", "audio", "--to", "video",
                "--k", "5")).isZero();
        List<String> exact = ids(hits());
        assertThat(run("retrieve", "--index", "E", "--query-clip", "clip-010", "--from", "audio", "--to", "video",
                "--k", "5", "--approximate")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonObject json = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(json.get("search").getAsString()).isEqualTo("approximate");
        assertThat(json.get("indexBuilt").getAsBoolean()).isTrue();
        assertThat(json.get("indexRecallAt10").getAsDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(ids(hits())).isEqualTo(exact);
        assertThat(Files.isRegularFile(dir.resolve("E/index-video.jvector"))).isTrue();
        assertThat(Files.isRegularFile(dir.resolve("E/index-video.json"))).isTrue();
        assertThat(run("retrieve", "--index", "E", "--query-clip", "clip-010", "--from", "audio", "--to", "video",
                "--k", "5", "--approximate")).isZero();
        assertThat(JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject().get("indexBuilt")
                .getAsBoolean()).isFalse();
        assertThat(ids(hits())).isEqualTo(exact);
    }

    @Test
    void badInputIsNamedWithExitTwo() throws Exception {
        assertThat(run("retrieve", "--index", "E", "--query-clip", "clip-999", "--from", "video", "--to", "video"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("items.csv").contains("clip-999");
        assertThat(run("retrieve", "--index", "E", "--query-text", "a wooden hit", "--to", "video", "--models",
                "no-models")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("test-model");
        assertThat(run("retrieve", "--index", "E", "--query-clip", "clip-001", "--from", "image", "--to", "video"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--from must be audio, video or text");
        assertThat(run("retrieve", "--index", "nowhere", "--query-clip", "clip-001", "--from", "video", "--to",
                "video")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nowhere");
        Files.writeString(dir.resolve("E/embeddings.npy"), "garbage");
        assertThat(run("retrieve", "--index", "E", "--query-clip", "clip-001", "--from", "video", "--to", "video"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("embeddings.npy");
    }
}
