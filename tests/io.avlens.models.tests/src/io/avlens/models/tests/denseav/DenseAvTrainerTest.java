package io.avlens.models.tests.denseav;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.core.profile.Profiles;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.models.denseav.DenseAvConfig;
import io.avlens.models.denseav.DenseAvDescriptor;
import io.avlens.models.denseav.DenseAvTrainSpec;
import io.avlens.models.denseav.DenseAvTrainer;
import io.avlens.models.denseav.DenseClip;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingProgress;
import io.avlens.models.training.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on four tiny clips made in memory (each its own colour and its own sounding mel band): a few steps lower
 * the loss, an interrupted and resumed run ends with the weights of an uninterrupted one, and the descriptor names the
 * data and the weights' SHA-256.
 */
class DenseAvTrainerTest {

    private static final DenseAvDescriptor.Provenance DATA = new DenseAvDescriptor.Provenance("memory", "train",
            "four tiny clips", "test");

    @TempDir
    Path dir;

    /** Clip {@code i}: a 16×16 square of colour {@code i} on grey, and mel band group {@code i} loud. */
    static List<DenseClip> clips(int steps) {
        int[][] colours = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 0}};
        List<DenseClip> clips = new ArrayList<>();
        for (int i = 0; i < colours.length; i++) {
            byte[] frames = new byte[steps * 64 * 64 * 3];
            Arrays.fill(frames, (byte) 100);
            for (int t = 0; t < steps; t++) {
                int x0 = (t * 5 + i * 11) % 48;
                for (int y = 20; y < 36; y++) {
                    for (int x = x0; x < x0 + 16; x++) {
                        for (int ch = 0; ch < 3; ch++) {
                            frames[((t * 64 + y) * 64 + x) * 3 + ch] = (byte) colours[i][ch];
                        }
                    }
                }
            }
            int cols = steps * 8;
            float[] mel = new float[64 * cols];
            Arrays.fill(mel, 0.1f);
            for (int band = i * 16; band < i * 16 + 16; band++) {
                Arrays.fill(mel, band * cols, (band + 1) * cols, 0.9f);
            }
            float[] rms = new float[steps];
            Arrays.fill(rms, 0.1f);
            clips.add(new DenseClip("clip-" + i, steps, frames, mel, rms));
        }
        return clips;
    }

    private static DenseAvTrainSpec spec(int steps) {
        return new DenseAvTrainSpec(DenseAvNetworkTest.tiny(), steps, 4, 5e-3f, 2, 3, 2, 1);
    }

    /** Wide enough to learn the four clips apart within 30 steps (width 4 barely moves in that time). */
    private static DenseAvTrainSpec learnable(int steps) {
        DenseAvConfig c = new DenseAvConfig(Profiles.AVSHAPES_SMALL, 2, 4, 16, 0.5);
        return new DenseAvTrainSpec(c, steps, 4, 1e-2f, 2, 3, 10, 1);
    }

    private static double[] losses(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1]))
                .toArray();
    }

    @Test
    void aFewStepsLowerTheLossAndTheDescriptorNamesDataAndWeights() throws Exception {
        TrainingResult r = new DenseAvTrainer().train(learnable(30), clips(12), DATA, dir.resolve("a"),
                TrainingMonitor.NONE);
        assertThat(r.steps()).isEqualTo(30);
        double[] loss = losses(r.lossCurve());
        assertThat(loss).hasSize(30);
        double first = Arrays.stream(loss, 0, 5).average().orElseThrow();
        double last = Arrays.stream(loss, 25, 30).average().orElseThrow();
        assertThat(first).as("near ln 4 at the start").isBetween(1.0, 1.6);
        assertThat(last).as("the last five steps against the first five").isLessThan(first - 0.1);

        JsonObject json = JsonParser.parseString(Files.readString(r.descriptor())).getAsJsonObject();
        assertThat(json.get("family").getAsString()).isEqualTo("denseav");
        assertThat(json.get("sha256").getAsString()).isEqualTo(DenseAvDescriptor.sha256(r.weights()));
        assertThat(json.getAsJsonObject("training").get("split").getAsString()).isEqualTo("train");
        assertThat(json.getAsJsonObject("training").get("steps").getAsInt()).isEqualTo(30);
        assertThat(ModelDescriptors.read(r.descriptor()).padShort()).isTrue();
    }

    @Test
    void aResumedRunEndsWithTheWeightsOfAnUninterruptedOne() throws Exception {
        List<DenseClip> clips = clips(10);
        TrainingResult whole = new DenseAvTrainer().train(spec(8), clips, DATA, dir.resolve("whole"),
                TrainingMonitor.NONE);
        Path parts = dir.resolve("parts");
        TrainingMonitor stopAtThree = new TrainingMonitor() {
            private int step;

            @Override
            public void progress(TrainingProgress p) {
                step = p.step();
            }

            @Override
            public boolean isCancelled() {
                return step >= 3;
            }
        };
        TrainingResult cut = new DenseAvTrainer().train(spec(8), clips, DATA, parts, stopAtThree);
        assertThat(cut.cancelled()).isTrue();
        assertThat(cut.steps()).isEqualTo(3);
        TrainingResult resumed = new DenseAvTrainer().train(spec(8), clips, DATA, parts, TrainingMonitor.NONE);
        assertThat(resumed.steps()).isEqualTo(8);
        assertThat(Files.readAllBytes(resumed.weights())).isEqualTo(Files.readAllBytes(whole.weights()));
        assertThat(losses(resumed.lossCurve())).containsExactly(losses(whole.lossCurve()));
    }
}
