package io.avlens.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.avlens.ui.widgets.Axis;

/** Heatmap axis ticks: never between cells of a small index axis (the sweep's metric surface), nice on long ones. */
class AxisTicksTest {

    @Test
    void aTwoCellIndexAxisTicksEachCellOnly() {
        assertThat(Axis.index("γ column").ticks(2, 10)).containsExactly(0.0, 1.0);
        assertThat(Axis.index("ω row").ticks(4, 10)).containsExactly(0.0, 1.0, 2.0, 3.0);
    }

    @Test
    void aLongTimeAxisKeepsNiceSpacing() {
        // 8 frames per second over 10 s: about 5 ticks, 2 s apart
        assertThat(new Axis("video time (s)", 0, 0.125).ticks(81, 5)).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0, 10.0);
    }

    @Test
    void aCategoricalAxisTicksAndNamesEveryCell() {
        Axis omega = Axis.categories("ω", java.util.List.of("1", "2.5", "4.5"));
        assertThat(omega.ticks(3, 2)).containsExactly(0.0, 1.0, 2.0);
        assertThat(omega.tickLabel(1)).isEqualTo("2.5");
        assertThat(omega.tickLabel(0.5)).as("between cells: the value").isEqualTo("0.5");
        assertThat(Axis.index("row").tickLabel(2)).isEqualTo("2");
        assertThat(new Axis("t", 0, 0.125).names()).isNull();
    }
}
