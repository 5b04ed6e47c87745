package io.avlens.core.color;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ColorMapTest {

    @ParameterizedTest
    @EnumSource(ColorMap.class)
    void everyMapHas256OpaqueEntries(ColorMap map) {
        int[] lut = map.lut();

        assertThat(lut).hasSize(ColorMap.SIZE).hasSize(256);
        for (int i = 0; i < lut.length; i++) {
            assertThat(lut[i] >>> 24).as("alpha of %s[%d]", map, i).isEqualTo(0xff);
        }
        assertThat(java.util.Arrays.stream(lut).distinct().count()).as("distinct colours of %s", map)
                .isGreaterThan(200);
    }

    @Test
    void tablesMatchMatplotlib() {
        assertThat(ColorMap.VIRIDIS.lut()[0]).isEqualTo(0xff440154);
        assertThat(ColorMap.VIRIDIS.lut()[255]).isEqualTo(0xfffde725);
        assertThat(ColorMap.COOLWARM.lut()[0]).isEqualTo(0xff3b4cc0);
        assertThat(ColorMap.COOLWARM.lut()[255]).isEqualTo(0xffb40426);
        assertThat(ColorMap.MAGMA.lut()[0]).isEqualTo(0xff000004);
        assertThat(ColorMap.MAGMA.lut()[255]).isEqualTo(0xfffcfdbf);
        assertThat(ColorMap.INFERNO.lut()[0]).isEqualTo(0xff000004);
        assertThat(ColorMap.INFERNO.lut()[255]).isEqualTo(0xfffcffa4);
    }

    @Test
    void grayRampsFromBlackToWhite() {
        int[] lut = ColorMap.GRAY.lut();

        for (int i = 0; i < 256; i++) {
            assertThat(lut[i]).as("gray[%d]", i).isEqualTo(0xff000000 | i * 0x010101);
        }
    }

    @ParameterizedTest
    @EnumSource(ColorMap.class)
    void argbLooksUpTheTable(ColorMap map) {
        int[] lut = map.lut();

        assertThat(map.argb(0)).isEqualTo(lut[0]);
        assertThat(map.argb(1)).isEqualTo(lut[255]);
        assertThat(map.argb(0.5)).isEqualTo(lut[128]);
        assertThat(map.argb(0.25)).isEqualTo(lut[64]);
        assertThat(map.argb(100.0 / 255)).isEqualTo(lut[100]);
    }

    @ParameterizedTest
    @EnumSource(ColorMap.class)
    void argbClampsAndMakesNaNTransparent(ColorMap map) {
        int[] lut = map.lut();

        assertThat(map.argb(-0.3)).isEqualTo(lut[0]);
        assertThat(map.argb(1e9)).isEqualTo(lut[255]);
        assertThat(map.argb(Double.NEGATIVE_INFINITY)).isEqualTo(lut[0]);
        assertThat(map.argb(Double.POSITIVE_INFINITY)).isEqualTo(lut[255]);
        assertThat(map.argb(Double.NaN)).isZero();
    }

    @Test
    void lutIsACopy() {
        int[] lut = ColorMap.VIRIDIS.lut();
        lut[0] = 0;

        assertThat(ColorMap.VIRIDIS.lut()[0]).isEqualTo(0xff440154);
        assertThat(ColorMap.VIRIDIS.argb(0)).isEqualTo(0xff440154);
    }

    @Test
    void idsAreLowerCaseNames() {
        assertThat(ColorMap.VIRIDIS.id()).isEqualTo("viridis");
        assertThat(ColorMap.COOLWARM.id()).isEqualTo("coolwarm");
        for (ColorMap m : ColorMap.values()) {
            assertThat(m.id()).isEqualTo(m.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void onlyCoolwarmIsDiverging() {
        for (ColorMap m : ColorMap.values()) {
            assertThat(m.isDiverging()).as(m.id()).isEqualTo(m == ColorMap.COOLWARM);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"viridis", "VIRIDIS", "Viridis", "vIrIdIs"})
    void byIdIgnoresCase(String id) {
        assertThat(ColorMap.byId(id)).isSameAs(ColorMap.VIRIDIS);
    }

    @ParameterizedTest
    @EnumSource(ColorMap.class)
    void byIdFindsEveryMap(ColorMap map) {
        assertThat(ColorMap.byId(map.id())).isSameAs(map);
        assertThat(ColorMap.byId(map.id().toUpperCase(java.util.Locale.ROOT))).isSameAs(map);
    }

    @Test
    void unknownIdNamesTheKnownMaps() {
        assertThatThrownBy(() -> ColorMap.byId("jet")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'jet'")
                .satisfies(e -> {
                    for (ColorMap m : ColorMap.values()) {
                        assertThat(e.getMessage()).as("lists %s", m.id()).contains(m.id());
                    }
                });
        assertThatThrownBy(() -> ColorMap.byId("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ColorMap.byId(null)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Perceptually uniform sequential maps get brighter from the first colour to the last. */
    @ParameterizedTest
    @EnumSource(value = ColorMap.class, names = {"VIRIDIS", "MAGMA", "INFERNO", "GRAY"})
    void sequentialMapsGetBrighter(ColorMap map) {
        int[] lut = map.lut();
        List<Integer> samples = new ArrayList<>();
        for (int i = 0; i < 256; i += 16) {
            samples.add(i);
        }
        samples.add(255);

        for (int k = 1; k < samples.size(); k++) {
            int a = samples.get(k - 1);
            int b = samples.get(k);
            assertThat(luminance(lut[b])).as("luminance of %s[%d] vs [%d]", map.id(), b, a)
                    .isGreaterThan(luminance(lut[a]));
        }
    }

    @Test
    void coolwarmIsBrightestInTheMiddleAndBlueToRed() {
        int[] lut = ColorMap.COOLWARM.lut();

        assertThat(luminance(lut[128])).isGreaterThan(luminance(lut[0]));
        assertThat(luminance(lut[128])).isGreaterThan(luminance(lut[255]));
        assertThat(lut[0] & 0xff).as("blue of the first colour").isGreaterThan(lut[0] >> 16 & 0xff);
        assertThat(lut[255] >> 16 & 0xff).as("red of the last colour").isGreaterThan(lut[255] & 0xff);
    }

    @Test
    void luminanceFormulaSanity() {
        assertThat(luminance(0xff000000)).isZero();
        assertThat(luminance(0xffffffff)).isBetween(1 - 1e-12, 1 + 1e-12);
        assertThat(luminance(0xff00ff00)).isGreaterThan(luminance(0xffff0000)).isGreaterThan(luminance(0xff0000ff));
    }

    /** WCAG relative luminance of an sRGB colour. */
    static double luminance(int argb) {
        return 0.2126 * linear(argb >> 16 & 0xff) + 0.7152 * linear(argb >> 8 & 0xff) + 0.0722 * linear(argb & 0xff);
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
