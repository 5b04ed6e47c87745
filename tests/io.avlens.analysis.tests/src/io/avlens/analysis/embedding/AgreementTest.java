package io.avlens.analysis.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The agreement: the pair posterior over the table, against explicit sums, and what it tells apart. */
class AgreementTest {

    private static EmbeddingTable random(int n, int modalities, int d, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n * modalities * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        // the second modality a noisy copy of the first, so posteriors are far from uniform
        for (int i = 0; i < n && modalities > 1; i++) {
            for (int c = 0; c < d; c++) {
                v[(i * modalities + 1) * d + c] = v[(i * modalities) * d + c] + 0.5f * (float) r.nextGaussian();
            }
        }
        List<EmbeddingItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new EmbeddingItem("c" + i, "", "test", "", Map.of()));
        }
        List<String> names = List.of("audio", "video", "text").subList(0, modalities);
        return new EmbeddingTable("m", names, d, v, items);
    }

    /** sqrt(p(y_i | x_i) p(x_i | y_i)) by explicit sums in double. */
    private static double[] explicit(EmbeddingTable t, int a, int b, double tau) {
        int n = t.size();
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double[] x = unit(t.vector(i, a));
                double[] y = unit(t.vector(j, b));
                double dot = 0;
                for (int c = 0; c < x.length; c++) {
                    dot += x[c] * y[c];
                }
                s[i][j] = dot / tau;
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double row = 0;
            double col = 0;
            for (int j = 0; j < n; j++) {
                row += Math.exp(s[i][j]);
                col += Math.exp(s[j][i]);
            }
            out[i] = Math.sqrt(Math.exp(s[i][i]) / row * Math.exp(s[i][i]) / col);
        }
        return out;
    }

    private static double[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        double[] u = new double[v.length];
        for (int c = 0; c < v.length; c++) {
            u[c] = v[c] / Math.sqrt(norm);
        }
        return u;
    }

    @Test
    void eachPairIsTheGeometricMeanOfTheTwoPosteriorsOverTheTable() {
        EmbeddingTable t = random(37, 3, 8, 1);
        for (double tau : new double[] {0.05, 0.3}) {
            for (int[] pair : new int[][] {{0, 1}, {0, 2}, {1, 2}}) {
                double[] got = Agreement.pair(t, pair[0], pair[1], tau);
                double[] want = explicit(t, pair[0], pair[1], tau);
                for (int i = 0; i < want.length; i++) {
                    assertThat(got[i]).as("item %d pair %d-%d tau %s", i, pair[0], pair[1], tau)
                            .isCloseTo(want[i], within(1e-6 + 1e-5 * want[i]));
                }
            }
        }
        // the noisy copies pick each other out far better than the unrelated third modality
        double[] copies = Agreement.pair(t, 0, 1, 0.05);
        double[] unrelated = Agreement.pair(t, 0, 2, 0.05);
        assertThat(mean(copies)).isGreaterThan(0.5);
        assertThat(mean(unrelated)).isLessThan(0.2);
        // the items' agreement is the smallest over the pairs
        double[] all = Agreement.of(t, 0.05);
        double[] vt = Agreement.pair(t, 1, 2, 0.05);
        for (int i = 0; i < all.length; i++) {
            assertThat(all[i]).isEqualTo(Math.min(copies[i], Math.min(unrelated[i], vt[i])));
        }
    }

    @Test
    void aTableLargerThanTheLimitEstimatesTheDenominatorsFromASampleAndStaysClose() {
        int n = Agreement.GALLERY_LIMIT + 600;
        EmbeddingTable t = random(n, 2, 6, 2);
        double tau = 0.1;
        double[] got = Agreement.pair(t, 0, 1, tau);
        assertThat(Agreement.pair(t, 0, 1, tau)).containsExactly(got); // seeded: the same every time
        double[] want = explicit(t, 0, 1, tau);
        double worst = 0;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.abs(Math.log(got[i]) - Math.log(want[i]));
            worst = Math.max(worst, e);
            mean += e / n;
        }
        // a sum over 4,096 of the 4,695 items, scaled: about 1 % off on average, never by a factor 1.3 (an item
        // whose nearest rivals were left out of the sample is off most)
        assertThat(mean).isLessThan(0.02).isGreaterThan(0.0);
        assertThat(worst).isLessThan(Math.log(1.3));
        assertThat(Agreement.sample(n)).hasSize(Agreement.GALLERY_LIMIT).isSorted().doesNotHaveDuplicates();
    }

    /**
     * Where every score is the same the estimate must be exact, for items in the sample (whose other terms are one
     * fewer) and out of it alike: every posterior is 1/N, so the agreement is 1/N.
     */
    @Test
    void theSampledSumIsScaledByTheOthersItCounted() {
        int n = Agreement.GALLERY_LIMIT + 700;
        float[] v = new float[n * 2 * 2];
        for (int i = 0; i < n * 2; i++) {
            v[i * 2] = 1; // every vector (1, 0)
        }
        List<EmbeddingItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new EmbeddingItem("c" + i, "", "test", "", Map.of()));
        }
        EmbeddingTable t = new EmbeddingTable("m", List.of("audio", "video"), 2, v, items);
        double[] got = Agreement.pair(t, 0, 1, 0.05);
        int[] sample = Agreement.sample(n);
        int in = sample[0];
        int out = java.util.stream.IntStream.range(0, n).filter(i -> java.util.Arrays.binarySearch(sample, i) < 0)
                .findFirst().orElseThrow();
        for (int i : new int[] {in, out}) {
            // scaling the M - 1 others an item in the sample counts by (N-1)/M would be about 1/M off: 2.4e-4
            assertThat(got[i] * n).as("item %d, in the sample: %s", i, i == in).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void aCancelledComputationStopsWithoutAResult() {
        EmbeddingTable t = random(200, 2, 4, 5);
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        assertThatThrownBy(() -> Agreement.of(t, 0.05, () -> asked.incrementAndGet() > 3))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(asked.get()).isGreaterThan(3);
    }

    /**
     * The case the cosine consensus misses: silent items whose audio is the same silence and whose narration says so
     * agree by cosine as well as the sounding ones, but their silence does not single out their clip.
     */
    @Test
    void itemsWhoseAudioIsLikeManyOthersAgreeLessThanTheirCosineSays() {
        int sounding = 8;
        int silent = 8;
        int n = sounding + silent;
        int d = sounding + silent + 2;
        float[] v = new float[n * 3 * d];
        List<EmbeddingItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean sounds = i < sounding;
            // video and text: the item's own direction; audio: the own direction plus a shared "sound" direction
            // when it sounds (cosine 0.71 to its text), else one shared "silence" direction, which the silent
            // items' narration ("… silently") leans towards (cosine 0.77)
            v[(i * 3 + 1) * d + i] = 1;
            v[(i * 3 + 2) * d + i] = 1;
            if (sounds) {
                v[(i * 3) * d + i] = 1;
                v[(i * 3) * d + d - 2] = 1;
            } else {
                v[(i * 3) * d + d - 1] = 1;
                v[(i * 3 + 2) * d + d - 1] = 1.2f;
                v[(i * 3 + 1) * d + d - 1] = 1.2f;
            }
            items.add(new EmbeddingItem("c" + i, "", "test", "", Map.of(AvShapesLabels.SOUNDING_ACTION,
                    Boolean.toString(sounds))));
        }
        EmbeddingTable t = new EmbeddingTable("m", List.of("audio", "video", "text"), d, v, items);
        float[] cosine = t.consensus("text");
        assertThat(cosine[sounding]).as("a silent item's cosine consensus").isGreaterThan(0.7f);
        Discovery.Scores s = Discovery.score(t, AvShapesLabels.SOUNDING_ACTION);
        assertThat(s.ap()).as("cosine consensus").isLessThan(0.6);
        assertThat(s.agreementAp()).isEqualTo(1.0);
        assertThat(s.agreementPairs()).containsOnlyKeys("audio-video", "audio-text", "video-text");
        assertThat(s.agreementPairs().get("audio-video")).isEqualTo(1.0);
        double[] a = Agreement.of(t, Agreement.TEMPERATURE);
        assertThat(a[0]).isGreaterThan(0.9);
        assertThat(a[sounding]).isLessThan(1.5 / silent);
        // what avlens embed writes: the agreement as an item label beside the pair similarities
        EmbeddingTable labelled = EmbeddingExports.withScores(t);
        assertThat(Double.parseDouble(labelled.item(sounding).label(Agreement.LABEL))).isCloseTo(a[sounding],
                within(1e-8));
        assertThat(labelled.item(0).labels()).containsKeys("sim:audio-video", Agreement.LABEL);
    }

    @Test
    void badTemperaturesAndTablesThatCannotAgreeAreRefused() {
        EmbeddingTable t = random(5, 2, 3, 3);
        for (double tau : new double[] {0, 0.001, Double.NaN, Double.POSITIVE_INFINITY, -1}) {
            assertThatThrownBy(() -> Agreement.pair(t, 0, 1, tau)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("temperature");
        }
        assertThatThrownBy(() -> Agreement.of(random(5, 1, 3, 3), 0.05)).hasMessageContaining("two modalities");
        assertThatThrownBy(() -> Agreement.of(random(1, 2, 3, 3), 0.05)).hasMessageContaining("two items");
        // a one-item table keeps its cosine discovery; it has no agreement and writes none
        EmbeddingTable one = new EmbeddingTable("m", List.of("audio", "video"), 3, random(1, 2, 3, 3).values(),
                List.of(new EmbeddingItem("c0", "", "test", "", Map.of(AvShapesLabels.SOUNDING_ACTION, "true"))));
        Discovery.Scores s = Discovery.score(one, AvShapesLabels.SOUNDING_ACTION);
        assertThat(s.agreementAp()).isNaN();
        assertThat(s.agreementPairs()).isEmpty();
        assertThat(EmbeddingExports.withScores(one).item(0).labels()).doesNotContainKey(Agreement.LABEL);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }
}
