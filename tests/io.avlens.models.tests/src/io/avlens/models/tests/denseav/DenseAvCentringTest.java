package io.avlens.models.tests.denseav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.core.profile.Profiles;
import io.avlens.lib.djl.DjlSetup;
import io.avlens.models.denseav.DenseAvConfig;
import io.avlens.models.denseav.DenseAvDescriptor;
import io.avlens.models.denseav.DenseAvFamilyTrainer;
import io.avlens.models.denseav.DenseAvLoss;
import io.avlens.models.denseav.DenseAvModel;
import io.avlens.models.denseav.DenseAvTrainSpec;
import io.avlens.models.denseav.DenseAvTrainer;
import io.avlens.models.denseav.DenseClip;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The centring term of DenseAV-small's training ({@link DenseAvTrainSpec#centreWeight()}): each image cell's mean
 * similarity to every audio step, frequency and item of the batch, per head, squared and averaged; a run with it logs
 * the term, records the weight, and ends with cells less bright for every sound than the same run without it; the
 * command a run records spells out every option of its recipe.
 */
class DenseAvCentringTest {

    private static final int K = 2;
    private static final int C = 3;
    private static final int HW = 4;
    private static final int F = 2;
    private static final int T = 3;

    @TempDir
    Path dir;

    @Test
    void theOffsetIsEachCellsMeanSimilarityOverTheBatchsAudio() {
        DjlSetup.engine();
        Random r = new Random(5);
        float[] image = new float[2 * K * C * HW];
        float[] audio = new float[3 * K * C * F * T];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) r.nextGaussian();
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray v = m.create(image, new Shape(2, K, C, 2, 2));
            NDArray a = m.create(audio, new Shape(3, K, C, F, T));
            NDArray offsets = DenseAvLoss.cellOffsets(v, a);
            assertThat(offsets.getShape()).isEqualTo(new Shape(K, 2, HW));
            float[] got = offsets.toFloatArray();
            double squares = 0;
            for (int k = 0; k < K; k++) {
                for (int vi = 0; vi < 2; vi++) {
                    for (int cell = 0; cell < HW; cell++) {
                        double sum = 0;
                        for (int ai = 0; ai < 3; ai++) {
                            for (int ft = 0; ft < F * T; ft++) {
                                for (int ch = 0; ch < C; ch++) {
                                    sum += image[((vi * K + k) * C + ch) * HW + cell]
                                            * audio[((ai * K + k) * C + ch) * F * T + ft];
                                }
                            }
                        }
                        double mean = sum / (3 * F * T);
                        assertThat(got[(k * 2 + vi) * HW + cell]).as("head %d image %d cell %d", k, vi, cell)
                                .isCloseTo((float) mean, within(1e-4f));
                        squares += mean * mean;
                    }
                }
            }
            assertThat(DenseAvLoss.centring(v, a).getFloat()).isCloseTo((float) (squares / (K * 2 * HW)),
                    within(1e-4f));
        }
    }

    @Test
    void aCentredRunLogsTheTermRecordsItAndLeavesCellsLessBrightForEverySound() throws Exception {
        DenseAvConfig c = new DenseAvConfig(Profiles.AVSHAPES_SMALL, 2, 4, 16, 0.5).withLocalCells(true);
        DenseAvTrainSpec plain = new DenseAvTrainSpec(c, 30, 4, 1e-2f, 2, 3, 30, 1);
        var clips = DenseAvTrainerTest.clips(12);
        var data = new DenseAvDescriptor.Provenance("memory", "train", "tiny", "test");
        TrainingResult without = new DenseAvTrainer().train(plain, clips, data, dir.resolve("plain"),
                TrainingMonitor.NONE);
        TrainingResult with = new DenseAvTrainer().train(plain.withCentreWeight(20), clips, data,
                dir.resolve("centred"), TrainingMonitor.NONE);

        List<String> rows = Files.readAllLines(with.lossCurve());
        assertThat(rows.get(0)).endsWith(",centring");
        assertThat(Files.readAllLines(without.lossCurve()).get(0)).doesNotContain("centring");
        double first = Double.parseDouble(rows.get(1).substring(rows.get(1).lastIndexOf(',') + 1));
        double last = Double.parseDouble(rows.getLast().substring(rows.getLast().lastIndexOf(',') + 1));
        assertThat(first).as("the term at the first step").isPositive();
        assertThat(last).as("the term at the last step against the first").isLessThan(first);
        JsonObject training = JsonParser.parseString(Files.readString(with.descriptor())).getAsJsonObject()
                .getAsJsonObject("training");
        assertThat(training.get("centreWeight").getAsDouble()).isEqualTo(20.0);
        assertThat(JsonParser.parseString(Files.readString(without.descriptor())).getAsJsonObject()
                .getAsJsonObject("training").has("centreWeight")).isFalse();

        // the trained weights: the centred run's cells are nearer 0 on average over the clips' sounds
        assertThat(offset(with, c, clips)).isLessThan(offset(without, c, clips));
    }

    /** The centring term of a trained model on one frame and one window of each clip. */
    private static double offset(TrainingResult run, DenseAvConfig c, List<DenseClip> clips) throws Exception {
        try (var model = DenseAvModel.initialised(c);
                var w = Files.newInputStream(run.weights()); NDManager m = model.manager().newSubManager()) {
            model.readParameters(w, run.weights().getFileName().toString());
            int n = clips.size();
            float[] frames = new float[n * 64 * 64 * 3];
            float[] mel = new float[n * 64 * 64];
            for (int i = 0; i < n; i++) {
                System.arraycopy(clips.get(i).frames(4, 1, 3), 0, frames, i * 64 * 64 * 3, 64 * 64 * 3);
                var clip = clips.get(i);
                int cols = clip.mel().length / 64;
                for (int band = 0; band < 64; band++) { // the clip's first 64 mel frames (1 s)
                    System.arraycopy(clip.mel(), band * cols, mel, (i * 64 + band) * 64, 64);
                }
            }
            NDArray image = model.block().encodeImage(model.store(), m.create(frames, new Shape(n, 64, 64, 3)),
                    false);
            NDArray audio = model.block().encodeAudio(model.store(), m.create(mel, new Shape(n, 64, 64)), false);
            return DenseAvLoss.centring(image, audio).getFloat();
        }
    }

    @Test
    void theRecordedCommandSpellsOutEveryOptionOfTheRecipe() {
        Path out = dir.resolve("o");
        TrainRequest shipped = new TrainRequest(dir, out, 10, 1, 200, Map.of());
        assertThat(DenseAvFamilyTrainer.command(DenseAvFamilyTrainer.spec(shipped), dir, shipped)).isEqualTo(
                "avlens train --family denseav --data " + dir + " --out " + out + " --steps 10 --seed 1 --batch 16"
                        + " --local-cells 1 --centre-weight 5");
        TrainRequest before = new TrainRequest(dir, out, 10, 1, 200, Map.of("local-cells", 0, "centre-weight", 0.0));
        assertThat(DenseAvFamilyTrainer.command(DenseAvFamilyTrainer.spec(before), dir, before))
                .endsWith(" --steps 10 --seed 1 --batch 16 --local-cells 0 --centre-weight 0");
        // an option the command line does not offer: the Train.java line with all fourteen arguments, in its order
        TrainRequest window = new TrainRequest(dir, out, 10, 3, 200, Map.of("window", 2.0, "local-cells", 0));
        assertThat(DenseAvFamilyTrainer.command(DenseAvFamilyTrainer.spec(window), dir, window)).isEqualTo(
                "java -cp \"$CP\" tools/denseav/Train.java " + dir + " " + out
                        + " 10 3 2 0 16 0 0 1 0 0 0 32 16 0 0 5");
    }

    @Test
    void theOptionSetsTheWeightAndANegativeOneIsRefused() {
        DenseAvTrainSpec spec = DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("o"), 10, 1, 200,
                Map.of("centre-weight", 5.0, "local-cells", 1)));
        assertThat(spec.centreWeight()).isEqualTo(5.0);
        assertThat(spec.config().localCells()).isTrue();
        assertThat(DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("o"), 10, 1, 200, Map.of()))
                .centreWeight()).as("the shipped recipe").isEqualTo(DenseAvTrainSpec.SHIPPED_CENTRE);
        assertThat(DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("o"), 10, 1, 200,
                Map.of("centre-weight", 0.0))).centreWeight()).isZero();
        assertThatThrownBy(() -> new DenseAvTrainSpec(DenseAvConfig.small(), 2, 4, 5e-3f, 1, 3, 10, 1)
                .withCentreWeight(-1)).hasMessageContaining("centre weight -1");
    }
}
