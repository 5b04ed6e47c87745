package io.avlens.models.tests.difffoley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.avlens.analysis.generation.GuidanceSettings;
import io.avlens.core.profile.Profiles;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.media.AudioSignal;
import io.avlens.models.difffoley.ClipCondition;
import io.avlens.models.difffoley.DiffFoleyConfig;
import io.avlens.models.difffoley.DiffFoleyDescriptor;
import io.avlens.models.difffoley.DiffFoleyGenerator;
import io.avlens.models.difffoley.DiffFoleyModel;
import io.avlens.models.difffoley.DiffFoleyWeights;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator on a tiny untrained Diff-Foley (random weights, the real CAVP-small video part) and a clip of random
 * frames: determinism, batching, the guidance pieces and cancel.
 */
class DiffFoleyGeneratorTest {

    @TempDir
    static Path dir;
    private static DiffFoleyModel model;
    private static ClipCondition clip;

    @BeforeAll
    static void load() throws Exception {
        Path descriptor = DiffFoleyWeights.random(DiffFoleyConfig.tiny(), dir.resolve("tiny"), 3);
        model = DiffFoleyModel.open(descriptor, DiffFoleyConfig.tiny(), 1);
        SplittableRandom random = new SplittableRandom(5);
        float[] frames = new float[32 * 64 * 64 * 3];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = (float) random.nextDouble();
        }
        clip = new ClipCondition(FloatTensor.wrap(new int[] {32, 64, 64, 3}, frames), 0);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** The name that keys the test clip's noise. */
    private static final String NAME = "clip-00000";

    private static GuidanceSettings cell(double omega, double gamma, long seed) {
        return new GuidanceSettings(omega, gamma, 4, GuidanceSettings.DPM, seed);
    }

    @Test
    void theSameSeedGivesTheSameSoundAndAnotherSeedAnother() throws Exception {
        DiffFoleyGenerator g = model.generator();
        List<FloatTensor> a = g.generate(clip, NAME, List.of(cell(4.5, 50, 21)), new NullProgressMonitor());
        List<FloatTensor> b = g.generate(clip, NAME, List.of(cell(4.5, 50, 21)), new NullProgressMonitor());
        List<FloatTensor> c = g.generate(clip, NAME, List.of(cell(4.5, 50, 22)), new NullProgressMonitor());
        assertThat(a.get(0).shape()).containsExactly(64, 256);
        assertThat(a.get(0).toArray()).containsExactly(b.get(0).toArray());
        assertThat(a.get(0).toArray()).isNotEqualTo(c.get(0).toArray());
        for (float v : a.get(0).toArray()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void oneSeedGivesEachClipNoiseOfItsOwnAndAClipTheSameNoiseEachTime() throws Exception {
        DiffFoleyGenerator g = model.generator();
        float[] a = g.generate(clip, "clip-00001", List.of(cell(1, 0, 21)), new NullProgressMonitor()).get(0)
                .toArray();
        float[] again = g.generate(clip, "clip-00001", List.of(cell(1, 0, 21)), new NullProgressMonitor()).get(0)
                .toArray();
        float[] other = g.generate(clip, "clip-00002", List.of(cell(1, 0, 21)), new NullProgressMonitor()).get(0)
                .toArray();
        assertThat(again).containsExactly(a);
        assertThat(other).as("the same picture and seed under another clip's name starts from other noise")
                .isNotEqualTo(a);
        assertThat(DiffFoleyGenerator.clipName(java.nio.file.Path.of("/data/media/clip-00001.mp4")))
                .isEqualTo("clip-00001");
        assertThat(DiffFoleyGenerator.clipName(java.nio.file.Path.of("take.2.mov"))).isEqualTo("take.2");
    }

    @Test
    void aCellInABatchIsTheCellAlone() throws Exception {
        DiffFoleyGenerator g = model.generator();
        List<GuidanceSettings> cells = List.of(cell(1, 0, 21), cell(4.5, 50, 21), cell(4.5, 0, 8),
                new GuidanceSettings(2, 0, 3, GuidanceSettings.DDIM, 21));
        List<FloatTensor> together = g.generate(clip, NAME, cells, new NullProgressMonitor());
        for (int i = 0; i < cells.size(); i++) {
            float[] alone = g.generate(clip, NAME, List.of(cells.get(i)), new NullProgressMonitor()).get(0).toArray();
            float[] batched = together.get(i).toArray();
            for (int j = 0; j < alone.length; j += 97) {
                assertThat(batched[j]).as("cell %d, value %d", i, j).isCloseTo(alone[j], within(2e-4f));
            }
        }
        assertThat(together.get(0).toArray()).as("guidance changes the sound").isNotEqualTo(
                together.get(1).toArray());
    }

    @Test
    void withoutClassifierGuidanceTheClassifierIsNotNeeded() throws Exception {
        DiffFoleyGenerator g = model.generator();
        var parts = model.parts();
        DiffFoleyGenerator noClassifier = new DiffFoleyGenerator(parts.byRole(DiffFoleyDescriptor.VIDEO),
                parts.byRole(DiffFoleyDescriptor.DENOISER), null, DjlInferenceServices.programEngine(),
                model.descriptor().profile());
        float[] with = g.generate(clip, NAME, List.of(cell(4.5, 0, 21)), new NullProgressMonitor()).get(0).toArray();
        float[] without = noClassifier.generate(clip, NAME, List.of(cell(4.5, 0, 21)), new NullProgressMonitor()).get(0)
                .toArray();
        assertThat(without).containsExactly(with);
        float[] guided = g.generate(clip, NAME, List.of(cell(4.5, 50, 21)), new NullProgressMonitor()).get(0).toArray();
        assertThat(guided).as("γ > 0 moves the sample").isNotEqualTo(with);
        assertThatThrownBy(() -> noClassifier.generate(clip, NAME, List.of(cell(4.5, 50, 21)), new NullProgressMonitor()))
                .hasMessageContaining("classifier");
    }

    @Test
    void theDenoiserCombinesConditionalAndUnconditionalAsClassifierFreeGuidance() throws Exception {
        LoadedModel denoiser = model.parts().byRole(DiffFoleyDescriptor.DENOISER);
        SplittableRandom random = new SplittableRandom(1);
        float[] x = new float[64 * 256];
        float[] cond = new float[32 * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < cond.length; i++) {
            cond[i] = (float) random.nextGaussian() / 8;
        }
        int side = DiffFoleyConfig.tiny().appearanceSize();
        float[] look = new float[32 * 6 * side * side];
        for (int i = 0; i < look.length; i++) {
            look[i] = (float) random.nextGaussian() / 2;
        }
        float[][] eps = new float[3][];
        double[] omegas = {0, 1, 4.5};
        for (int k = 0; k < 3; k++) {
            eps[k] = denoiser.forward(Map.of("x", FloatTensor.wrap(new int[] {1, 64, 256}, x),
                    "t", FloatTensor.of(new int[] {1}, 500f), "cond", FloatTensor.wrap(new int[] {1, 32, 64}, cond),
                    "omega", FloatTensor.of(new int[] {1}, (float) omegas[k]), "appearance",
                    FloatTensor.wrap(new int[] {1, 32, 6, side, side}, look))).get("eps").toArray();
        }
        // ω = 0 is ε(∅), ω = 1 is ε(c); ω = 4.5 must be ε(∅) + 4.5 (ε(c) − ε(∅))
        assertThat(eps[0]).isNotEqualTo(eps[1]);
        for (int i = 0; i < x.length; i += 31) {
            assertThat(eps[2][i]).isCloseTo(eps[0][i] + 4.5f * (eps[1][i] - eps[0][i]), within(1e-3f));
        }
    }

    @Test
    void cancelIsCheckedAfterEverySamplerStep() throws Exception {
        int[] polls = {0};
        IProgressMonitor counting = new NullProgressMonitor() {
            @Override
            public boolean isCanceled() {
                polls[0]++;
                return false;
            }
        };
        model.generator().generate(clip, NAME, List.of(cell(4.5, 0, 21)), counting);
        assertThat(polls[0]).as("once per step of 4").isEqualTo(4);
        int[] left = {2};
        IProgressMonitor cancelling = new NullProgressMonitor() {
            @Override
            public boolean isCanceled() {
                return left[0]-- <= 0;
            }
        };
        assertThatThrownBy(() -> model.generator().generate(clip, NAME, List.of(cell(4.5, 0, 21)), cancelling))
                .isInstanceOf(OperationCanceledException.class);
        assertThat(left[0]).as("stopped at the third step").isEqualTo(-1);
    }

    @Test
    void vocodesOneWindowAndScoresTheSound() throws Exception {
        DiffFoleyGenerator g = model.generator();
        FloatTensor mel = g.generate(clip, NAME, List.of(cell(4.5, 0, 21)), new NullProgressMonitor()).get(0);
        AudioSignal sound = g.vocode(mel);
        assertThat(sound.sampleRate()).isEqualTo(Profiles.AVSHAPES_SMALL.sampleRate());
        assertThat(sound.samples()).hasSize(64_000);
        double[] p = g.classifierScores(g.videoFeatures(clip), List.of(mel, mel));
        assertThat(p).hasSize(2);
        // one sound twice in a batch: the same score to float precision (a batch's rows may take different kernels)
        assertThat(p[0]).isBetween(0.0, 1.0).isCloseTo(p[1], within(1e-6));
        assertThat(Math.abs(g.syncOffset(clip, mel))).isLessThanOrEqualTo(DiffFoleyGenerator.MAX_LAG_SECONDS);
    }
}
