package io.avlens.models.tests.denseav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonParser;
import io.avlens.core.profile.Profiles;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.models.denseav.DenseAvConfig;
import io.avlens.models.denseav.DenseAvDescriptor;
import io.avlens.models.denseav.DenseAvFamilyTrainer;
import io.avlens.models.denseav.DenseAvLoss;
import io.avlens.models.denseav.DenseAvTrainSpec;
import io.avlens.models.denseav.DenseAvTrainer;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The space contrast of DenseAV-small's training score ({@link DenseAvTrainSpec#spaceContrast()}): per step and
 * frequency, the heads' element-wise maximum's maximum over space less {@code c} times its mean over space; 0 gives
 * DenseAV's score; recorded in the descriptor when on.
 */
class DenseAvSpaceContrastTest {

    private static final int K = 2;
    private static final int C = 3;
    private static final int H = 2;
    private static final int W = 3;
    private static final int F = 2;
    private static final int T = 2;

    @TempDir
    Path dir;

    @Test
    void theScoreIsTheMaximumLessTheMeanOverSpaceOfTheHeadsMaximum() {
        DjlSetup.engine();
        Random r = new Random(3);
        float[] image = new float[2 * K * C * H * W];
        float[] audio = new float[2 * K * C * F * T];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) r.nextGaussian();
        }
        float[] voiced = {1, 1, 0, 1};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray v = m.create(image, new Shape(2, K, C, H, W));
            NDArray a = m.create(audio, new Shape(2, K, C, F, T));
            NDArray mask = m.create(voiced, new Shape(2, T));
            float[] plain = DenseAvLoss.scores(v, a, mask).toFloatArray();
            float[] zero = DenseAvLoss.scores(v, a, mask, 0).toFloatArray();
            float[] half = DenseAvLoss.scores(v, a, mask, 0.5).toFloatArray();
            assertThat(zero).containsExactly(plain);
            for (int ai = 0; ai < 2; ai++) {
                for (int vi = 0; vi < 2; vi++) {
                    assertThat(half[ai * 2 + vi]).as("audio %d image %d", ai, vi)
                            .isCloseTo((float) naive(image, audio, voiced, ai, vi, 0.5), within(1e-5f));
                    assertThat(plain[ai * 2 + vi]).isCloseTo((float) naive(image, audio, voiced, ai, vi, 0),
                            within(1e-5f));
                }
            }
        }
    }

    private static double naive(float[] image, float[] audio, float[] voiced, int a, int v, double c) {
        double sum = 0;
        int count = 0;
        for (int t = 0; t < T; t++) {
            if (voiced[a * T + t] == 0) {
                continue;
            }
            double overF = 0;
            for (int f = 0; f < F; f++) {
                double best = Double.NEGATIVE_INFINITY;
                double mean = 0;
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        double heads = Double.NEGATIVE_INFINITY;
                        for (int k = 0; k < K; k++) {
                            double dot = 0;
                            for (int ch = 0; ch < C; ch++) {
                                dot += image[(((v * K + k) * C + ch) * H + y) * W + x]
                                        * audio[(((a * K + k) * C + ch) * F + f) * T + t];
                            }
                            heads = Math.max(heads, dot);
                        }
                        best = Math.max(best, heads);
                        mean += heads / (H * W);
                    }
                }
                overF += (best - c * mean) / F;
            }
            sum += overF;
            count++;
        }
        return sum / count;
    }

    @Test
    void aContrastRunTrainsAndRecordsItAndTheShippedRecipeHasNone() throws Exception {
        DenseAvConfig c = new DenseAvConfig(Profiles.AVSHAPES_SMALL, 2, 3, 4, 0.5);
        TrainingResult r = new DenseAvTrainer().train(new DenseAvTrainSpec(c, 2, 4, 5e-3f, 1, 3, 10, 1, 0, 0, 1)
                .withSpaceContrast(1.0), DenseAvTrainerTest.clips(10),
                new DenseAvDescriptor.Provenance("memory", "train", "tiny", "test"), dir.resolve("run"),
                TrainingMonitor.NONE);
        assertThat(r.steps()).isEqualTo(2);
        assertThat(JsonParser.parseString(Files.readString(r.descriptor())).getAsJsonObject()
                .getAsJsonObject("training").get("spaceContrast").getAsDouble()).isEqualTo(1.0);
        assertThat(DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("o"), 10, 1, 200,
                Map.of("space-contrast", 0.5))).spaceContrast()).isEqualTo(0.5);
        assertThat(DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("o"), 10, 1, 200, Map.of()))
                .spaceContrast()).as("the shipped recipe").isZero();
        assertThatThrownBy(() -> new DenseAvTrainSpec(c, 2, 4, 5e-3f, 1, 3, 10, 1, 0, 0, 1).withSpaceContrast(-1))
                .hasMessageContaining("space contrast -1");
    }
}
