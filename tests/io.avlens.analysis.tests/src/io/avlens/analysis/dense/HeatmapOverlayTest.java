package io.avlens.analysis.dense;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.avlens.core.color.ColorMap;

class HeatmapOverlayTest {

    @Test
    void zeroShowsThePictureAndTheMaximumShowsInfernoAlone() {
        // a 1 x 2 heatmap (0 | 1) over a 2 x 1 grey picture: the left pixel keeps the grey, the right is inferno's top
        HeatmapOverlay overlay = new HeatmapOverlay(1, 2, 2, 1);
        int[] out = new int[2];
        overlay.blend(new float[] {0f, 1f}, 0f, 1f, new int[] {0xff808080, 0xff808080}, out);
        assertThat(out[0]).isEqualTo(0xff808080);
        assertThat(out[1]).isEqualTo(ColorMap.INFERNO.lut()[255] | 0xff000000);
    }

    @Test
    void negativeValuesAreClampedAndTheClipRangeScales() {
        HeatmapOverlay overlay = new HeatmapOverlay(1, 1, 1, 1);
        int[] out = new int[1];
        overlay.blend(new float[] {-3f}, -5f, 2f, null, out);
        assertThat(out[0]).as("clamped at 0, the range's low end: nothing drawn over black").isEqualTo(0xff000000);
        overlay.blend(new float[] {4f}, 0f, 2f, null, out);
        assertThat(out[0]).isEqualTo(ColorMap.INFERNO.lut()[255] | 0xff000000);
    }

    @Test
    void upsamplingInterpolatesBetweenCells() {
        HeatmapOverlay overlay = new HeatmapOverlay(1, 2, 4, 1);
        int[] out = new int[4];
        overlay.blend(new float[] {0f, 1f}, 0f, 1f, null, out);
        // values 0, .25, .75, 1 over black: red grows monotonically
        for (int i = 1; i < 4; i++) {
            assertThat((out[i] >> 16) & 0xff).isGreaterThan((out[i - 1] >> 16) & 0xff);
        }
    }
}
