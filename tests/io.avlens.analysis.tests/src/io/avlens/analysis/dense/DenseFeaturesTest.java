package io.avlens.analysis.dense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.analysis.similarity.TimeBase;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;

class DenseFeaturesTest {

    private static final int FRAMES = 3;
    private static final int HEADS = 2;
    private static final int C = 4;
    private static final int H = 3;
    private static final int W = 5;
    private static final int F = 2;
    private static final int T = 6;

    @TempDir
    Path dir;

    private final Random random = new Random(7);
    private final float[] image = random(FRAMES * HEADS * C * H * W);
    private final float[] audio = random(HEADS * C * F * T);
    private final DenseFeatures features = DenseFeatures.of(
            FloatTensor.of(new int[] {FRAMES, HEADS, C, H, W}, image),
            FloatTensor.of(new int[] {HEADS, C, F, T}, audio), voiced(), TimeBase.ofRate(8), TimeBase.ofRate(12));

    /** The official einsum("kcft,kchw->khwft") followed by the mean over f, written out naively. */
    private double reference(int frame, int k, int h, int w, int t) {
        double sum = 0;
        for (int f = 0; f < F; f++) {
            for (int c = 0; c < C; c++) {
                sum += image[(((frame * HEADS + k) * C + c) * H + h) * W + w] * audio[((k * C + c) * F + f) * T + t];
            }
        }
        return sum / F;
    }

    @Test
    void sliceIsTheFrequencyMeanOfThePerHeadInnerProducts() {
        float[] map = new float[H * W];
        for (int frame = 0; frame < FRAMES; frame++) {
            for (int k = 0; k < HEADS; k++) {
                for (int t = 0; t < T; t++) {
                    features.slice(frame, k, t, map);
                    for (int h = 0; h < H; h++) {
                        for (int w = 0; w < W; w++) {
                            assertThat((double) map[h * W + w]).isCloseTo(reference(frame, k, h, w, t), within(1e-5));
                        }
                    }
                }
            }
        }
    }

    @Test
    void aggregateIsTheElementwiseMaximumOverHeads() {
        float[] map = new float[H * W];
        features.aggregate(1, 4, map);
        for (int p = 0; p < H * W; p++) {
            double best = Math.max(reference(1, 0, p / W, p % W, 4), reference(1, 1, p / W, p % W, 4));
            assertThat((double) map[p]).isCloseTo(best, within(1e-5));
        }
    }

    @Test
    void activationIsTheMaximumOverTheRegionPerAudioStep() {
        boolean[] region = new boolean[H * W];
        region[2] = true;
        region[W + 3] = true;
        float[] curve = features.activation(2, 1, region);
        assertThat(curve).hasSize(T);
        for (int t = 0; t < T; t++) {
            double best = Math.max(reference(2, 1, 0, 2, t), reference(2, 1, 1, 3, t));
            assertThat((double) curve[t]).isCloseTo(best, within(1e-5));
        }
        float[] whole = features.activation(2, -1, null);
        float[] map = new float[H * W];
        features.aggregate(2, 5, map);
        float max = Float.NEGATIVE_INFINITY;
        for (float v : map) {
            max = Math.max(max, v);
        }
        assertThat(whole[5]).isEqualTo(max);
    }

    @Test
    void timesMapToFramesAndSteps() {
        assertThat(features.frameAt(0.124)).isEqualTo(0);
        assertThat(features.frameAt(0.125)).isEqualTo(1);
        assertThat(features.frameAt(9)).isEqualTo(FRAMES - 1);
        assertThat(features.stepAt(2 / 12.0)).isEqualTo(2);
        assertThat(features.officialStep(2)).isEqualTo(4);
    }

    @Test
    void theVolumeReportsEachFrameAndAStopLeavesNoFile() throws IOException {
        Path volume = dir.resolve("v.npy");
        java.util.List<Integer> frames = new java.util.ArrayList<>();
        DenseFeatureFiles.writeVolume(volume, features, frames::add);
        assertThat(frames).containsExactly(0, 1, 2);
        assertThat(Npy.read(volume).shape()).containsExactly(FRAMES, HEADS, H, W, T);

        Path stopped = dir.resolve("stopped").resolve("s.npy");
        assertThatThrownBy(() -> DenseFeatureFiles.writeVolume(stopped, features, frame -> {
            if (frame == 1) {
                throw new IllegalStateException("cancelled");
            }
        })).hasMessage("cancelled");
        try (var left = Files.list(stopped.getParent())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void filesRoundTripAndTheVolumeHasTheOfficialLayout() throws IOException {
        DenseFeatureFiles.write(dir, features);
        assertThat(DenseFeatureFiles.present(dir)).isTrue();
        DenseFeatures back = DenseFeatureFiles.read(dir);
        assertThat(back.image()).isEqualTo(features.image());
        assertThat(back.audio()).isEqualTo(features.audio());
        assertThat(back.voicedMask()).containsExactly(voiced());
        assertThat(back.audioTime()).isEqualTo(TimeBase.ofRate(12));

        Path volume = dir.resolve("v.npy");
        DenseFeatureFiles.writeVolume(volume, features);
        NpyArray array = Npy.read(volume);
        assertThat(array.shape()).containsExactly(FRAMES, HEADS, H, W, T);
        for (int frame = 0; frame < FRAMES; frame++) {
            for (int k = 0; k < HEADS; k++) {
                for (int h = 0; h < H; h++) {
                    for (int w = 0; w < W; w++) {
                        for (int t = 0; t < T; t++) {
                            int i = (((frame * HEADS + k) * H + h) * W + w) * T + t;
                            assertThat(array.getDouble(i)).isCloseTo(reference(frame, k, h, w, t), within(1e-5));
                        }
                    }
                }
            }
        }
    }

    @Test
    void mismatchedFilesNameTheFolder() throws IOException {
        DenseFeatureFiles.write(dir, features);
        Npy.write(dir.resolve(DenseFeatureFiles.AUDIO), FloatTensor.zeros(3, C, F, T));
        assertThatThrownBy(() -> DenseFeatureFiles.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("heads");
        Files.writeString(dir.resolve(DenseFeatureFiles.TIMES), "{}");
        assertThatThrownBy(() -> DenseFeatureFiles.read(dir)).hasMessageContaining(DenseFeatureFiles.TIMES);
    }

    private static boolean[] voiced() {
        return new boolean[] {false, true, true, true, false, true};
    }

    private float[] random(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
