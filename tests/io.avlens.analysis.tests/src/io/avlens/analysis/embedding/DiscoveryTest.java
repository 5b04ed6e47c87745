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

/** Discovery by consensus or by one pair, and the exports beside a table. */
class DiscoveryTest {

    @TempDir
    Path dir;

    /** Item i: audio, video, text; sounding items have all three aligned, silent ones a text pointing away. */
    private static EmbeddingTable triModal() {
        List<EmbeddingItem> items = new ArrayList<>();
        float[] v = new float[4 * 3 * 2];
        for (int i = 0; i < 4; i++) {
            boolean sounding = i % 2 == 0;
            float[][] rows = {{1, 0}, {1, 0.1f}, sounding ? new float[] {1, 0.2f} : new float[] {0, 1}};
            for (int m = 0; m < 3; m++) {
                System.arraycopy(rows[m], 0, v, (i * 3 + m) * 2, 2);
            }
            items.add(new EmbeddingItem("c" + i, "", "test", "a ball " + i, Map.of("soundingAction",
                    Boolean.toString(sounding))));
        }
        return new EmbeddingTable("m", List.of("audio", "video", "text"), 2, v, items);
    }

    @Test
    void consensusRanksTheSoundingItemsFirst() {
        Discovery.Scores s = Discovery.score(triModal(), AvShapesLabels.SOUNDING_ACTION);
        assertThat(s.rankedBy()).isEqualTo("consensus(text)");
        assertThat(s.n()).isEqualTo(4);
        assertThat(s.positiveShare()).isEqualTo(0.5);
        assertThat(s.ap()).isEqualTo(1.0);
        assertThat(s.pairs()).containsOnlyKeys("audio-video", "audio-text", "video-text");
        // identical for every item: pessimistic ties put the two positives last, AP (1/3 + 2/4) / 2 < the share
        assertThat(s.pairs().get("audio-video")).isCloseTo((1 / 3.0 + 0.5) / 2, org.assertj.core.data.Offset
                .offset(1e-12));
    }

    @Test
    void aTwoModalityTableIsRankedByItsPairAndATableWithoutTheLabelIsRefused() {
        EmbeddingTable t = triModal();
        float[] av = new float[4 * 2 * 2];
        List<EmbeddingItem> items = t.items();
        for (int i = 0; i < 4; i++) {
            System.arraycopy(t.values(), (i * 3) * 2, av, (i * 2) * 2, 2);
            System.arraycopy(t.values(), (i * 3 + 2) * 2, av, (i * 2 + 1) * 2, 2);
        }
        Discovery.Scores s = Discovery.score(new EmbeddingTable("m", List.of("audio", "text2"), 2, av, items),
                AvShapesLabels.SOUNDING_ACTION);
        assertThat(s.rankedBy()).isEqualTo("audio-text2");
        assertThat(s.ap()).isEqualTo(1.0);
        assertThatThrownBy(() -> Discovery.score(t, "nothing")).hasMessageContaining("no item has the label 'nothing'");
    }

    @Test
    void exportsWriteConsensusAndOneProjectorRowPerItemAndModality() throws Exception {
        EmbeddingTable t = EmbeddingExports.withPairSimilarities(triModal());
        assertThat(t.item(1).label("sim:audio-video")).startsWith("0.99");
        assertThat(EmbeddingExports.writeConsensus(dir, t)).isTrue();
        EmbeddingExports.writeProjector(dir, t);
        assertThat(Files.readAllLines(dir.resolve("projector/vectors.tsv"))).hasSize(12)
                .allSatisfy(l -> assertThat(l.split("\t")).hasSize(2));
        List<String> meta = Files.readAllLines(dir.resolve("projector/metadata.tsv"));
        assertThat(meta).hasSize(13);
        assertThat(meta.get(0)).startsWith("id\tmodality\tsplit\tnarration\t");
        assertThat(meta.get(3)).startsWith("c0\ttext\ttest\ta ball 0\t");
        float[] c = io.avlens.core.tensor.Npy.read(dir.resolve("consensus.npy")).toFloatTensor().toArray();
        assertThat(c).containsExactly(t.consensus("text"));
        assertThat(c[0]).isGreaterThan(c[1]);
    }
}
