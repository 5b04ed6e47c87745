package io.avlens.models.cavp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Batches are built from the right pieces of the right clips, audio and video cut at the same instant. */
class SplitMergeTest {

    private static final CavpConfig CONFIG = CavpConfig.small();
    private static final int PIXELS = 64 * 64 * 3;

    /** Clip {@code c}: frame {@code t} holds byte {@code c·16 + t}, mel column {@code j} holds {@code c·1000 + j}. */
    private static List<ClipTensors> clips(int n, int steps) {
        List<ClipTensors> out = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            byte[] frames = new byte[steps * PIXELS];
            for (int t = 0; t < steps; t++) {
                Arrays.fill(frames, t * PIXELS, (t + 1) * PIXELS, (byte) (c * 16 + t));
            }
            int cols = steps * 8;
            float[] mel = new float[64 * cols];
            for (int m = 0; m < 64; m++) {
                for (int j = 0; j < cols; j++) {
                    mel[m * cols + j] = c * 1000 + j;
                }
            }
            out.add(new ClipTensors("c" + c, steps, frames, mel, 0));
        }
        return out;
    }

    @Test
    void mergedEntriesJoinTwoClipsAtOneInstant() {
        int steps = 12;
        List<ClipTensors> clips = clips(6, 14);
        SplitMerge.Batch b = new SplitMerge(CONFIG, 1.0).sample(clips, 4, steps, new Random(5));
        for (int e = 0; e < 4; e++) {
            int[] clip = new int[steps];
            int[] frame = new int[steps];
            for (int t = 0; t < steps; t++) {
                int v = Math.round(b.frames()[(e * steps + t) * PIXELS] * 255);
                clip[t] = v / 16;
                frame[t] = v % 16;
                float melValue = b.mel()[(e * 64 + 17) * steps * 8 + t * 8];
                assertThat((int) melValue / 1000).as("audio clip at step %d", t).isEqualTo(clip[t]);
                assertThat((int) melValue % 1000).as("audio column at step %d", t).isEqualTo(frame[t] * 8);
            }
            int split = 1;
            while (clip[split] == clip[0]) {
                split++;
            }
            assertThat(split).isBetween(steps / 4, steps / 4 + steps / 2);
            for (int t = 1; t < steps; t++) {
                assertThat(clip[t]).isEqualTo(t < split ? clip[0] : clip[split]);
                if (t != split) {
                    assertThat(frame[t]).isEqualTo(frame[t - 1] + 1);
                }
            }
            assertThat(clip[split]).isNotEqualTo(clip[0]);
        }
    }

    @Test
    void plainEntriesAreWindowsOfDistinctClipsAndTheSeedFixesTheBatch() {
        List<ClipTensors> clips = clips(5, 10);
        SplitMerge sm = new SplitMerge(CONFIG, 0.0);
        SplitMerge.Batch b = sm.sample(clips, 5, 8, new Random(9));
        boolean[] seen = new boolean[5];
        for (int e = 0; e < 5; e++) {
            int v0 = Math.round(b.frames()[e * 8 * PIXELS] * 255);
            assertThat(seen[v0 / 16]).isFalse();
            seen[v0 / 16] = true;
            for (int t = 0; t < 8; t++) {
                assertThat(Math.round(b.frames()[(e * 8 + t) * PIXELS + PIXELS - 1] * 255)).isEqualTo(v0 + t);
            }
        }
        SplitMerge.Batch again = sm.sample(clips, 5, 8, new Random(9));
        assertThat(again.frames()).containsExactly(b.frames());
        assertThat(again.mel()).containsExactly(b.mel());
    }

    @Test
    void shiftedWindowsStayInsideTheClipAndTheBandAudioIsCutLate() {
        List<ClipTensors> clips = clips(5, 10);
        Random rng = new Random(3);
        int[] seen = new int[7];
        for (int n = 0; n < 200; n++) {
            SplitMerge.Batch b = new SplitMerge(CONFIG, 0.5).sample(clips, 4, 10, 3, rng);
            assertThat(b.window()).isEqualTo(6);
            assertThat(b.bandMel()).hasSize(4 * 64 * 9 * 8);
            for (int i = 0; i < 4; i++) {
                int lag = b.lags()[i];
                int v0 = b.videoStarts()[i];
                int sub = b.subSteps()[i];
                assertThat(lag * 8 + sub).isBetween(-24, 24);
                assertThat(sub).isBetween(0, 7);
                assertThat(v0).isBetween(0, 4);
                assertThat(v0 + lag).isBetween(0, 3);
                seen[lag + 3]++;
                for (int col = 0; col < 72; col += 7) {
                    assertThat(b.bandMel()[(i * 64 + 5) * 72 + col]).isEqualTo(b.mel()[(i * 64 + 5) * 80 + col + sub]);
                }
            }
        }
        for (int count : seen) {
            assertThat(count).isGreaterThan(10); // every whole-step shift occurs
        }
    }
}
