package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.avlens.analysis.embedding.AvShapesLabels;
import io.avlens.analysis.embedding.ClipEmbedding;
import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.cli.command.CommandContext;
import io.avlens.model.store.internal.XmiProjectStore;
import io.avlens.models.BuiltinModels;
import io.avlens.models.mc3.Mc3Embedder;
import io.avlens.models.mc3.Mc3QueryEncoders;
import io.avlens.models.mc3.Mc3ShippedModel;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthSpec;

/**
 * {@code avlens retrieve --query-text} and {@code --query-file} over a table the shipped MC3-small made: the query is
 * encoded by the table's model (found by the id in embeddings.json), so a clip's own narration finds a clip with that
 * narration, and a clip's own file finds that clip.
 */
class RetrieveEncodedQueryTest {

    private static final int CLIPS = 6;

    @TempDir
    static Path dir;
    private static EmbeddingTable table;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void embed() throws Exception {
        Path data = dir.resolve("data");
        new AvShapesGenerator(new XmiProjectStore()).generate(SynthSpec.of(CLIPS, 8).withSize(64).withTiming(8, 4),
                data, SynthProgress.NONE);
        List<EmbeddingItem> items = new ArrayList<>();
        float[] values = null;
        try (Mc3Embedder model = Mc3Embedder.shipped(dir.resolve("models"), 1)) {
            for (int i = 0; i < CLIPS; i++) {
                String id = String.format("clip-%05d", i);
                Path media = data.resolve("media").resolve(id + ".mp4");
                ClipEmbedding e = model.embed(media);
                if (values == null) {
                    values = new float[CLIPS * e.values().length];
                }
                System.arraycopy(e.values(), 0, values, i * e.values().length, e.values().length);
                items.add(new EmbeddingItem(id, media.toString(), "", AvShapesLabels.narration(
                        AvShapesLabels.sidecar(media)), AvShapesLabels.read(AvShapesLabels.sidecar(media))));
            }
        }
        table = new EmbeddingTable("mc3-small", Mc3Embedder.MODALITIES, values.length / CLIPS / 3, values, items);
        EmbeddingFiles.write(dir.resolve("E"), table, null);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        RetrieveCommand command = new RetrieveCommand(List.of(new Mc3QueryEncoders()),
                BuiltinModels.of(new Mc3ShippedModel()));
        return new CommandDispatcher(List.of(command)).execute(List.of(args), new CommandContext(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                dir));
    }

    private JsonObject json() {
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    @Test
    void typedTextFindsTheClipsWithThatNarration() {
        String narration = table.item(2).narration();
        assertThat(run("retrieve", "--index", "E", "--query-text", narration, "--to", "text", "--k", "3",
                "--models", "models")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonObject json = json();
        assertThat(json.getAsJsonObject("query").get("text").getAsString()).isEqualTo(narration);
        JsonObject first = json.getAsJsonArray("hits").get(0).getAsJsonObject();
        String id = first.get("id").getAsString();
        assertThat(table.items().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow().narration())
                .isEqualTo(narration);
        assertThat(first.get("score").getAsDouble()).isGreaterThan(0.999);
        assertThat(first.get("isQuery").getAsBoolean()).isFalse();
    }

    @Test
    void aFileFromDiskFindsItsOwnClip() {
        Path media = Path.of(table.item(4).media());
        assertThat(run("retrieve", "--index", "E", "--query-file", media.toString(), "--from", "video", "--to",
                "video", "--models", "models")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonArray hits = json().getAsJsonArray("hits");
        assertThat(hits.get(0).getAsJsonObject().get("id").getAsString()).isEqualTo(table.item(4).id());
        assertThat(hits.get(0).getAsJsonObject().get("score").getAsDouble()).isGreaterThan(0.999);
    }

    @Test
    void badQueriesAreNamed() {
        assertThat(run("retrieve", "--index", "E", "--query-file", "missing.mp4", "--from", "video", "--to",
                "video", "--models", "models")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.mp4");
        assertThat(run("retrieve", "--index", "E", "--query-text", "a ball", "--query-clip", "clip-00001",
                "--to", "text")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("give one query");
    }

    /**
     * A time span of a file: the model embeds only those frames and their sound (padded to its 4 s window), so the
     * whole 4 s clip as a span is the clip's own vector, and a 1.5 s span is another query whose score with every hit
     * is the cosine of the span's vector that {@link Mc3Embedder#embedSpan} gives.
     */
    @Test
    void aTimeSpanOfAFileIsEmbeddedAloneAndSearched() throws Exception {
        Path media = Path.of(table.item(3).media());
        assertThat(run("retrieve", "--index", "E", "--query-file", media.toString(), "--start", "0", "--end", "4",
                "--from", "audio", "--to", "audio", "--models", "models")).as(err.toString(StandardCharsets.UTF_8))
                .isZero();
        JsonObject whole = json();
        assertThat(whole.getAsJsonObject("query").get("end").getAsDouble()).isEqualTo(4.0);
        JsonObject first = whole.getAsJsonArray("hits").get(0).getAsJsonObject();
        assertThat(first.get("id").getAsString()).isEqualTo(table.item(3).id());
        assertThat(first.get("score").getAsDouble()).as("the whole clip as a span is the clip").isGreaterThan(0.999);

        assertThat(run("retrieve", "--index", "E", "--query-file", media.toString(), "--start", "1", "--end", "2.5",
                "--from", "audio", "--to", "audio", "--k", "6", "--models", "models"))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonObject span = json();
        assertThat(span.getAsJsonObject("query").get("start").getAsDouble()).isEqualTo(1.0);
        float[] q;
        try (Mc3Embedder model = Mc3Embedder.shipped(dir.resolve("models"), 1)) {
            ClipEmbedding e = model.embedSpan(media, 1, 2.5);
            q = java.util.Arrays.copyOfRange(e.values(), 0, table.dimension());
        }
        for (var h : span.getAsJsonArray("hits")) {
            JsonObject o = h.getAsJsonObject();
            int row = table.items().stream().map(EmbeddingItem::id).toList().indexOf(o.get("id").getAsString());
            float[] v = java.util.Arrays.copyOfRange(table.values(), table.offset(row, 0), table.offset(row, 0)
                    + table.dimension());
            assertThat(o.get("score").getAsDouble()).isCloseTo(Mc3Embedder.similarity(q, v),
                    org.assertj.core.data.Offset.offset(1e-5));
        }
        float[] own = java.util.Arrays.copyOfRange(table.values(), table.offset(3, 0), table.offset(3, 0)
                + table.dimension());
        assertThat(Mc3Embedder.similarity(q, own)).as("a span is not the whole clip").isLessThan(0.999);
        System.out.println("span 1-2.5 s of " + table.item(3).id() + " audio→audio: " + span.getAsJsonArray("hits"));

        // bad spans are named, nothing searched
        assertThat(run("retrieve", "--index", "E", "--query-file", media.toString(), "--start", "1", "--from",
                "audio", "--to", "audio", "--models", "models")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("both --start and --end");
        assertThat(run("retrieve", "--index", "E", "--query-file", media.toString(), "--start", "2", "--end", "1",
                "--from", "audio", "--to", "audio", "--models", "models")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("0 <= start < end");
        assertThat(run("retrieve", "--index", "E", "--query-file", media.toString(), "--start", "10", "--end", "12",
                "--from", "audio", "--to", "audio", "--models", "models")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(media.toString(), "holds no video frame");
        assertThat(run("retrieve", "--index", "E", "--query-text", "a ball", "--start", "0", "--end", "1", "--to",
                "text", "--models", "models")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("time span of --query-file");
    }
}
