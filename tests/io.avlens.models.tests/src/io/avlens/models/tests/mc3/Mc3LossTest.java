package io.avlens.models.tests.mc3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.models.mc3.Mc3Loss;
import org.junit.jupiter.api.Test;

/**
 * MC3's loss on a case worked by hand (B = 2, D = 2, μ 0.5, s 0.1, margin 0.2):
 * item 0 has a = v = l = (1, 0): every similarity is 1, c = 1, w = σ(5) = 0.993307, and each of its three pairs
 * costs (1 − w)·(1 − 0.2) = 0.005354; item 1 has a = (1, 0), v = (0, 1), l = (0.6, 0.8): sim(a,v) 0, sim(a,l) 0.6,
 * sim(v,l) 0.8, c = min(0.6, 0.8) = 0.6, w = σ(1) = 0.731059, and its pairs cost w·1 + (1−w)·0 = 0.731059,
 * 0.4 (pulled and pushed by the same 0.4) and w·0.2 + (1−w)·0.6 = 0.307577; the batch mean is 0.727349.
 */
class Mc3LossTest {

    private static final Mc3Loss.Consensus SETTINGS = new Mc3Loss.Consensus(1, 0.5, 0.1, 0.2);

    @Test
    void consensusTermMatchesTheHandWorkedCase() {
        try (NDManager m = DjlSetup.engine().newBaseManager()) {
            NDArray a = m.create(new float[] {1, 0, 1, 0}, new Shape(2, 2));
            NDArray v = m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
            NDArray l = m.create(new float[] {1, 0, 0.6f, 0.8f}, new Shape(2, 2));
            assertThat(Mc3Loss.consensusScore(a, v, l).toFloatArray()).containsExactly(new float[] {1f, 0.6f},
                    within(1e-6f));
            float[] w = Mc3Loss.weights(a, v, l, SETTINGS).toFloatArray();
            assertThat(w[0]).isCloseTo(0.9933071f, within(1e-6f));
            assertThat(w[1]).isCloseTo(0.7310586f, within(1e-6f));
            assertThat(Mc3Loss.consensus(a, v, l, SETTINGS).getFloat()).isCloseTo(0.7273490f, within(1e-5f));
        }
    }

    @Test
    void pairwiseInfoNceOfPerfectlyAlignedOrthogonalItems() {
        try (NDManager m = DjlSetup.engine().newBaseManager()) {
            NDArray x = m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
            NDArray scale = m.create(new float[] {0f}); // logits = cosines: CE = ln(1 + e^-1) per row and column
            assertThat(Mc3Loss.pairwise(x, x, x, scale).getFloat()).isCloseTo(0.3132617f, within(1e-6f));
            NDArray[] total = Mc3Loss.total(x, x, x, scale, SETTINGS);
            assertThat(total[1].getFloat()).isCloseTo(0.3132617f, within(1e-6f));
            // all sims of the own item are 1: (1 − σ(5)) · 0.8 per pair, three pairs
            assertThat(total[2].getFloat()).isCloseTo(3 * (1 - 0.9933071f) * 0.8f, within(1e-5f));
            assertThat(total[0].getFloat()).isCloseTo(total[1].getFloat() + total[2].getFloat(), within(1e-6f));
            NDArray[] ablation = Mc3Loss.total(x, x, x, scale, new Mc3Loss.Consensus(0, 0.5, 0.1, 0.2));
            assertThat(ablation[0].getFloat()).isEqualTo(ablation[1].getFloat());
        }
    }

    @Test
    void theWeightsCarryNoGradient() {
        try (NDManager m = DjlSetup.engine().newBaseManager()) {
            // one item, l = (1, 0), a = v = (0.6, 0.8): sim(a,v) = 1, sim(a,l) = sim(v,l) = 0.6, all above the
            // margin, so each pair's d/ds [w(1 − s) + (1 − w)(s − 0.2)] is 1 − 2w with w held fixed; a gradient
            // through w (c = a·l also depends on a) would add a term this must not contain
            NDArray l = m.create(new float[] {1, 0}, new Shape(1, 2));
            NDArray a = m.create(new float[] {0.6f, 0.8f}, new Shape(1, 2));
            a.setRequiresGradient(true);
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray v = m.create(new float[] {0.6f, 0.8f}, new Shape(1, 2));
                NDArray loss = Mc3Loss.consensus(a, v, l, SETTINGS);
                gc.backward(loss);
            }
            float w = 0.7310586f; // σ((0.6 − 0.5) / 0.1)
            // sim(a,v) = a·v and sim(a,l) = a·l depend on a; d/da = (1 − 2w)(v + l) with v = (0.6, 0.8), l = (1, 0)
            float[] g = a.getGradient().toFloatArray();
            assertThat(g[0]).isCloseTo((1 - 2 * w) * (0.6f + 1f), within(1e-5f));
            assertThat(g[1]).isCloseTo((1 - 2 * w) * 0.8f, within(1e-5f));
        }
    }
}
