package io.avlens.models.tests.denseav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.core.profile.Profiles;
import io.avlens.models.denseav.BackgroundSwap;
import io.avlens.models.denseav.DenseAvConfig;
import io.avlens.models.denseav.DenseAvDescriptor;
import io.avlens.models.denseav.DenseAvFamilyTrainer;
import io.avlens.models.denseav.DenseAvTrainSpec;
import io.avlens.models.denseav.DenseAvTrainer;
import io.avlens.models.denseav.DenseClip;
import io.avlens.models.training.TrainRequest;
import io.avlens.models.training.TrainingMonitor;
import io.avlens.models.training.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background swap ({@link BackgroundSwap}, training option {@code background-swap}): a clip's background is the
 * median of each pixel over the frames where the instance mask says background, and a training frame keeps its
 * object pixels and shows another clip's background elsewhere; off by default, recorded in the descriptor when on.
 */
class DenseAvBackgroundSwapTest {

    private static final int SIDE = 4;
    private static final int PIXELS = SIDE * SIDE;

    @TempDir
    Path dir;

    /**
     * Five 4×4 frames on a background whose pixel p has value {@code base + p} (odd frames {@code base + p + 2}), a
     * white object (id 1) moving along row 1 and a grey one (id 2) resting at (3, 0) all the time.
     */
    private static DenseClip clip(String id, int base) {
        int steps = 5;
        byte[] frames = new byte[steps * PIXELS * 3];
        for (int t = 0; t < steps; t++) {
            for (int p = 0; p < PIXELS; p++) {
                Arrays.fill(frames, (t * PIXELS + p) * 3, (t * PIXELS + p + 1) * 3, (byte) (base + p + t % 2 * 2));
            }
            Arrays.fill(frames, (t * PIXELS + moving(t)) * 3, (t * PIXELS + moving(t) + 1) * 3, (byte) 255);
            Arrays.fill(frames, (t * PIXELS + 3 * SIDE) * 3, (t * PIXELS + 3 * SIDE + 1) * 3, (byte) 200);
        }
        return new DenseClip(id, steps, frames, new float[64 * steps * 8], new float[steps]);
    }

    private static int moving(int t) {
        return SIDE + Math.min(t, SIDE - 1);
    }

    private static byte[] mask() {
        byte[] m = new byte[5 * PIXELS];
        for (int t = 0; t < 5; t++) {
            m[t * PIXELS + moving(t)] = 1;
            m[t * PIXELS + 3 * SIDE] = 2;
        }
        return m;
    }

    @Test
    void theBackgroundIsTheMedianWhereTheMaskSaysBackgroundAndItsRowsWhereAnObjectNeverLeaves() {
        byte[] b = BackgroundSwap.background(clip("a", 10), mask());
        int[] expected = new int[PIXELS];
        for (int p = 0; p < PIXELS; p++) {
            expected[p] = 10 + p; // frames 0, 2, 4 hold 10 + p, frames 1, 3 hold 12 + p: the median is 10 + p
        }
        // row 1: the moving object covers pixel 4 in frame 0, 5 in 1, 6 in 2, 7 in 3 and 4 (upper medians)
        expected[4] = 16;
        expected[5] = 15;
        expected[6] = 18;
        expected[7] = 17;
        // the resting object never leaves pixel 12: the median of row 3's other pixels (23, 24, 25)
        expected[12] = 24;
        for (int p = 0; p < PIXELS; p++) {
            assertThat(b[p * 3] & 0xff).as("pixel %d", p).isEqualTo(expected[p]);
            assertThat(b[p * 3 + 1] & 0xff).as("pixel %d green", p).isEqualTo(expected[p]);
        }
    }

    @Test
    void aFrameKeepsItsObjectsAndShowsTheOtherClipsBackgroundElsewhere() {
        DenseClip a = clip("a", 10);
        DenseClip other = clip("b", 100);
        BackgroundSwap swap = BackgroundSwap.of(List.of(a, other), List.of(mask(), mask()));
        float[] out = a.frames(1, 1, 3);
        int kept = swap.apply(0, 1, 1, out, 0);
        assertThat(kept).isEqualTo(2);
        byte[] otherBackground = BackgroundSwap.background(other, mask());
        for (int p = 0; p < PIXELS; p++) {
            float expected = p == moving(1) ? 1f : p == 3 * SIDE ? 200 / 255f : (otherBackground[3 * p] & 0xff) / 255f;
            assertThat(out[p * 3]).as("pixel %d", p).isEqualTo(expected);
            assertThat(out[p * 3 + 2]).as("pixel %d blue", p).isEqualTo(expected);
        }
        assertThat(otherBackground[3 * 5] & 0xff).as("b's background, not a's").isGreaterThan(100);
    }

    @Test
    void aSwapRunTrainsAndRecordsItAndTheShippedRecipeHasNone() throws Exception {
        DenseAvConfig c = new DenseAvConfig(Profiles.AVSHAPES_SMALL, 2, 3, 4, 0.5);
        DenseAvDescriptor.Provenance data = new DenseAvDescriptor.Provenance("memory", "train", "tiny", "test");
        List<DenseClip> clips = DenseAvTrainerTest.clips(10);
        DenseAvTrainSpec spec = new DenseAvTrainSpec(c, 2, 4, 5e-3f, 1, 3, 10, 1, 0, 0, 1).withBackgroundSwap(true);
        assertThatThrownBy(() -> new DenseAvTrainer().train(spec, clips, null, data, dir.resolve("none"),
                TrainingMonitor.NONE)).hasMessageContaining("needs the masks");
        List<byte[]> masks = clips.stream().map(x -> new byte[10 * 64 * 64]).toList();
        TrainingResult r = new DenseAvTrainer().train(spec, clips, null, masks, data, dir.resolve("swap"),
                TrainingMonitor.NONE);
        assertThat(r.steps()).isEqualTo(2);
        JsonObject training = JsonParser.parseString(Files.readString(r.descriptor())).getAsJsonObject()
                .getAsJsonObject("training");
        assertThat(training.get("backgroundSwap").getAsBoolean()).isTrue();

        DenseAvTrainSpec fromRequest = DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("out"), 10, 1,
                200, Map.of("background-swap", 1)));
        assertThat(fromRequest.backgroundSwap()).isTrue();
        assertThat(DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("out"), 10, 1, 200, Map.of()))
                .backgroundSwap()).as("the shipped recipe").isFalse();
        assertThatThrownBy(() -> DenseAvFamilyTrainer.spec(new TrainRequest(dir, dir.resolve("out"), 10, 1, 200,
                Map.of("background-swap", 1, "motion", 1)))).hasMessageContaining("background swap with motion");
    }
}
