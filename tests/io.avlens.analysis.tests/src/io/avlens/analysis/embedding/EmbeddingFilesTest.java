package io.avlens.analysis.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

/** Tables written and read back unchanged; consensus as methods.md §3 defines it; bad folders named. */
class EmbeddingFilesTest {

    @TempDir
    Path dir;

    private static EmbeddingTable table() {
        // item 0: audio, video and text agree; item 1: the audio points away from the text
        float[] v = {
                1, 0, 0, 1, 0, 0, 1, 0, 0,
                0, 1, 0, 0.6f, 0.8f, 0, 0, 1, 0};
        return new EmbeddingTable("mc3-small", List.of("audio", "video", "text"), 3, v, List.of(
                new EmbeddingItem("clip-00000", "media/clip-00000.mp4", "test", "a wooden ball falls, \"bounces\"",
                        Map.of("material", "wood")),
                new EmbeddingItem("clip-00001", "media/clip-00001.mp4", "val", "two lines\nof text",
                        Map.of("material", "metal"))));
    }

    @Test
    void roundTrip() throws IOException {
        JsonObject extra = new JsonObject();
        extra.addProperty("split", "test");
        EmbeddingFiles.write(dir, table(), extra);
        EmbeddingTable back = EmbeddingFiles.read(dir);
        assertThat(back.model()).isEqualTo("mc3-small");
        assertThat(back.modalities()).containsExactly("audio", "video", "text");
        assertThat(back.values()).containsExactly(table().values());
        assertThat(back.items()).isEqualTo(table().items());
        assertThat(EmbeddingFiles.description(dir).get("split").getAsString()).isEqualTo("test");
        assertThat(EmbeddingFiles.isTable(dir)).isTrue();
    }

    @Test
    void consensusIsTheWeakestAgreementWithTheAnchor() {
        float[] c = table().consensus("text");
        assertThat(c[0]).isCloseTo(1f, within(1e-6f));
        assertThat(c[1]).isCloseTo(0.8f, within(1e-6f)); // text·video = 0.8, text·audio = 1 → min 0.8
        assertThat(table().similarity(1, 0, 1)).isCloseTo(0.8, within(1e-6));
    }

    @Test
    void modalityVectorsAreOneModalityOfEveryItem() {
        assertThat(table().modalityVectors(table().modality("video"))).containsExactly(1, 0, 0, 0.6f, 0.8f, 0);
        assertThatThrownBy(() -> table().modality("depth")).hasMessageContaining("[audio, video, text]");
    }

    @Test
    void missingOrDisagreeingFilesAreNamed() throws IOException {
        assertThatThrownBy(() -> EmbeddingFiles.read(dir)).hasMessageContaining("embeddings.json");
        EmbeddingFiles.write(dir, table(), null);
        Files.writeString(dir.resolve("items.csv"), "id,media,split,narration\nclip-00000,a,b,c\n");
        assertThatThrownBy(() -> EmbeddingFiles.read(dir)).hasMessageContaining("items.csv")
                .hasMessageContaining("1 items for 2 rows");
        Files.writeString(dir.resolve("items.csv"), "id,media,split,narration\nx,a,b,c\nx,a,b,c\n");
        assertThatThrownBy(() -> EmbeddingFiles.read(dir)).hasMessageContaining("repeats the id 'x'");
    }
}
