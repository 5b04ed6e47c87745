package io.avlens.analysis.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table whose model names its consensus anchor is ranked, exported and stored by that anchor; a table of a model
 * that names none keeps the text anchor.
 */
class ConsensusAnchorTest {

    @TempDir
    Path dir;

    private static float[] at(double degrees) {
        double r = Math.toRadians(degrees);
        return new float[] {(float) Math.cos(r), (float) Math.sin(r)};
    }

    /**
     * Four items in 2-D, by angle. Sounding (0, 2): audio 0°, video −10°, text 60°: sim(a,v) 0.985, sim(a,l) 0.5,
     * sim(v,l) 0.342, so the audio anchor's consensus is 0.5 and the text's 0.342. Silent (1, 3): audio 0°, video
     * 90°, text 45°: sim(a,v) 0, sim(a,l) = sim(v,l) = 0.707: audio anchor 0, text anchor 0.707. The text anchor
     * ranks the silent items first, the audio anchor the sounding ones.
     */
    private static EmbeddingTable table(String anchor) {
        List<EmbeddingItem> items = new ArrayList<>();
        float[] v = new float[4 * 3 * 2];
        for (int i = 0; i < 4; i++) {
            boolean sounding = i % 2 == 0;
            float[][] rows = sounding ? new float[][] {at(0), at(-10), at(60)} : new float[][] {at(0), at(90), at(45)};
            for (int m = 0; m < 3; m++) {
                System.arraycopy(rows[m], 0, v, (i * 3 + m) * 2, 2);
            }
            items.add(new EmbeddingItem("c" + i, "", "test", "", Map.of("soundingAction", Boolean.toString(sounding))));
        }
        return new EmbeddingTable("m", List.of("audio", "video", "text"), 2, v, items, anchor);
    }

    @Test
    void discoveryRanksByTheModelsAnchor() {
        Discovery.Scores audio = Discovery.score(table("audio"), AvShapesLabels.SOUNDING_ACTION);
        assertThat(audio.rankedBy()).isEqualTo("consensus(audio)");
        assertThat(audio.ap()).isEqualTo(1.0);
        Discovery.Scores text = Discovery.score(table(null), AvShapesLabels.SOUNDING_ACTION);
        assertThat(text.rankedBy()).isEqualTo("consensus(text)");
        assertThat(text.ap()).isLessThan(0.5); // both positives ranked last: (1/3 + 2/4) / 2
        assertThat(table(null).consensusAnchor()).isEqualTo("text");
        assertThat(table(null).namedAnchor()).isNull();
    }

    @Test
    void consensusNpyAndTheStoredTableKeepTheAnchor() throws Exception {
        EmbeddingTable t = EmbeddingExports.withPairSimilarities(table("audio"));
        assertThat(t.consensusAnchor()).isEqualTo("audio");
        assertThat(EmbeddingExports.writeConsensus(dir, t)).isTrue();
        float[] c = io.avlens.core.tensor.Npy.read(dir.resolve(EmbeddingExports.CONSENSUS)).toFloatTensor().toArray();
        assertThat(c).containsExactly(t.consensus("audio"));
        assertThat(c[0]).isCloseTo(0.5f, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(c[1]).isCloseTo(0f, org.assertj.core.data.Offset.offset(1e-5f));

        EmbeddingFiles.write(dir, t, null);
        assertThat(EmbeddingFiles.description(dir).get(EmbeddingFiles.CONSENSUS_ANCHOR).getAsString())
                .isEqualTo("audio");
        assertThat(EmbeddingFiles.read(dir).consensusAnchor()).isEqualTo("audio");

        Path plain = Files.createDirectories(dir.resolve("plain"));
        EmbeddingFiles.write(plain, table(null), null);
        assertThat(EmbeddingFiles.description(plain).has(EmbeddingFiles.CONSENSUS_ANCHOR)).isFalse();
        assertThat(EmbeddingFiles.read(plain).consensusAnchor()).isEqualTo("text");
    }

    @Test
    void aClipEmbeddingCarriesItsAnchorAndAnUnknownAnchorIsRefused() throws Exception {
        new ClipEmbedding(List.of("audio", "video", "text"), new float[] {1, 0, 0, 1, 1, 1}, "video").write(dir);
        assertThat(ClipEmbedding.read(dir).consensusAnchor()).isEqualTo("video");
        new ClipEmbedding(List.of("audio", "video"), new float[] {1, 0, 0, 1}).write(dir);
        assertThat(ClipEmbedding.read(dir).consensusAnchor()).isNull();
        assertThatThrownBy(() -> table("speech")).hasMessageContaining("'speech'")
                .hasMessageContaining("[audio, video, text]");
        assertThatThrownBy(() -> new ClipEmbedding(List.of("audio", "video"), new float[] {1, 0, 0, 1}, "text"))
                .hasMessageContaining("'text'");
    }
}
