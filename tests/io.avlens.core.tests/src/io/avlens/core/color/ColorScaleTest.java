package io.avlens.core.color;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import io.avlens.core.tensor.TensorStats;

class ColorScaleTest {

    private static ColorScale fit(ColorMap map, float... values) {
        return ColorScale.fit(map, TensorStats.of(values));
    }

    @Test
    void holdsItsBounds() {
        ColorScale s = new ColorScale(ColorMap.MAGMA, -1, 3);

        assertThat(s.map()).isSameAs(ColorMap.MAGMA);
        assertThat(s.low()).isEqualTo(-1);
        assertThat(s.high()).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 1", "NaN, 1", "0, NaN", "-Infinity, 0", "0, Infinity"})
    void rejectsInvalidBounds(double low, double high) {
        assertThatThrownBy(() -> new ColorScale(ColorMap.VIRIDIS, low, high))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite low < high");
    }

    @Test
    void fitSpansMinToMaxForSequentialMaps() {
        ColorScale s = fit(ColorMap.VIRIDIS, 3, -2, 5, 0);

        assertThat(s.low()).isEqualTo(-2);
        assertThat(s.high()).isEqualTo(5);
        assertThat(s.map()).isSameAs(ColorMap.VIRIDIS);
    }

    @Test
    void fitIgnoresNonFiniteValues() {
        ColorScale s = fit(ColorMap.INFERNO, Float.NaN, 1, Float.POSITIVE_INFINITY, 4, Float.NEGATIVE_INFINITY);

        assertThat(s.low()).isEqualTo(1);
        assertThat(s.high()).isEqualTo(4);
    }

    @Test
    void fitIsSymmetricAroundZeroForDivergingMaps() {
        ColorScale positive = fit(ColorMap.COOLWARM, -0.25f, 0.75f);
        ColorScale negative = fit(ColorMap.COOLWARM, -3, 1);
        ColorScale allPositive = fit(ColorMap.COOLWARM, 2, 6);

        assertThat(positive.low()).isEqualTo(-0.75);
        assertThat(positive.high()).isEqualTo(0.75);
        assertThat(negative.low()).isEqualTo(-3);
        assertThat(negative.high()).isEqualTo(3);
        assertThat(allPositive.low()).isEqualTo(-6);
        assertThat(allPositive.high()).isEqualTo(6);
        assertThat(positive.normalize(0)).as("zero sits in the middle").isEqualTo(0.5);
        assertThat(positive.argb(0)).isEqualTo(ColorMap.COOLWARM.lut()[128]);
    }

    @Test
    void constantDataGetsAUnitWideRangeAroundItsValue() {
        ColorScale s = fit(ColorMap.VIRIDIS, 2, 2, 2);

        assertThat(s.low()).isEqualTo(1.5);
        assertThat(s.high()).isEqualTo(2.5);
        assertThat(s.argb(2)).isEqualTo(ColorMap.VIRIDIS.lut()[128]);
    }

    @Test
    void constantDataOnADivergingMap() {
        ColorScale zeros = fit(ColorMap.COOLWARM, 0, 0);
        ColorScale twos = fit(ColorMap.COOLWARM, 2, 2);

        assertThat(zeros.low()).isEqualTo(-0.5);
        assertThat(zeros.high()).isEqualTo(0.5);
        assertThat(twos.low()).isEqualTo(-2);
        assertThat(twos.high()).isEqualTo(2);
    }

    @Test
    void emptyOrNonFiniteDataGetsADefaultRange() {
        ColorScale empty = fit(ColorMap.VIRIDIS);
        ColorScale nan = fit(ColorMap.VIRIDIS, Float.NaN, Float.NaN);
        ColorScale divergingEmpty = fit(ColorMap.COOLWARM);

        assertThat(empty.low()).isEqualTo(0);
        assertThat(empty.high()).isEqualTo(1);
        assertThat(nan).isEqualTo(empty);
        assertThat(divergingEmpty.low()).isEqualTo(-1);
        assertThat(divergingEmpty.high()).isEqualTo(1);
    }

    @Test
    void normalizeIsLinearAndNotClamped() {
        ColorScale s = new ColorScale(ColorMap.GRAY, 10, 20);

        assertThat(s.normalize(10)).isEqualTo(0);
        assertThat(s.normalize(15)).isEqualTo(0.5);
        assertThat(s.normalize(20)).isEqualTo(1);
        assertThat(s.normalize(0)).isEqualTo(-1);
        assertThat(s.normalize(40)).isEqualTo(3);
    }

    @Test
    void argbUsesTheMapAndClamps() {
        ColorScale s = new ColorScale(ColorMap.GRAY, -1, 1);

        assertThat(s.argb(-1)).isEqualTo(0xff000000);
        assertThat(s.argb(1)).isEqualTo(0xffffffff);
        assertThat(s.argb(0)).isEqualTo(0xff808080);
        assertThat(s.argb(-7)).isEqualTo(0xff000000);
        assertThat(s.argb(7)).isEqualTo(0xffffffff);
        assertThat(s.argb(Double.NaN)).isZero();
    }

    @ParameterizedTest
    @EnumSource(ColorMap.class)
    void colorizeMatchesArgbForEveryValue(ColorMap map) {
        ColorScale s = new ColorScale(map, -2.5, 7.25);
        Random random = new Random(map.ordinal());
        float[] values = new float[20_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (-6 + random.nextDouble() * 18); // also below low and above high
        }
        for (int k = 0; k < 256; k++) {
            values[k] = (float) (s.low() + k * (s.high() - s.low()) / 255); // every table entry
        }
        int[] argb = new int[values.length];

        s.colorize(values, 0, argb, 0, values.length);

        for (int i = 0; i < values.length; i++) {
            assertThat(argb[i]).as("colour of %s", values[i]).isEqualTo(s.argb(values[i]));
        }
    }

    @Test
    void colorizeMakesNonFiniteValuesTransparent() {
        ColorScale s = new ColorScale(ColorMap.VIRIDIS, 0, 1);
        float[] values = {Float.NaN, 0.5f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1};
        int[] argb = new int[values.length];
        Arrays.fill(argb, 0x12345678);

        s.colorize(values, 0, argb, 0, values.length);

        assertThat(argb).containsExactly(0, ColorMap.VIRIDIS.lut()[128], 0, 0, ColorMap.VIRIDIS.lut()[255]);
    }

    @Test
    void colorizeRespectsOffsetsAndCount() {
        ColorScale s = new ColorScale(ColorMap.GRAY, 0, 255);
        float[] values = {9, 9, 0, 128, 255, 9};
        int[] argb = new int[7];
        Arrays.fill(argb, 0x12345678);

        s.colorize(values, 2, argb, 3, 3);

        assertThat(argb).containsExactly(0x12345678, 0x12345678, 0x12345678, 0xff000000, 0xff808080, 0xffffffff,
                0x12345678);
    }

    @Test
    void isAValue() {
        assertThat(new ColorScale(ColorMap.GRAY, 0, 1)).isEqualTo(new ColorScale(ColorMap.GRAY, 0, 1))
                .isNotEqualTo(new ColorScale(ColorMap.VIRIDIS, 0, 1));
    }

    // regressions of bugs found and fixed

    @Test
    void colorizeClampsValuesFarOutsideTheScale() {
        ColorScale s = new ColorScale(ColorMap.VIRIDIS, 0, 1);
        float[] values = {1e10f, 2e9f, -1e10f, 3e38f};
        int[] argb = new int[values.length];

        s.colorize(values, 0, argb, 0, values.length);

        int[] lut = ColorMap.VIRIDIS.lut();
        assertThat(argb).containsExactly(lut[255], lut[255], lut[0], lut[255]);
    }

    @Test
    void fitHandlesConstantDataOfLargeMagnitude() {
        ColorScale s = fit(ColorMap.VIRIDIS, 1e16f, 1e16f);

        assertThat(s.low()).isLessThan(1e16f);
        assertThat(s.high()).isGreaterThan(1e16f);
    }
}
