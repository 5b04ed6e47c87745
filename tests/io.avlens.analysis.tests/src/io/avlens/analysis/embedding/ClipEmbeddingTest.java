package io.avlens.analysis.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A clip task's embedding written and read back; a description that does not fit the vectors is named. */
class ClipEmbeddingTest {

    @TempDir
    Path dir;

    @Test
    void roundTrip() throws IOException {
        new ClipEmbedding(List.of("audio", "video"), new float[] {1, 2, 3, 4, 5, 6}).write(dir);
        ClipEmbedding back = ClipEmbedding.read(dir);
        assertThat(back.modalities()).containsExactly("audio", "video");
        assertThat(back.dimension()).isEqualTo(3);
        assertThat(back.values()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void mismatchIsNamed() throws IOException {
        new ClipEmbedding(List.of("audio", "video"), new float[] {1, 2, 3, 4}).write(dir);
        Files.writeString(dir.resolve(ClipEmbedding.DESCRIPTION), "{\"modalities\": [\"audio\", \"video\", \"text\"]}");
        assertThatThrownBy(() -> ClipEmbedding.read(dir)).hasMessageContaining("embedding.npy")
                .hasMessageContaining("[audio, video, text]");
        assertThatThrownBy(() -> new ClipEmbedding(List.of("a", "b"), new float[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
