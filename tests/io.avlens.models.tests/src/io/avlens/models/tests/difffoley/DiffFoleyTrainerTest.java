package io.avlens.models.tests.difffoley;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.models.difffoley.DiffFoleyConfig;
import io.avlens.models.difffoley.DiffFoleyDescriptor;
import io.avlens.models.difffoley.DiffFoleyTrainSpec;
import io.avlens.models.difffoley.DiffFoleyTrainer;
import io.avlens.models.difffoley.TrainingClip;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingProgress;
import io.avlens.models.training.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training the tiny Diff-Foley on synthetic clips: the loss falls, and a resumed run equals an uninterrupted one. */
class DiffFoleyTrainerTest {

    @TempDir
    Path dir;

    /** Clips whose sound is a burst in the frames where the "video" feature's first channel is high. */
    static List<TrainingClip> clips(int n) {
        SplittableRandom random = new SplittableRandom(11);
        List<TrainingClip> clips = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            float[] video = new float[32 * 64];
            float[] mel = new float[64 * 256];
            java.util.Arrays.fill(mel, -1f);
            boolean sounding = false;
            for (int s = 0; s < 32; s++) {
                boolean hit = random.nextDouble() < 0.2;
                video[s * 64] = hit ? 1 : 0;
                sounding |= hit;
                for (int k = 1; k < 64; k++) {
                    video[s * 64 + k] = (float) random.nextGaussian() * 0.05f;
                }
                if (hit) {
                    for (int b = 0; b < 64; b++) {
                        mel[b * 256 + s * 8] = 0.8f;
                        mel[b * 256 + s * 8 + 1] = 0.4f;
                    }
                }
            }
            // the picture: grey, the clip's steps with a hit a little brighter
            int side = DiffFoleyConfig.tiny().appearanceSize();
            float[] look = new float[32 * 6 * side * side];
            for (int s = 0; s < 32; s++) {
                java.util.Arrays.fill(look, s * 6 * side * side, (s * 6 + 3) * side * side, video[s * 64] > 0 ? 0.5f : 0f);
            }
            clips.add(new TrainingClip("c" + c, mel, video, look, sounding));
        }
        return clips;
    }

    private static DiffFoleyTrainSpec spec(int steps, int checkpointEvery) {
        return new DiffFoleyTrainSpec(DiffFoleyConfig.tiny(), steps, 4, 4, 8, 3e-3f, 3e-3f, 2, 0.2, 5,
                checkpointEvery, 1, 0.5);
    }

    private static JsonObject provenance() {
        JsonObject o = new JsonObject();
        o.addProperty("command", "test");
        return o;
    }

    @Test
    void theDenoiserLossFallsAndTheModelIsWrittenWithItsDescriptor() throws Exception {
        List<TrainingClip> clips = clips(6);
        List<TrainingProgress> reports = new java.util.ArrayList<>();
        TrainingResult r = new DiffFoleyTrainer().train(spec(40, 100), clips, provenance(), dir, reports::add);
        // the denoiser's 40 steps, then the classifier's 4, reported as one training of 44 steps that never goes back
        List<TrainingProgress> steps = reports.stream().filter(p -> p.phase().equals("training")).toList();
        assertThat(steps).extracting(TrainingProgress::totalSteps).containsOnly(44);
        assertThat(steps).extracting(TrainingProgress::step).isSorted();
        assertThat(steps.get(steps.size() - 1).step()).isEqualTo(44);
        List<String> rows = Files.readAllLines(dir.resolve("loss.csv"));
        assertThat(rows).hasSize(41);
        double first = mean(rows.subList(1, 6));
        double last = mean(rows.subList(36, 41));
        assertThat(last).as("the mean loss of the last 5 steps is below that of the first 5").isLessThan(first * 0.9);
        assertThat(Files.readAllLines(dir.resolve("classifier/loss.csv"))).hasSize(5);
        ModelDescriptor d = ModelDescriptors.read(r.descriptor());
        assertThat(d.family()).isEqualTo(DiffFoleyDescriptor.FAMILY);
        assertThat(d.parts()).extracting(ModelDescriptor.Component::role)
                .containsExactly(DiffFoleyDescriptor.VIDEO, DiffFoleyDescriptor.DENOISER, DiffFoleyDescriptor.CLASSIFIER);
        for (ModelDescriptor.Component part : d.parts()) {
            assertThat(ModelDescriptors.sha256(dir.resolve(part.weights()))).isEqualTo(part.sha256());
        }
        JsonObject training = com.google.gson.JsonParser.parseString(Files.readString(r.descriptor()))
                .getAsJsonObject().getAsJsonObject("training");
        assertThat(training.get("classifierNearMissShare").getAsDouble()).isEqualTo(0.5);
    }

    private static double mean(List<String> rows) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r.split(",")[1])).average().orElseThrow();
    }

    @Test
    void aResumedRunEndsWithTheWeightsOfAnUninterruptedOne() throws Exception {
        List<TrainingClip> clips = clips(6);
        Path whole = dir.resolve("whole");
        new DiffFoleyTrainer().train(spec(6, 3), clips, provenance(), whole, TrainingMonitor.NONE);
        Path parts = dir.resolve("parts");
        int[] polls = {0};
        TrainingMonitor stopAfterFour = new TrainingMonitor() {
            @Override
            public void progress(TrainingProgress progress) {
            }

            @Override
            public boolean isCancelled() {
                return polls[0]++ >= 4;
            }
        };
        TrainingResult cut = new DiffFoleyTrainer().train(spec(6, 3), clips, provenance(), parts, stopAfterFour);
        assertThat(cut.cancelled()).isTrue();
        assertThat(cut.steps()).isEqualTo(4);
        new DiffFoleyTrainer().train(spec(6, 3), clips, provenance(), parts, TrainingMonitor.NONE);
        for (String file : List.of(DiffFoleyDescriptor.DENOISER_WEIGHTS, DiffFoleyDescriptor.CLASSIFIER_WEIGHTS)) {
            assertThat(Files.readAllBytes(parts.resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(whole.resolve(file)));
        }
        assertThat(Files.readAllLines(parts.resolve("loss.csv")))
                .isEqualTo(Files.readAllLines(whole.resolve("loss.csv")));
    }
}
