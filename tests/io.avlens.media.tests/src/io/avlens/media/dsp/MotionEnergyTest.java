package io.avlens.media.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.avlens.core.tensor.FloatTensor;

/** Motion energy and visual onsets of a square that moves only at known frames. */
class MotionEnergyTest {

    private static final int SIZE = 32;
    private static final int SIDE = 8;
    private static final int STEP = 4;

    /** Frames {@code [count, 32, 32, 3]}: a {@code colour} square on black moving STEP pixels right at each move. */
    private static FloatTensor movingSquare(int count, Set<Integer> moves, float[] colour) {
        float[] data = new float[count * SIZE * SIZE * 3];
        int x0 = 2;
        for (int f = 0; f < count; f++) {
            if (moves.contains(f)) {
                x0 += STEP;
            }
            for (int y = 10; y < 10 + SIDE; y++) {
                for (int x = x0; x < x0 + SIDE; x++) {
                    int at = ((f * SIZE + y) * SIZE + x) * 3;
                    System.arraycopy(colour, 0, data, at, 3);
                }
            }
        }
        return FloatTensor.wrap(new int[] {count, SIZE, SIZE, 3}, data);
    }

    @Test
    void energyIsNonZeroExactlyAtTheMovesWithTheChangedArea() {
        Set<Integer> moves = Set.of(5, 12, 19);
        TimeCurve curve = MotionEnergy.curve(movingSquare(24, moves, new float[] {1, 1, 1}), 8);
        assertThat(curve.length()).isEqualTo(24);
        assertThat(curve.framesPerSecond()).isEqualTo(8);
        // a move uncovers STEP columns and covers STEP columns of the square: 2·4·8 of 32·32 pixels change by 1
        double expected = 2.0 * STEP * SIDE / (SIZE * SIZE);
        for (int i = 0; i < 24; i++) {
            assertThat((double) curve.values()[i]).as("frame %d", i)
                    .isCloseTo(moves.contains(i) ? expected : 0, within(1e-6));
        }
    }

    @Test
    void lumaWeightsAreBt601() {
        TimeCurve red = MotionEnergy.curve(movingSquare(3, Set.of(1), new float[] {1, 0, 0}), 4);
        TimeCurve blue = MotionEnergy.curve(movingSquare(3, Set.of(1), new float[] {0, 0, 1}), 4);
        double area = 2.0 * STEP * SIDE / (SIZE * SIZE);
        assertThat((double) red.values()[1]).isCloseTo(0.299 * area, within(1e-6));
        assertThat((double) blue.values()[1]).isCloseTo(0.114 * area, within(1e-6));
    }

    @Test
    void visualOnsetsAreAtTheMoves() {
        FloatTensor frames = movingSquare(40, Set.of(5, 12, 19, 33), new float[] {0.8f, 0.6f, 0.2f});
        PeakPicker picker = new PeakPicker(0.25, 0.25, 0.5, 0.5, 0.01, 0.25);
        double[] onsets = MotionEnergy.onsets(frames, 8, picker);
        assertThat(onsets).containsExactly(5 / 8.0, 12 / 8.0, 19 / 8.0, 33 / 8.0);
    }

    @Test
    void stillFramesHaveNoOnsets() {
        FloatTensor frames = movingSquare(16, Set.of(), new float[] {1, 1, 1});
        assertThat(MotionEnergy.curve(frames, 8).values()).containsOnly(0f);
        assertThat(MotionEnergy.onsets(frames, 8, PeakPicker.LIBROSA_DEFAULTS.withDelta(0.001))).isEmpty();
    }

    @Test
    void rejectsTensorsThatAreNotRgbFrames() {
        assertThatThrownBy(() -> MotionEnergy.curve(FloatTensor.zeros(4, 8, 8), 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[4, 8, 8]");
        assertThatThrownBy(() -> MotionEnergy.curve(FloatTensor.zeros(4, 8, 8, 4), 8))
                .hasMessageContaining("RGB");
        assertThatThrownBy(() -> MotionEnergy.curve(FloatTensor.zeros(0, 8, 8, 3), 8))
                .hasMessageContaining("T ≥ 1");
        assertThatThrownBy(() -> MotionEnergy.curve(FloatTensor.zeros(2, 8, 8, 3), 0))
                .hasMessageContaining("positive");
    }
}
