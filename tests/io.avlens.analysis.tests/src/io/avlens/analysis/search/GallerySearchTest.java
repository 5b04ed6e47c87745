package io.avlens.analysis.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;

import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.analysis.embedding.EmbeddingTable;

class GallerySearchTest {

    @TempDir
    Path dir;

    private static EmbeddingTable table(int n, int d, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[n * 2 * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        List<EmbeddingItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new EmbeddingItem("c" + i, "media/c" + i + ".mp4", i % 3 == 0 ? "test" : "train", "",
                    Map.of("material", "m" + i % 2)));
        }
        return new EmbeddingTable("toy", List.of("audio", "video"), d, v, items);
    }

    /** Cosine of the query with every item's video vector, in double precision, sorted by score then row. */
    private static int[] naive(EmbeddingTable t, float[] q, int k, int[] among) {
        int d = t.dimension();
        int m = t.modality("video");
        double[] s = new double[t.size()];
        for (int r = 0; r < t.size(); r++) {
            double dot = 0;
            double rn = 0;
            double qn = 0;
            for (int j = 0; j < d; j++) {
                double x = t.values()[t.offset(r, m) + j];
                dot += x * q[j];
                rn += x * x;
                qn += (double) q[j] * q[j];
            }
            s[r] = dot / Math.sqrt(rn * qn);
        }
        return IntStream.of(among).boxed().sorted(Comparator.<Integer>comparingDouble(r -> -s[r])
                .thenComparingInt(r -> r)).limit(k).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void aClipQueryRanksTheTargetModalityByCosineAndASubsetKeepsTheTableRows() throws Exception {
        EmbeddingTable t = table(300, 24, 3);
        EmbeddingFiles.write(dir, t, null);
        try (GallerySearch search = GallerySearch.open(dir)) {
            float[] q = search.clipQuery("c7", "audio");
            assertThat(q).containsExactly(t.vector(7, 0));
            List<GallerySearch.Hit> hits = search.search(q, "video", 10, false);
            assertThat(hits.stream().mapToInt(GallerySearch.Hit::item).toArray())
                    .containsExactly(naive(t, q, 10, IntStream.range(0, 300).toArray()));
            assertThat(hits.get(0).rank()).isEqualTo(1);
            assertThat(hits.get(0).id()).isEqualTo("c" + hits.get(0).item());
            assertThat(hits.get(0).media()).isEqualTo("media/" + hits.get(0).id() + ".mp4");
            assertThat(hits.get(0).score()).isGreaterThanOrEqualTo(hits.get(9).score());

            int[] testRows = IntStream.range(0, 300).filter(i -> i % 3 == 0).toArray();
            List<GallerySearch.Hit> sub = search.search(q, "video", 5, testRows);
            assertThat(sub.stream().mapToInt(GallerySearch.Hit::item).toArray())
                    .containsExactly(naive(t, q, 5, testRows));
            assertThat(sub).allMatch(h -> h.item() % 3 == 0);
            assertThat(sub.get(4).rank()).isEqualTo(5);

            JsonArray json = GallerySearch.json(hits);
            assertThat(json.get(0).getAsJsonObject().get("id").getAsString()).isEqualTo(hits.get(0).id());
            assertThat(json.get(0).getAsJsonObject().get("rank").getAsInt()).isEqualTo(1);
        }
    }

    @Test
    void theApproximateIndexIsBuiltBesideTheTableWithItsRecall() throws Exception {
        EmbeddingTable t = table(400, 16, 5);
        EmbeddingFiles.write(dir, t, null);
        try (GallerySearch search = GallerySearch.open(dir)) {
            assertThat(search.hasIndex("video")).isFalse();
            assertThat(search.indexRecall("video")).isEmpty();
            float[] q = search.clipQuery("c1", "audio");
            assertThatThrownBy(() -> search.search(q, "video", 10, true)).hasMessageContaining("index-video.json");
            double recall = search.buildIndex("video", BuildMonitor.NONE).get("recallAt10").getAsDouble();
            assertThat(search.hasIndex("video")).isTrue();
            assertThat(search.indexRecall("video")).hasValue(recall);
            assertThat(recall).isGreaterThan(0.5);
            List<GallerySearch.Hit> approx = search.search(q, "video", 10, true);
            List<GallerySearch.Hit> exact = search.search(q, "video", 10, false);
            assertThat(approx).hasSize(10);
            // the index scores exactly: a row it finds has the exact score
            for (GallerySearch.Hit h : approx) {
                exact.stream().filter(e -> e.item() == h.item())
                        .forEach(e -> assertThat(h.score()).isCloseTo(e.score(), org.assertj.core.data.Offset.offset(1e-5f)));
            }
        }
    }

    @Test
    void unknownClipsAndModalitiesAreNamed() {
        try (GallerySearch search = new GallerySearch(table(5, 4, 1), null)) {
            assertThatThrownBy(() -> search.clipQuery("nope", "audio")).hasMessageContaining("'nope'");
            assertThatThrownBy(() -> search.clipQuery("c1", "text")).hasMessageContaining("'text'");
            assertThatThrownBy(() -> search.search(new float[4], "video", 3, true))
                    .hasMessageContaining("no folder");
        }
    }
}
