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
import io.avlens.models.denseav.DenseAvTrainSpec;
import io.avlens.models.denseav.DenseAvTrainer;
import io.avlens.models.denseav.DenseClip;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background shared by a batch (training option {@code background-swap} 2: one clip's background drawn per batch
 * and shown behind every frame's objects, so the scenery cannot tell a batch's pairs apart) and the heads scored apart
 * (option {@code heads-apart} 1: each head's own score and InfoNCE, their mean the loss): off by default, with the
 * draws of earlier versions, recorded in the descriptor when on.
 */
class DenseAvSharedBackgroundTest {

    private static final int SIDE = 64;
    private static final int STEPS = 10;
    private static final int CLIPS = 6;
    /** The red value of every object pixel; a background's red value is {@code 10 + 30 i} for clip {@code i}. */
    private static final int OBJECT_RED = 250;

    @TempDir
    Path dir;

    /** Clip {@code i}: a static background whose red value names the clip, and a 16×16 object moving along a row. */
    private static DenseClip clip(int i) {
        byte[] frames = new byte[STEPS * SIDE * SIDE * 3];
        for (int t = 0; t < STEPS; t++) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    int p = ((t * SIDE + y) * SIDE + x) * 3;
                    boolean obj = inObject(i, t, y, x);
                    frames[p] = (byte) (obj ? OBJECT_RED : 10 + 30 * i);
                    frames[p + 1] = (byte) (obj ? 40 * i : (x + y) % 50);
                    frames[p + 2] = (byte) (obj ? 7 : 200 - 20 * i + y % 3);
                }
            }
        }
        int cols = STEPS * 8;
        float[] mel = new float[64 * cols];
        Arrays.fill(mel, 0.1f + 0.1f * i);
        float[] rms = new float[STEPS];
        Arrays.fill(rms, 0.1f);
        return new DenseClip("clip-" + i, STEPS, frames, mel, rms);
    }

    private static boolean inObject(int i, int t, int y, int x) {
        int x0 = (5 * t + 7 * i) % 48;
        return y >= 20 && y < 36 && x >= x0 && x < x0 + 16;
    }

    private static byte[] mask(int i) {
        byte[] m = new byte[STEPS * SIDE * SIDE];
        for (int t = 0; t < STEPS; t++) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    m[(t * SIDE + y) * SIDE + x] = (byte) (inObject(i, t, y, x) ? 1 : 0);
                }
            }
        }
        return m;
    }

    private static List<DenseClip> clips() {
        List<DenseClip> c = new ArrayList<>();
        for (int i = 0; i < CLIPS; i++) {
            c.add(clip(i));
        }
        return c;
    }

    private static List<byte[]> masks() {
        List<byte[]> m = new ArrayList<>();
        for (int i = 0; i < CLIPS; i++) {
            m.add(mask(i));
        }
        return m;
    }

    private static DenseAvTrainSpec plain() {
        return new DenseAvTrainSpec(new DenseAvConfig(Profiles.AVSHAPES_SMALL, 2, 3, 4, 0.5), 5, 4, 5e-3f, 1, 3, 10,
                1, 0, 0, 1);
    }

    /** For each entry of a batch's frames, the clips whose background its non-object pixels show. */
    private static List<Set<Integer>> backgrounds(float[] frames, int batch) {
        int pixels = SIDE * SIDE;
        List<Set<Integer>> out = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            Set<Integer> clips = new TreeSet<>();
            int objects = 0;
            for (int p = 0; p < pixels; p++) {
                int red = Math.round(frames[(b * pixels + p) * 3] * 255);
                if (red == OBJECT_RED) {
                    objects++;
                } else {
                    assertThat((red - 10) % 30).as("entry %d pixel %d: a background's red", b, p).isZero();
                    clips.add((red - 10) / 30);
                }
            }
            assertThat(objects).as("entry %d keeps its object's 16 x 16 pixels", b).isEqualTo(256);
            out.add(clips);
        }
        return out;
    }

    @Test
    void withoutTheOptionTheBatchesAreThoseOfEarlierVersions() {
        // Arrays.hashCode of the image input of steps 0-4, printed by the code before this option existed (commit
        // 793683f plus the batchFrames hook only): frames as decoded, and the per-frame background swap
        int[] plain = {-1461543007, -1292113891, -1897617760, 1098455753, 113199548};
        int[] swap = {-423802764, -816547634, 947182125, 291628005, -379844698};
        List<DenseClip> clips = clips();
        List<byte[]> masks = masks();
        for (int s = 0; s < 5; s++) {
            assertThat(Arrays.hashCode(DenseAvTrainer.batchFrames(plain(), clips, masks, s))).as("step %d", s)
                    .isEqualTo(plain[s]);
            assertThat(Arrays.hashCode(DenseAvTrainer.batchFrames(plain().withBackgroundSwap(true), clips, masks, s)))
                    .as("step %d, swap", s).isEqualTo(swap[s]);
        }
        DenseAvTrainSpec shipped = DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("out"), 10, 1, 200,
                Map.of()));
        assertThat(shipped.backgroundSwap() || shipped.sharedBackground() || shipped.headsApart())
                .as("the shipped recipe").isFalse();
    }

    @Test
    void theSharedOptionShowsOneBackgroundBehindEveryFrameOfABatch() {
        List<DenseClip> clips = clips();
        List<byte[]> masks = masks();
        DenseAvTrainSpec shared = plain().withSharedBackground(true);
        assertThat(shared.backgroundSwap()).isTrue();
        Set<Integer> drawn = new TreeSet<>();
        boolean perFrameMixes = false;
        for (int s = 0; s < 12; s++) {
            List<Set<Integer>> b = backgrounds(DenseAvTrainer.batchFrames(shared, clips, masks, s), 4);
            Set<Integer> all = new TreeSet<>();
            b.forEach(all::addAll);
            assertThat(all).as("step %d: one background for the batch's 4 frames", s).hasSize(1);
            drawn.addAll(all);
            List<Set<Integer>> f = backgrounds(DenseAvTrainer.batchFrames(plain().withBackgroundSwap(true), clips,
                    masks, s), 4);
            Set<Integer> frameAll = new TreeSet<>();
            f.forEach(frameAll::addAll);
            perFrameMixes |= frameAll.size() > 1;
        }
        assertThat(drawn).as("the background is drawn anew per batch").hasSizeGreaterThan(2);
        assertThat(perFrameMixes).as("the per-frame swap mixes backgrounds within a batch (the check can fail)")
                .isTrue();
        List<Set<Integer>> decoded = backgrounds(DenseAvTrainer.batchFrames(plain(), clips, masks, 0), 4);
        assertThat(decoded.stream().map(x -> x.iterator().next()).distinct().count())
                .as("decoded frames show their own clips' backgrounds").isEqualTo(4);
    }

    @Test
    void eachHeadsScoreIsThePlainScoreOfThatHeadAlone() {
        DjlSetup.engine();
        Random r = new Random(11);
        int k = 2;
        int c = 3;
        float[] image = new float[2 * k * c * 2 * 3];
        float[] audio = new float[3 * k * c * 2 * 4];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) r.nextGaussian();
        }
        float[] voiced = {1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 1, 1};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray v = m.create(image, new Shape(2, k, c, 2, 3));
            NDArray a = m.create(audio, new Shape(3, k, c, 2, 4));
            NDArray mask = m.create(voiced, new Shape(3, 4));
            for (double contrast : new double[] {0, 0.5}) {
                NDArray heads = DenseAvLoss.headScores(v, a, mask, contrast);
                assertThat(heads.getShape()).isEqualTo(new Shape(k, 3, 2));
                for (int h = 0; h < k; h++) {
                    String idx = ":, " + h + ":" + (h + 1);
                    float[] alone = DenseAvLoss.scores(v.get(idx), a.get(idx), mask, contrast).toFloatArray();
                    float[] got = heads.get(h).toFloatArray();
                    for (int i = 0; i < alone.length; i++) {
                        assertThat(got[i]).as("contrast %s, head %d, %d", contrast, h, i)
                                .isCloseTo(alone[i], within(1e-5f));
                    }
                }
                NDArray scale = m.create(new float[] {1.5f});
                NDArray square = heads.get(":, 0:2, :"); // the InfoNCE needs as many audios as images
                float mean = (DenseAvLoss.infoNce(square.get(0), scale).getFloat()
                        + DenseAvLoss.infoNce(square.get(1), scale).getFloat()) / 2;
                assertThat(DenseAvLoss.infoNceApart(square, scale).getFloat()).isCloseTo(mean, within(1e-5f));
            }
        }
    }

    @Test
    void theOptionsComeFromTheRequestTrainAndAreRecorded() throws Exception {
        DenseAvTrainSpec fromRequest = DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("out"), 10, 1,
                200, Map.of("background-swap", 2, "heads-apart", 1)));
        assertThat(fromRequest.backgroundSwap()).isTrue();
        assertThat(fromRequest.sharedBackground()).isTrue();
        assertThat(fromRequest.headsApart()).isTrue();
        DenseAvTrainSpec perFrame = DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("out"), 10, 1, 200,
                Map.of("background-swap", 1)));
        assertThat(perFrame.backgroundSwap()).isTrue();
        assertThat(perFrame.sharedBackground()).isFalse();
        assertThatThrownBy(() -> DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("out"), 10, 1, 200,
                Map.of("background-swap", 3)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DenseAvTrainSpec(plain().config(), 2, 4, 5e-3f, 1, 3, 10, 1, 0, 0, 1, false, 0,
                0, true, false)).hasMessageContaining("needs the background swap");
        assertThat(plain().withSharedBackground(true).withBackgroundSwap(false).sharedBackground()).isFalse();

        DenseAvDescriptor.Provenance data = new DenseAvDescriptor.Provenance("memory", "train", "tiny", "test");
        DenseAvTrainSpec spec = new DenseAvTrainSpec(plain().config(), 2, 4, 5e-3f, 1, 3, 10, 1, 0, 0, 1)
                .withSharedBackground(true).withHeadsApart(true);
        TrainingResult r = new DenseAvTrainer().train(spec, clips(), null, masks(), data, dir.resolve("on"),
                TrainingMonitor.NONE);
        assertThat(r.steps()).isEqualTo(2);
        JsonObject on = JsonParser.parseString(Files.readString(r.descriptor())).getAsJsonObject()
                .getAsJsonObject("training");
        assertThat(on.get("backgroundSwap").getAsBoolean()).isTrue();
        assertThat(on.get("backgroundPerBatch").getAsBoolean()).isTrue();
        assertThat(on.get("headsApart").getAsBoolean()).isTrue();
        assertThat(Files.readAllLines(r.lossCurve()).get(2).split(",")[1]).as("a finite loss").doesNotContain("NaN");

        TrainingResult off = new DenseAvTrainer().train(plain().withBackgroundSwap(true), clips(), null, masks(),
                data, dir.resolve("off"), TrainingMonitor.NONE);
        JsonObject offTraining = JsonParser.parseString(Files.readString(off.descriptor())).getAsJsonObject()
                .getAsJsonObject("training");
        assertThat(offTraining.has("backgroundPerBatch")).isFalse();
        assertThat(offTraining.has("headsApart")).isFalse();
    }
}
