package io.avlens.media.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** librosa-style peak picking on hand-made curves. */
class PeakPickerTest {

    private static TimeCurve curve(double rate, float... values) {
        return new TimeCurve(values, rate);
    }

    @Test
    void peakMustBeTheLocalMaximumAndAboveTheLocalMeanByDelta() {
        // at 10 frames/s: max over 1 frame before, mean over 2 either side
        PeakPicker picker = new PeakPicker(0.1, 0, 0.2, 0.2, 0.3, 0);
        TimeCurve c = curve(10, 0, 0, 1, 0, 0, 0.2f, 0, 0, 0.5f, 0.6f, 0, 0);
        // index 2: mean of 0,0,1,0,0 = 0.2 → 1 ≥ 0.5 ✓; index 5: 0.2 < 0.04 + 0.3 ✗;
        // index 8: 0.5 < 0.6 after it but postMax 0 looks only back → max of {0, 0.5} ✓, mean 0.22 → 0.5 < 0.52 ✗;
        // index 9: max of {0.5, 0.6} ✓, mean (0, 0.5, 0.6, 0, 0) = 0.22 → 0.6 ≥ 0.52 ✓
        assertThat(picker.peakIndices(c)).containsExactly(2, 9);
        assertThat(picker.peakTimes(c)).containsExactly(0.2, 0.9);
    }

    @Test
    void postMaxWindowLooksAhead() {
        PeakPicker lookAhead = new PeakPicker(0.1, 0.1, 0.2, 0.2, 0.1, 0);
        TimeCurve c = curve(10, 0, 0.5f, 0.6f, 0, 0);
        assertThat(lookAhead.peakIndices(c)).containsExactly(2);
        // looking back only, index 1 is a maximum too, and 0.5 ≥ mean(0, 0.5, 0.6, 0) + 0.1
        assertThat(new PeakPicker(0.1, 0, 0.2, 0.2, 0.1, 0).peakIndices(c)).containsExactly(1, 2);
    }

    @Test
    void minimumGapKeepsTheEarlierPeak() {
        TimeCurve c = curve(100, 0, 1, 0, 0, 0.9f, 0, 0, 0, 0, 0, 0.8f, 0);
        PeakPicker noWait = new PeakPicker(0, 0, 0.02, 0.02, 0.1, 0);
        assertThat(noWait.peakIndices(c)).containsExactly(1, 4, 10);
        // means around 1, 4, 10 are 0.25, 0.18, 0.2
        assertThat(noWait.withDelta(0.75).peakIndices(c)).containsExactly(1);
        // 50 ms at 100 frames/s = 5 frames: index 4 is within, index 10 is not
        assertThat(new PeakPicker(0, 0, 0.02, 0.02, 0.1, 0.05).peakIndices(c)).containsExactly(1, 10);
    }

    @Test
    void windowsAreInSecondsSoTheRateDoesNotMatter() {
        PeakPicker picker = new PeakPicker(0.2, 0.2, 0.2, 0.2, 0.1, 0.2);
        float[] slow = new float[20];
        float[] fast = new float[40];
        slow[5] = 1;
        slow[8] = 0.9f;
        fast[10] = 1;
        fast[16] = 0.9f;
        // 0.3 s apart: at 10 and at 20 frames/s the second peak is outside the 0.2 s windows of the first
        assertThat(picker.peakTimes(curve(10, slow))).containsExactly(0.5, 0.8);
        assertThat(picker.peakTimes(curve(20, fast))).containsExactly(0.5, 0.8);
    }

    @Test
    void flatCurveHasNoPeaks() {
        assertThat(PeakPicker.LIBROSA_DEFAULTS.peakIndices(curve(64, new float[100]))).isEmpty();
        assertThat(PeakPicker.LIBROSA_DEFAULTS.peakIndices(curve(64))).isEmpty();
    }

    @Test
    void rejectsNegativeWindows() {
        assertThatThrownBy(() -> new PeakPicker(-0.1, 0, 0, 0, 0.1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-0.1");
        assertThatThrownBy(() -> new TimeCurve(new float[1], 0)).hasMessageContaining("positive");
    }
}
