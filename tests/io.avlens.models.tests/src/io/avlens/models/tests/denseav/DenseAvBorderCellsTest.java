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
 * The border cells of DenseAV-small's training score ({@link DenseAvTrainSpec#borderCells()}): the outer rings of
 * the image map are left out of the maximum over space, so a border cell that matches the sound best no longer sets
 * the score; 0 keeps every cell; recorded in the descriptor when on.
 */
class DenseAvBorderCellsTest {

    private static final int K = 2;
    private static final int C = 3;
    private static final int H = 5;
    private static final int W = 4;

    @TempDir
    Path dir;

    @Test
    void theInteriorIsTheMapWithoutItsOuterRings() {
        DjlSetup.engine();
        float[] image = new float[K * C * H * W];
        for (int i = 0; i < image.length; i++) {
            image[i] = i;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray v = m.create(image, new Shape(1, K, C, H, W));
            assertThat(DenseAvLoss.interior(v, 0)).isSameAs(v);
            NDArray in = DenseAvLoss.interior(v, 1);
            assertThat(in.getShape()).isEqualTo(new Shape(1, K, C, H - 2, W - 2));
            float[] got = in.toFloatArray();
            int i = 0;
            for (int kc = 0; kc < K * C; kc++) {
                for (int y = 1; y < H - 1; y++) {
                    for (int x = 1; x < W - 1; x++) {
                        assertThat(got[i++]).isEqualTo(image[(kc * H + y) * W + x]);
                    }
                }
            }
            assertThatThrownBy(() -> DenseAvLoss.interior(v, 2)).hasMessageContaining("a border of 2 cells");
        }
    }

    @Test
    void aBorderCellThatMatchesTheSoundBestNoLongerSetsTheScore() {
        DjlSetup.engine();
        Random r = new Random(5);
        float[] image = new float[K * C * H * W];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) r.nextGaussian() * 0.1f;
        }
        float[] audio = new float[K * C];
        audio[0] = 1; // head 0, channel 0, one frequency, one step
        int bottomCorner = (H - 1) * W + (W - 1);
        int inner = 2 * W + 1;
        image[bottomCorner] = 5; // head 0, channel 0 at the frame's lower-right cell
        image[inner] = 2; // the best interior cell
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray v = m.create(image, new Shape(1, K, C, H, W));
            NDArray a = m.create(audio, new Shape(1, K, C, 1, 1));
            NDArray voiced = m.create(new float[] {1}, new Shape(1, 1));
            float every = DenseAvLoss.scores(v, a, voiced).getFloat();
            float interior = DenseAvLoss.scores(DenseAvLoss.interior(v, 1), a, voiced).getFloat();
            assertThat(every).isCloseTo(5f, within(1e-5f));
            assertThat(interior).isCloseTo(2f, within(1e-5f));
        }
    }

    @Test
    void aBorderRunTrainsAndRecordsItAndTheShippedRecipeHasNone() throws Exception {
        DenseAvConfig c = new DenseAvConfig(Profiles.AVSHAPES_SMALL, 2, 3, 4, 0.5);
        TrainingResult r = new DenseAvTrainer().train(new DenseAvTrainSpec(c, 2, 4, 5e-3f, 1, 3, 10, 1, 0, 0, 1,
                false, 0, 1), DenseAvTrainerTest.clips(10), new DenseAvDescriptor.Provenance("memory", "train", "tiny",
                        "test"), dir.resolve("run"), TrainingMonitor.NONE);
        assertThat(r.steps()).isEqualTo(2);
        assertThat(JsonParser.parseString(Files.readString(r.descriptor())).getAsJsonObject()
                .getAsJsonObject("training").get("borderCells").getAsInt()).isEqualTo(1);
        assertThat(DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("o"), 10, 1, 200,
                Map.of("border-cells", 1))).borderCells()).isEqualTo(1);
        DenseAvTrainSpec shipped = DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("o"), 10, 1, 200,
                Map.of()));
        assertThat(shipped.borderCells()).as("the shipped recipe").isZero();
        assertThat(new DenseAvTrainSpec(c, 2, 4, 5e-3f, 1, 3, 10, 1, 0, 0, 1).withSpaceContrast(0.5).borderCells()).isZero();
        assertThatThrownBy(() -> new DenseAvTrainSpec(c, 2, 4, 5e-3f, 1, 3, 10, 1, 0, 0, 1, false, 0, 8))
                .hasMessageContaining("border cells 8");
    }
}
