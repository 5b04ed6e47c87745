package io.avlens.analysis.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RetrievalConfusionTest {

    /** Four clips: audio of each points at a chosen clip's video; classes wood/hit, wood/hit, metal/hit, metal/scrape. */
    @Test
    void countsTheClassOfEachQuerysTopHit() {
        String[][] labels = {{"wood", "hit"}, {"wood", "hit"}, {"metal", "hit"}, {"metal", "scrape"}};
        int[] nearest = {1, 0, 0, 2}; // clip 2's audio finds clip 0's video (wood hit), 3's finds 2's (metal hit)
        int d = 4;
        float[] v = new float[4 * 2 * d];
        List<EmbeddingItem> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            v[(i * 2) * d + nearest[i]] = 1; // audio: one-hot at the clip it should find
            v[(i * 2 + 1) * d + i] = 1; // video: one-hot at itself
            items.add(new EmbeddingItem("c" + i, "", "", "", Map.of("material", labels[i][0], "action",
                    labels[i][1])));
        }
        EmbeddingTable t = new EmbeddingTable("toy", List.of("audio", "video"), d, v, items);
        RetrievalConfusion c = RetrievalConfusion.of(t, "audio", "video", List.of("material", "action"));
        assertThat(c.direction()).isEqualTo("audio→video");
        assertThat(c.label()).isEqualTo("material+action");
        assertThat(c.classes()).containsExactly("wood hit", "metal hit", "metal scrape");
        assertThat(c.counts()).isDeepEqualTo(new int[][] {{2, 0, 0}, {1, 0, 0}, {0, 1, 0}});
        assertThat(c.accuracy()).isEqualTo(0.5);
        assertThat(c.confused()).containsExactly(new RetrievalConfusion.Confused("metal hit", "wood hit", 1),
                new RetrievalConfusion.Confused("metal scrape", "metal hit", 1));

        RetrievalConfusion byMaterial = RetrievalConfusion.of(t, "audio", "video", List.of("material"));
        assertThat(byMaterial.classes()).containsExactly("wood", "metal");
        assertThat(byMaterial.counts()).isDeepEqualTo(new int[][] {{2, 0}, {1, 1}});
    }
}
