package io.avlens.ui.retrieval.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.analysis.search.ClipRetrieval;
import io.avlens.analysis.search.RetrievalHit;
import io.avlens.ui.retrieval.internal.GalleryMetrics;
import io.avlens.ui.retrieval.internal.GalleryRows;
import io.avlens.ui.retrieval.internal.Relevance;

/** The inspector's display-free parts: a split or selection as the gallery, relevance marks, metrics on a subset. */
class RetrievalGalleryTest {

    private static EmbeddingTable table(int n, int d) {
        Random rnd = new Random(7);
        float[] v = new float[n * 2 * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        List<EmbeddingItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new EmbeddingItem("c" + i, "media/c" + i + ".mp4", i % 2 == 0 ? "train" : "test", "",
                    Map.of("material", "m" + i % 3, "action", "a" + i % 2)));
        }
        return new EmbeddingTable("toy", List.of("audio", "video"), d, v, items);
    }

    /** Rows of {@code among}, nearest first by the whole table's exact search, as avlens retrieve ranks them. */
    private static List<Integer> whole(EmbeddingTable t, int query, int[] among, int k) {
        List<RetrievalHit> all = new ClipRetrieval(t, null).exact(t.item(query).id(), "audio", "video", t.size());
        List<Integer> allowed = IntStream.of(among).boxed().toList();
        return all.stream().map(RetrievalHit::row).filter(allowed::contains).limit(k).toList();
    }

    @Test
    void aSubsetGalleryRanksItsClipsAsTheWholeTableDoesWithTheQueryInsideOrOutside() {
        EmbeddingTable t = table(40, 12);
        int[] test = IntStream.range(0, 40).filter(i -> i % 2 == 1).toArray();
        for (int query : new int[] {3, 4}) { // 3 is in the test split, 4 is not
            List<RetrievalHit> hits = GalleryRows.exact(t, query, "audio", "video", 5, test);
            assertThat(hits).extracting(RetrievalHit::row).isEqualTo(whole(t, query, test, 5));
            assertThat(hits).extracting(RetrievalHit::rank).containsExactly(1, 2, 3, 4, 5);
            assertThat(hits).allMatch(h -> h.id().equals("c" + h.row()));
            assertThat(hits).allMatch(h -> h.isQuery() == (h.row() == query));
            assertThat(hits.stream().sorted(Comparator.comparing(RetrievalHit::score).reversed()).toList())
                    .isEqualTo(hits);
        }
    }

    @Test
    void relevanceFollowsTheLabelsTheCommandCompared() {
        assertThat(Relevance.of(new RetrievalHit(1, 0, "a", 1f, "", true, true, true))).isEqualTo(Relevance.SAME_CLIP);
        assertThat(Relevance.of(new RetrievalHit(1, 1, "b", 1f, "", false, true, true)))
                .isEqualTo(Relevance.SAME_CLASS);
        assertThat(Relevance.of(new RetrievalHit(1, 1, "b", 1f, "", false, true, false)))
                .isEqualTo(Relevance.NOT_RELEVANT);
        assertThat(Relevance.of(new RetrievalHit(1, 1, "b", 1f, "", false, null, null))).isEqualTo(Relevance.UNKNOWN);
    }

    @Test
    void metricsOfASplitAreThoseOfItsOwnTable() {
        EmbeddingTable t = table(30, 8);
        int[] train = IntStream.range(0, 30).filter(i -> i % 2 == 0).toArray();
        GalleryMetrics m = GalleryMetrics.of(t, train, "split train");
        assertThat(m.n()).isEqualTo(15);
        assertThat(m.scores()).hasSize(4).allMatch(s -> s.galleryN() == 15);
        assertThat(m.confusions()).extracting(c -> c.direction()).containsExactly("audio→video", "video→audio");
        int counted = m.confusions().get(0).confused().stream().mapToInt(c -> c.count()).sum()
                + diagonal(m.confusions().get(0).counts());
        assertThat(counted).isEqualTo(15);
        assertThat(m.csv().lines().count()).isEqualTo(5);
        assertThat(m.json().getAsJsonArray("directions")).hasSize(4);
    }

    @Test
    void metricsCountTwoUnitsPerDirectionAndStopWhenCancelled() {
        EmbeddingTable t = table(30, 8);
        int[] units = {0, 0};
        org.eclipse.core.runtime.NullProgressMonitor counting = new org.eclipse.core.runtime.NullProgressMonitor() {
            @Override
            public void beginTask(String name, int total) {
                units[0] = total;
            }

            @Override
            public void worked(int work) {
                units[1] += work;
            }
        };
        GalleryMetrics m = GalleryMetrics.of(t, null, "all", counting);
        assertThat(units).containsExactly(4, 4); // audio→video and video→audio: scores and confusion each
        assertThat(m.scores()).isEqualTo(io.avlens.analysis.embedding.Retrieval.all(t, GalleryMetrics.RELEVANCES));
        org.eclipse.core.runtime.NullProgressMonitor cancelled = new org.eclipse.core.runtime.NullProgressMonitor();
        cancelled.setCanceled(true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GalleryMetrics.of(t, null, "all", cancelled))
                .isInstanceOf(org.eclipse.core.runtime.OperationCanceledException.class);
    }

    private static int diagonal(int[][] c) {
        int sum = 0;
        for (int i = 0; i < c.length; i++) {
            sum += c[i][i];
        }
        return sum;
    }
}
