package io.avlens.analysis.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Retrieval metrics on hand-made tables, and against a brute-force ranking on a random one. */
class RetrievalTest {

    private static EmbeddingTable table(float[][] audio, float[][] video, List<Map<String, String>> labels) {
        int n = audio.length;
        int d = audio[0].length;
        float[] values = new float[n * 2 * d];
        List<EmbeddingItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            System.arraycopy(audio[i], 0, values, (i * 2) * d, d);
            System.arraycopy(video[i], 0, values, (i * 2 + 1) * d, d);
            items.add(new EmbeddingItem("c" + i, "", "", "", labels == null ? Map.of() : labels.get(i)));
        }
        return new EmbeddingTable("m", List.of("audio", "video"), d, values, items);
    }

    private static float[][] angles(int n, double offset) {
        float[][] v = new float[n][];
        for (int i = 0; i < n; i++) {
            double t = i * Math.PI / 8 + offset;
            v[i] = new float[] {(float) Math.cos(t), (float) Math.sin(t)};
        }
        return v;
    }

    @Test
    void aPerfectTableRanksEveryClipFirst() {
        EmbeddingTable t = table(angles(4, 0), angles(4, 0), null);
        List<RetrievalScores> all = Retrieval.all(t, List.of(RetrievalRelevance.SAME_CLIP));
        assertThat(all).extracting(RetrievalScores::direction).containsExactly("audio→video", "video→audio");
        for (RetrievalScores s : all) {
            assertThat(s.n()).isEqualTo(4);
            assertThat(s.recallAt1()).isEqualTo(1.0);
            assertThat(s.medianRank()).isEqualTo(1.0);
            assertThat(s.meanAP()).isEqualTo(1.0);
            assertThat(s.chanceRecallAt1()).isCloseTo(0.25, within(1e-12));
            assertThat(s.chanceRecallAt5()).isEqualTo(1.0);
        }
    }

    @Test
    void aReversedTableRanksEveryClipLast() {
        // each video vector points away from its own audio vector: its cosine (-1) is the lowest of the row
        EmbeddingTable t = table(angles(4, 0), angles(4, Math.PI), null);
        RetrievalScores s = Retrieval.direction(t, 0, 1, List.of(RetrievalRelevance.SAME_CLIP)).get(0);
        assertThat(s.recallAt1()).isZero();
        assertThat(s.medianRank()).isEqualTo(4.0);
        assertThat(s.meanAP()).isCloseTo(0.25, within(1e-12));
        assertThat(s.recallAt5()).isEqualTo(1.0);
    }

    @Test
    void tiesCountAgainstTheQuery() {
        float[][] same = new float[5][];
        Arrays.fill(same, new float[] {1, 0, 0});
        RetrievalScores s = Retrieval.direction(table(same, same, null), 1, 0,
                List.of(RetrievalRelevance.SAME_CLIP)).get(0);
        assertThat(s.recallAt1()).as("a constant score earns no more than chance").isZero();
        assertThat(s.medianRank()).isEqualTo(5.0);
        assertThat(s.meanAP()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void labelRelevanceAgreesWithABruteForceRanking() {
        Random random = new Random(7);
        int n = 60;
        float[][] a = new float[n][6];
        float[][] v = new float[n][6];
        List<Map<String, String>> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 6; j++) {
                a[i][j] = (float) random.nextGaussian();
                // coarse values make ties between different items likely
                v[i][j] = Math.round(a[i][j] + random.nextGaussian());
            }
            labels.add(i == 3 ? Map.of("material", "wood") : Map.of("material", "m" + i % 3, "action", "x" + i % 2));
        }
        EmbeddingTable t = table(a, v, labels);
        RetrievalRelevance rel = RetrievalRelevance.sameLabels("material", "action");
        RetrievalScores s = Retrieval.direction(t, 0, 1, List.of(rel)).get(0);
        assertThat(s.relevance()).isEqualTo("same:material+action");
        assertThat(s.n()).as("the item without an action is not scored").isEqualTo(n - 1);
        double apSum = 0;
        int top1 = 0;
        int top5 = 0;
        for (int i = 0; i < n; i++) {
            if (i == 3) {
                continue;
            }
            double[] scores = new double[n];
            boolean[] relevant = new boolean[n];
            for (int j = 0; j < n; j++) {
                scores[j] = dot(normal(a[i]), normal(v[j]));
                relevant[j] = j != 3 && labels.get(j).equals(labels.get(i));
            }
            apSum += Ranking.averagePrecision(scores, relevant);
            int first = firstRelevantRank(scores, relevant);
            top1 += first <= 1 ? 1 : 0;
            top5 += first <= 5 ? 1 : 0;
        }
        assertThat(s.meanAP()).isCloseTo(apSum / (n - 1), within(1e-5));
        assertThat(s.recallAt1()).isCloseTo((double) top1 / (n - 1), within(1e-12));
        assertThat(s.recallAt5()).isCloseTo((double) top5 / (n - 1), within(1e-12));
        assertThat(s.chanceMeanAP()).isCloseTo(10.0 / 60, within(0.01));
    }

    @Test
    void relevanceNamesReadAsWords() {
        assertThat(RetrievalRelevance.describe(RetrievalRelevance.SAME_CLIP.name())).isEqualTo("same clip");
        assertThat(RetrievalRelevance.describe(RetrievalRelevance.sameLabels("material", "action").name()))
                .isEqualTo("same material and action");
        assertThat(RetrievalRelevance.describe(RetrievalRelevance.sameLabels("a", "b", "c").name()))
                .isEqualTo("same a, b and c");
        assertThat(RetrievalRelevance.describe("custom")).isEqualTo("custom");
    }

    @Test
    void chanceRecallIsKOverNForOneRelevantItem() {
        assertThat(Retrieval.chanceRecall(400, 1, 10)).isCloseTo(10 / 400.0, within(1e-12));
        assertThat(Retrieval.chanceRecall(10, 10, 1)).isEqualTo(1.0);
    }

    private static int firstRelevantRank(double[] scores, boolean[] relevant) {
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < scores.length; j++) {
            if (relevant[j]) {
                best = Math.max(best, scores[j]);
            }
        }
        int rank = 1;
        for (int j = 0; j < scores.length; j++) {
            if (scores[j] > best || scores[j] == best && !relevant[j]) {
                rank++;
            }
        }
        return rank;
    }

    private static float[] normal(float[] x) {
        double n = 0;
        for (float f : x) {
            n += f * f;
        }
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] / Math.sqrt(n));
        }
        return y;
    }

    private static double dot(float[] x, float[] y) {
        float s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
