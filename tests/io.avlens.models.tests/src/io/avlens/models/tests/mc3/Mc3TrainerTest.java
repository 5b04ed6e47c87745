package io.avlens.models.tests.mc3;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import ai.djl.pytorch.jni.JniUtils;
import io.avlens.core.profile.Profiles;
import io.avlens.models.denseav.DenseAvDescriptor;
import io.avlens.models.denseav.DenseClip;
import io.avlens.models.mc3.Mc3Clip;
import io.avlens.models.mc3.Mc3Config;
import io.avlens.models.mc3.Mc3Descriptor;
import io.avlens.models.mc3.Mc3Loss;
import io.avlens.models.mc3.Mc3TrainSpec;
import io.avlens.models.mc3.Mc3Trainer;
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
 * Training a tiny MC3 on clips made in memory (each its own colour, its own loud mel band and its own narration):
 * an interrupted and resumed run ends with the weights of an uninterrupted one, the loss curve has the columns of
 * both loss parts, and the descriptor names the data, the consensus settings and the weights' SHA-256.
 */
class Mc3TrainerTest {

    private static final Mc3Descriptor.Provenance DATA = new Mc3Descriptor.Provenance("memory", "train",
            "tiny clips", "test");
    private static final String[] NARRATIONS = {"a red ball hits the floor", "a green block slides",
        "a blue wedge drifts silently", "a yellow ball bounces off the wall", "something out of view clatters",
        "a metal ball hits the floor twice"};

    @TempDir
    Path dir;

    /** A tiny network: D 40 (32 steps + 8 clip-level), width 4, 64 buckets. */
    static Mc3Config tiny() {
        return new Mc3Config(Profiles.AVSHAPES_SMALL, 40, 4, 64, 8);
    }

    /** Clip {@code i}: a square of its own colour moving at its own speed, and its own loud mel band. */
    static List<Mc3Clip> clips(int n) {
        int steps = 32;
        List<Mc3Clip> clips = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] frames = new byte[steps * 64 * 64 * 3];
            Arrays.fill(frames, (byte) 100);
            for (int t = 0; t < steps; t++) {
                int x0 = (t * (i + 1)) % 48;
                for (int y = 20; y < 36; y++) {
                    for (int x = x0; x < x0 + 16; x++) {
                        frames[((t * 64 + y) * 64 + x) * 3 + i % 3] = (byte) 250;
                    }
                }
            }
            float[] mel = new float[64 * steps * 8];
            Arrays.fill(mel, 0.1f);
            int band = (i * 10) % 64;
            Arrays.fill(mel, band * steps * 8, (band + 1) * steps * 8, 0.9f);
            float[] rms = new float[steps];
            Arrays.fill(rms, 0.1f);
            clips.add(new Mc3Clip("clip-" + i, new DenseClip("clip-" + i, steps, frames, mel, rms),
                    NARRATIONS[i % NARRATIONS.length]));
        }
        return clips;
    }

    private static Mc3TrainSpec spec(int steps) {
        return new Mc3TrainSpec(tiny(), new Mc3Loss.Consensus(1, 0.5, 0.1, 0.2), steps, 4, 5e-3f, 2, 3, 2, 1);
    }

    @Test
    void aResumedRunEndsWithTheWeightsOfAnUninterruptedOne() throws Exception {
        List<Mc3Clip> clips = clips(6);
        TrainingResult whole = new Mc3Trainer().train(spec(6), clips, DATA, dir.resolve("whole"),
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
        TrainingResult cut = new Mc3Trainer().train(spec(6), clips, DATA, parts, stopAtThree);
        assertThat(cut.cancelled()).isTrue();
        assertThat(cut.steps()).isEqualTo(3);
        TrainingResult resumed = new Mc3Trainer().train(spec(6), clips, DATA, parts, TrainingMonitor.NONE);
        assertThat(resumed.steps()).isEqualTo(6);
        assertThat(Files.readAllBytes(resumed.weights())).isEqualTo(Files.readAllBytes(whole.weights()));
        assertThat(Files.readAllLines(resumed.lossCurve())).isEqualTo(Files.readAllLines(whole.lossCurve()));
        assertThat(Files.readAllLines(whole.lossCurve()).get(0))
                .isEqualTo("step,loss,pairwise,consensus,temperature,accuracy");

        JsonObject json = JsonParser.parseString(Files.readString(whole.descriptor())).getAsJsonObject();
        assertThat(json.get("family").getAsString()).isEqualTo("mc3");
        assertThat(json.get("sha256").getAsString()).isEqualTo(DenseAvDescriptor.sha256(whole.weights()));
        JsonObject training = json.getAsJsonObject("training");
        assertThat(training.get("consensusWeight").getAsDouble()).isEqualTo(1.0);
        assertThat(training.get("consensusMargin").getAsDouble()).isEqualTo(0.2);
        assertThat(training.get("steps").getAsInt()).isEqualTo(6);
    }

    /**
     * The engine's intra-op thread count changes the weights bit for bit (its sums run in another order), and any
     * model loaded in the process sets it: a run keeps the count it started with for every step, and a resumed run
     * the count its checkpoint recorded, whatever the count is when it resumes.
     */
    @Test
    void aResumedRunKeepsTheThreadCountOfItsStart() throws Exception {
        List<Mc3Clip> clips = clips(6);
        int before = JniUtils.getNumThreads();
        try {
            JniUtils.setNumThreads(1);
            TrainingResult one = new Mc3Trainer().train(spec(6), clips, DATA, dir.resolve("one"),
                    TrainingMonitor.NONE);
            JniUtils.setNumThreads(3);
            TrainingResult three = new Mc3Trainer().train(spec(6), clips, DATA, dir.resolve("three"),
                    TrainingMonitor.NONE);
            assertThat(Files.readAllBytes(three.weights())).as("the thread count matters: else this test proves"
                    + " nothing").isNotEqualTo(Files.readAllBytes(one.weights()));

            // started on 1 thread; a model loaded meanwhile sets 3 at step 2; cut at 3, resumed on 3 threads
            JniUtils.setNumThreads(1);
            Path parts = dir.resolve("parts");
            TrainingMonitor loadAtTwoStopAtThree = new TrainingMonitor() {
                private int step;

                @Override
                public void progress(TrainingProgress p) {
                    step = p.step();
                    if (step == 2) {
                        JniUtils.setNumThreads(3);
                    }
                }

                @Override
                public boolean isCancelled() {
                    return step >= 3;
                }
            };
            new Mc3Trainer().train(spec(6), clips, DATA, parts, loadAtTwoStopAtThree);
            assertThat(JniUtils.getNumThreads()).as("the count found at the start, given back").isEqualTo(1);
            JniUtils.setNumThreads(3);
            TrainingResult resumed = new Mc3Trainer().train(spec(6), clips, DATA, parts, TrainingMonitor.NONE);
            assertThat(Files.readAllBytes(resumed.weights())).isEqualTo(Files.readAllBytes(one.weights()));
            assertThat(JniUtils.getNumThreads()).isEqualTo(3);
        } finally {
            JniUtils.setNumThreads(before);
        }
    }
}
