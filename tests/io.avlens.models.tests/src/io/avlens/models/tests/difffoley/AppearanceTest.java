package io.avlens.models.tests.difffoley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.avlens.core.tensor.FloatTensor;
import io.avlens.models.difffoley.Appearance;
import org.junit.jupiter.api.Test;

/** The per-step picture the denoiser sees: block means in [−1, 1] and their change since the previous step. */
class AppearanceTest {

    /** Two 4×4 frames: the first black, the second with a red 2×2 block top left and grey elsewhere. */
    private static float[] frames() {
        float[] f = new float[2 * 4 * 4 * 3];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                int i = ((4 + y) * 4 + x) * 3;
                boolean red = y < 2 && x < 2;
                f[i] = red ? 1 : 0.5f;
                f[i + 1] = red ? 0 : 0.5f;
                f[i + 2] = red ? 0 : 0.5f;
            }
        }
        return f;
    }

    @Test
    void averagesBlocksAndTakesTheChangeSinceThePreviousStep() {
        float[] a = Appearance.of(FloatTensor.wrap(new int[] {2, 4, 4, 3}, frames()), 2);
        int plane = 4;
        int step = Appearance.CHANNELS * plane;
        assertThat(a).hasSize(2 * step);
        for (int i = 0; i < 3 * plane; i++) {
            assertThat(a[i]).as("black is -1").isEqualTo(-1f);
            assertThat(a[3 * plane + i]).as("no change at the first step").isEqualTo(0f);
        }
        // second step, block (0,0): red; block (0,1): grey
        assertThat(a[step]).isEqualTo(1f, within(1e-6f));
        assertThat(a[step + plane]).isEqualTo(-1f, within(1e-6f));
        assertThat(a[step + 1]).isEqualTo(0f, within(1e-6f));
        assertThat(a[step + 3 * plane]).as("red rose from black").isEqualTo(2f, within(1e-6f));
        assertThat(a[step + 3 * plane + 1]).as("grey rose from black").isEqualTo(1f, within(1e-6f));
    }

    @Test
    void bytesGiveTheSameAsFloats() {
        float[] f = frames();
        byte[] b = new byte[f.length];
        float[] rounded = new float[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = (byte) Math.round(f[i] * 255);
            rounded[i] = (b[i] & 0xff) / 255f;
        }
        assertThat(Appearance.of(b, 2, 4, 4, 2))
                .containsExactly(Appearance.of(FloatTensor.wrap(new int[] {2, 4, 4, 3}, rounded), 2), within(1e-6f));
    }

    @Test
    void refusesASizeThatDoesNotDivideTheFrame() {
        assertThatThrownBy(() -> Appearance.of(FloatTensor.wrap(new int[] {2, 4, 4, 3}, frames()), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4x4");
    }
}
