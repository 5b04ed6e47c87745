package io.avlens.ui.heatmaps.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;

import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.analysis.similarity.TimeBase;
import io.avlens.core.color.ColorMap;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.ui.heatmaps.internal.Bicubic;
import io.avlens.ui.heatmaps.internal.HeatmapClip;
import io.avlens.ui.heatmaps.internal.HeatmapSettings;
import io.avlens.ui.heatmaps.internal.HeatmapSlice;

/**
 * What the heatmap overlay and the Heads view show for one instant: DenseAV's display (blur along audio time, clamp
 * at 0, min–max over the clip), the other normalisations, muted heads, and the colours with alpha.
 */
class HeatmapSliceTest {

    private static final int FRAMES = 3;
    private static final int HEADS = 2;
    private static final int CHANNELS = 3;
    private static final int H = 4;
    private static final int W = 5;
    private static final int FREQS = 2;
    private static final int STEPS = 6;

    private static DenseFeatures features() {
        Random random = new Random(3);
        float[] image = new float[FRAMES * HEADS * CHANNELS * H * W];
        float[] audio = new float[HEADS * CHANNELS * FREQS * STEPS];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) random.nextGaussian();
        }
        return DenseFeatures.of(FloatTensor.of(new int[] {FRAMES, HEADS, CHANNELS, H, W}, image),
                FloatTensor.of(new int[] {HEADS, CHANNELS, FREQS, STEPS}, audio), new boolean[STEPS],
                TimeBase.ofRate(8), TimeBase.ofRate(8));
    }

    private static float[] raw(DenseFeatures f, int frame, int head, int step) {
        float[] map = new float[H * W];
        f.slice(frame, head, Math.max(0, Math.min(STEPS - 1, step)), map);
        return map;
    }

    @Test
    void theDisplayBlursAlongAudioTimeAndNormalisesOverTheWholeClip() {
        DenseFeatures f = features();
        HeatmapClip clip = HeatmapClip.prepare("test", f, new NullProgressMonitor());
        float[] shown = new float[H * W];
        clip.shown().slice(1, 0, 3, shown);
        float[] before = raw(f, 1, 0, 2);
        float[] at = raw(f, 1, 0, 3);
        float[] after = raw(f, 1, 0, 4);
        for (int p = 0; p < shown.length; p++) {
            assertThat(shown[p]).isCloseTo(0.107f * before[p] + 0.787f * at[p] + 0.107f * after[p], within(1e-4f));
        }
        float high = 0;
        for (int frame = 0; frame < FRAMES; frame++) {
            for (int t = 0; t < STEPS; t++) {
                for (int k = 0; k < HEADS; k++) {
                    clip.shown().slice(frame, k, t, shown);
                    for (float v : shown) {
                        high = Math.max(high, v);
                    }
                }
            }
        }
        assertThat(Math.max(clip.high(0), clip.high(1))).isEqualTo(high);
        assertThat(clip.low(0)).isGreaterThanOrEqualTo(0);

        HeatmapSettings settings = new HeatmapSettings();
        HeatmapSlice slice = HeatmapSlice.of(clip, 1, 3, settings);
        clip.shown().slice(1, 1, 3, shown);
        float low = Math.min(clip.low(0), clip.low(1));
        for (int p = 0; p < shown.length; p++) {
            float expected = Math.max(0, Math.min(1, (Math.max(0, shown[p]) - low) / (high - low)));
            assertThat(slice.values()[1][p]).isCloseTo(expected, within(1e-5f));
        }
    }

    @Test
    void perFrameAndPerHeadNormalisationReachOneWhereTheirRangeEnds() {
        HeatmapClip clip = HeatmapClip.prepare("test", features(), new NullProgressMonitor());
        HeatmapSettings settings = new HeatmapSettings();
        settings.setNormalisation(HeatmapSettings.Normalisation.FRAME);
        HeatmapSlice frame = HeatmapSlice.of(clip, 2, 1, settings);
        assertThat(max(frame.max())).isEqualTo(1f);
        assertThat(min(frame.values()[0], frame.values()[1])).isEqualTo(0f);

        settings.setNormalisation(HeatmapSettings.Normalisation.HEAD);
        float best = 0;
        for (int f = 0; f < FRAMES; f++) {
            for (int t = 0; t < STEPS; t++) {
                best = Math.max(best, max(HeatmapSlice.of(clip, f, t, settings).values()[1]));
            }
        }
        assertThat(best).as("head 2 reaches 1 somewhere in the clip on its own range").isCloseTo(1f, within(1e-6f));
    }

    @Test
    void aSoloHeadAloneIsDrawnInItsColourWithAlphaRisingWithTheValue() {
        HeatmapClip clip = HeatmapClip.prepare("test", features(), new NullProgressMonitor());
        HeatmapSettings settings = new HeatmapSettings();
        settings.solo(1, HEADS);
        assertThat(settings.soloHead(HEADS)).isEqualTo(1);
        assertThat(settings.describe(HEADS)).isEqualTo("head colours · per clip · head 2");
        HeatmapSlice slice = HeatmapSlice.of(clip, 0, 2, settings);
        assertThat(max(slice.values()[0])).as("the muted head").isZero();
        for (int p = 0; p < H * W; p++) {
            assertThat(slice.max()[p]).isEqualTo(slice.values()[1][p]);
            assertThat(slice.argb()[p] >>> 24).isEqualTo(Math.round(slice.values()[1][p] * 255));
            if (slice.values()[1][p] > 0) {
                assertThat(slice.argb()[p] & 0xffffff).isEqualTo(HeatmapSettings.headColour(1));
            }
        }
        settings.setColouring(HeatmapSettings.Colouring.MAX);
        settings.solo(-1, HEADS);
        HeatmapSlice max = HeatmapSlice.of(clip, 0, 2, settings);
        for (int p = 0; p < H * W; p++) {
            assertThat(max.max()[p]).isEqualTo(Math.max(max.values()[0][p], max.values()[1][p]));
            int lut = ColorMap.INFERNO.lut()[Math.round(max.max()[p] * (ColorMap.SIZE - 1))];
            assertThat(max.argb()[p] & 0xffffff).isEqualTo(lut & 0xffffff);
        }
    }

    @Test
    void bicubicUpsamplingKeepsLinearRampsAndTheSliceAtFactorOne() {
        float[] ramp = new float[4 * 6];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = 0.1f * (i % 6) + 0.3f * (i / 6);
        }
        float[] up = Bicubic.upsample(ramp, 4, 6, 4);
        assertThat(up).hasSize(16 * 24);
        // where all four neighbours lie inside the plane a cubic reproduces a linear ramp exactly
        for (int y = 6; y <= 9; y++) {
            for (int x = 6; x <= 17; x++) {
                double u = (x + 0.5) / 4 - 0.5;
                double v = (y + 0.5) / 4 - 0.5;
                assertThat(up[y * 24 + x]).isCloseTo((float) (0.1 * u + 0.3 * v), within(1e-5f));
            }
        }
        HeatmapClip clip = HeatmapClip.prepare("test", features(), new NullProgressMonitor());
        HeatmapSettings settings = new HeatmapSettings();
        HeatmapSlice slice = HeatmapSlice.of(clip, 1, 4, settings);
        assertThat(slice.upsampledArgb(H, W, 1, settings)).isEqualTo(slice.argb());
        assertThat(slice.upsampledArgb(H, W, 8, settings)).hasSize(H * W * 64);
    }

    private static float max(float[] values) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static float min(float[]... planes) {
        float m = Float.POSITIVE_INFINITY;
        for (float[] plane : planes) {
            for (float v : plane) {
                m = Math.min(m, v);
            }
        }
        return m;
    }
}
