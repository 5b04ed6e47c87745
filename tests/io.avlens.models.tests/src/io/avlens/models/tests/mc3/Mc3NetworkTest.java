package io.avlens.models.tests.mc3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.avlens.models.mc3.Mc3Config;
import io.avlens.models.mc3.Mc3Loss;
import io.avlens.models.mc3.Mc3Model;
import io.avlens.models.mc3.TextFeatures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * MC3's network: three unit rows of D per item, short inputs padded to the window, gradients of the loss reach every
 * trainable parameter of all three encoders, and the audio vector depends on <em>when</em> a sound is (a mean over
 * time would not tell a sound at 0.6 s from the same sound at 2.5 s).
 */
class Mc3NetworkTest {

    @Test
    void threeUnitRowsPerItemAndGradientsReachEveryEncoder() throws Exception {
        Mc3Config c = Mc3TrainerTest.tiny();
        try (Mc3Model model = Mc3Model.initialised(c); NDManager m = model.manager().newSubManager()) {
            model.requireGradients();
            int b = 3;
            NDArray frames = m.randomUniform(0, 1, new Shape(b, 20, 64, 64, 3)); // 20 frames: padded to 32
            NDArray mel = m.randomUniform(0, 1, new Shape(b, 64, 300)); // 300 mel frames: cut to 256
            NDArray text = text(m, c, b);
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDList z = model.block().forward(model.store(), new NDList(frames, mel, text), true);
                for (int k = 0; k < 3; k++) {
                    assertThat(z.get(k).getShape()).isEqualTo(new Shape(b, c.dimension()));
                    for (float n : z.get(k).square().sum(new int[] {1}).toFloatArray()) {
                        assertThat(n).isCloseTo(1f, within(1e-4f));
                    }
                }
                NDArray[] loss = Mc3Loss.total(z.get(0), z.get(1), z.get(2), z.get(3),
                        new Mc3Loss.Consensus(1, 0.0, 0.1, 0.2));
                gc.backward(loss[0]);
            }
            for (var p : model.block().getParameters()) {
                if (p.getValue().requiresGradient()) {
                    float[] g = p.getValue().getArray().getGradient().abs().sum().toFloatArray();
                    assertThat(g[0]).as("gradient of %s", p.getKey()).isGreaterThan(0f);
                }
            }
        }
    }

    @Test
    void theAudioVectorDependsOnWhenTheSoundIs() {
        Mc3Config c = Mc3TrainerTest.tiny();
        try (Mc3Model model = Mc3Model.initialised(c); NDManager m = model.manager().newSubManager()) {
            float[] early = new float[64 * 256];
            float[] late = new float[64 * 256];
            Arrays.fill(early, 0.1f);
            Arrays.fill(late, 0.1f);
            for (int band = 0; band < 64; band++) {
                Arrays.fill(early, band * 256 + 40, band * 256 + 48, 0.9f); // step 5
                Arrays.fill(late, band * 256 + 160, band * 256 + 168, 0.9f); // step 20
            }
            NDArray a = model.block().encodeAudio(model.store(), m.create(early, new Shape(1, 64, 256)), false);
            NDArray b = model.block().encodeAudio(model.store(), m.create(late, new Shape(1, 64, 256)), false);
            double cos = a.mul(b).sum().getFloat();
            assertThat(cos).as("cosine of the same sound at two times").isLessThan(0.999);
        }
    }

    /** Hashed text features {@code [b, buckets]} of "clip i sounds" for i < b (the tests' narrations). */
    static NDArray text(NDManager m, Mc3Config c, int b) {
        float[] words = new float[b * c.buckets()];
        TextFeatures hasher = new TextFeatures(c.buckets());
        for (int i = 0; i < b; i++) {
            System.arraycopy(hasher.of("clip " + i + " sounds"), 0, words, i * c.buckets(), c.buckets());
        }
        return m.create(words, new Shape(b, c.buckets()));
    }
}
