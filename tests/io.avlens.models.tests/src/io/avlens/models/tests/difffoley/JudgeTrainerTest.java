package io.avlens.models.tests.difffoley;

import static org.assertj.core.api.Assertions.assertThat;

import io.avlens.analysis.generation.SoundingEvents;
import io.avlens.models.difffoley.JudgeBlock;
import io.avlens.models.difffoley.JudgeClip;
import io.avlens.models.difffoley.JudgeMaterials;
import io.avlens.models.difffoley.JudgeModel;
import io.avlens.models.difffoley.JudgeTrainer;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingProgress;
import io.avlens.models.training.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The judges trained on clips made in memory: each clip strikes at its own random video steps, its "video
 * features" light up at those steps, and its mel has a burst in its material's band at each strike. They learn the
 * materials and that a rolled sound is not aligned, and a resumed training ends with the weights of an
 * uninterrupted one.
 */
class JudgeTrainerTest {

    @TempDir
    Path dir;

    static List<JudgeClip> clips(int n, long seed) {
        Random r = new Random(seed);
        List<JudgeClip> clips = new ArrayList<>();
        int c = JudgeClip.VIDEO_CHANNELS;
        for (int i = 0; i < n; i++) {
            int material = i % JudgeMaterials.ALL.size();
            float[] mel = new float[JudgeBlock.BINS * JudgeBlock.FRAMES];
            float[] video = new float[JudgeBlock.STEPS * c];
            List<Double> times = new ArrayList<>();
            for (int step = 1; step < JudgeBlock.STEPS - 1; step++) {
                if (r.nextDouble() < 0.15) {
                    times.add(step / 8.0);
                    for (int ch = 0; ch < c; ch++) {
                        video[step * c + ch] = 1;
                    }
                    for (int b = material * 12; b < material * 12 + 12; b++) {
                        for (int f = step * 8; f < step * 8 + 4; f++) {
                            mel[b * JudgeBlock.FRAMES + f] = 0.9f;
                        }
                    }
                }
            }
            double[] t = times.stream().mapToDouble(Double::doubleValue).toArray();
            clips.add(new JudgeClip("clip-" + i, mel, video,
                    new SoundingEvents(t, Set.of(JudgeMaterials.ALL.get(material)), 0)));
        }
        return clips;
    }

    @Test
    void learnsMaterialsAndRejectsRolledSound() throws Exception {
        List<JudgeClip> train = clips(40, 1);
        TrainingResult r = new JudgeTrainer().train(train, 30, 8, 5e-3f, 1, 1000, dir.resolve("learn"),
                TrainingMonitor.NONE);
        List<JudgeClip> test = clips(10, 2);
        try (JudgeModel model = JudgeModel.load(r.weights())) {
            int materials = 0;
            int aligned = 0;
            int rolled = 0;
            for (JudgeClip c : test) {
                JudgeModel.Verdict own = model.judge(c)[0];
                materials += JudgeMaterials.right(own.materials(), c.events().soundingMaterials()) ? 1 : 0;
                aligned += own.aligned() >= 0.5 ? 1 : 0;
                rolled += model.judge(c.withMel(JudgeClip.roll(c.mel(), 48)))[0].aligned() < 0.5 ? 1 : 0;
                assertThat(own.embedding()).hasSize(JudgeBlock.EMBEDDING);
            }
            assertThat(materials).isGreaterThanOrEqualTo(9);
            assertThat(aligned + rolled).isGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void aResumedRunEndsWithTheWeightsOfAnUninterruptedOne() throws Exception {
        List<JudgeClip> clips = clips(8, 3);
        TrainingResult whole = new JudgeTrainer().train(clips, 6, 4, 3e-3f, 5, 2, dir.resolve("whole"),
                TrainingMonitor.NONE);
        TrainingMonitor stopAtThree = new TrainingMonitor() {
            private int step;

            @Override
            public void progress(TrainingProgress p) {
                step = p.step();
            }

            @Override
            public boolean isCancelled() {
                return step >= 3; // reports come every 2 steps: stops after step 4
            }
        };
        Path parts = dir.resolve("parts");
        assertThat(new JudgeTrainer().train(clips, 6, 4, 3e-3f, 5, 2, parts, stopAtThree).cancelled()).isTrue();
        TrainingResult resumed = new JudgeTrainer().train(clips, 6, 4, 3e-3f, 5, 2, parts, TrainingMonitor.NONE);
        assertThat(resumed.steps()).isEqualTo(6);
        assertThat(Files.readAllBytes(resumed.weights())).isEqualTo(Files.readAllBytes(whole.weights()));
        assertThat(Files.readAllLines(whole.lossCurve()).get(0))
                .isEqualTo("step,loss,align,material,alignAccuracy,materialAccuracy");
    }

    @Test
    void rollingMovesTheSoundAlongTimeCircularly() {
        float[] mel = new float[JudgeBlock.BINS * JudgeBlock.FRAMES];
        mel[3 * JudgeBlock.FRAMES + 250] = 1;
        float[] rolled = JudgeClip.roll(mel, 10);
        assertThat(rolled[3 * JudgeBlock.FRAMES + 4]).isEqualTo(1);
        assertThat(JudgeClip.roll(rolled, -10)).isEqualTo(mel);
    }
}
