package io.avlens.analysis.dense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PixelScoresTest {

    private static final boolean[] MASK = {false, true, true, false, false, false, true, false};

    private static float[] asScores(boolean[] mask) {
        float[] s = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            s[i] = mask[i] ? 1 : 0;
        }
        return s;
    }

    @Test
    void aHeatmapEqualToTheMaskScoresOne() {
        assertThat(PixelScores.averagePrecision(asScores(MASK), MASK, MASK.length)).isEqualTo(1.0);
        assertThat(PixelScores.bestIou(asScores(MASK), MASK, MASK.length)).isEqualTo(1.0);
    }

    @Test
    void aUniformHeatmapHasThePositiveRateAsAveragePrecisionAndIou() {
        float[] flat = new float[MASK.length];
        assertThat(PixelScores.averagePrecision(flat, MASK, MASK.length)).isCloseTo(3 / 8.0, within(1e-12));
        // every threshold equals the one score: everything predicted, IoU = positives / pixels
        assertThat(PixelScores.bestIou(flat, MASK, MASK.length)).isCloseTo(3 / 8.0, within(1e-12));
    }

    @Test
    void averagePrecisionByHand() {
        // ranked: 0.9 (+), 0.8 (-), 0.7 (+), 0.6 (-), 0.5 (+) -> precisions at the hits 1, 2/3, 3/5
        float[] s = {0.5f, 0.9f, 0.6f, 0.8f, 0.7f};
        boolean[] l = {true, true, false, false, true};
        assertThat(PixelScores.averagePrecision(s, l, 5)).isCloseTo((1 + 2 / 3.0 + 3 / 5.0) / 3, within(1e-12));
    }

    @Test
    void tiedScoresFormOneStepOfTheCurve() {
        // 0.9 (+, -) tied, then 0.1 (+): at 0.9 recall 1/2 precision 1/2; at 0.1 recall 1 precision 2/3
        float[] s = {0.9f, 0.9f, 0.1f};
        boolean[] l = {true, false, true};
        assertThat(PixelScores.averagePrecision(s, l, 3)).isCloseTo(0.5 * 0.5 + 0.5 * 2 / 3.0, within(1e-12));
    }

    @Test
    void negativeScoresRankBelowPositiveOnes() {
        float[] s = {-2f, 3f, -0.5f, 0f};
        boolean[] l = {false, true, true, false};
        // ranked 3 (+), 0 (-), -0.5 (+), -2 (-)
        assertThat(PixelScores.averagePrecision(s, l, 4)).isCloseTo((1 + 2 / 3.0) / 2, within(1e-12));
    }

    @Test
    void bestIouOverTwentyThresholdsByHand() {
        // thresholds linspace(0, 1, 20); scores 0, 0.3, 0.6, 1 with the last two positive
        float[] s = {0f, 0.3f, 0.6f, 1f};
        boolean[] l = {false, false, true, true};
        // t = 0 -> all (2/4); 0 < t <= 0.3 -> 3 predicted (2/3); 0.3 < t <= 0.6 -> exactly the mask (1)
        assertThat(PixelScores.bestIou(s, l, 4)).isEqualTo(1.0);
        // the mask is cut between two thresholds: 0.5 and 0.52 never separate at steps of 1/19 above 0.47
        float[] close = {0f, 0.5f, 0.52f, 1f};
        // t in (0, 0.5] -> {0.5, 0.52, 1}: IoU 2/3; t in (0.5, 0.52] has no threshold (8/19 = 0.421, 10/19 = 0.526)
        assertThat(PixelScores.bestIou(close, l, 4)).isCloseTo(2 / 3.0, within(1e-12));
    }

    @Test
    void onlyTheFirstNValuesCountAndNoPositivesIsNaN() {
        float[] s = {1f, 0f, 1f};
        boolean[] l = {true, false, false};
        assertThat(PixelScores.averagePrecision(s, l, 2)).isEqualTo(1.0);
        assertThat(PixelScores.averagePrecision(s, new boolean[3], 3)).isNaN();
        assertThat(PixelScores.bestIou(s, new boolean[3], 3)).isNaN();
    }
}
