package io.avlens.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapesTest {

    @Test
    void sizeIsTheProductOfTheDimensions() {
        assertThat(Shapes.size(new int[] {2, 3, 4})).isEqualTo(24);
        assertThat(Shapes.size(new int[] {7})).isEqualTo(7);
        assertThat(Shapes.size(new int[] {Integer.MAX_VALUE, 4})).isEqualTo(4L * Integer.MAX_VALUE);
    }

    @Test
    void zeroDimensionalShapeHasOneElement() {
        assertThat(Shapes.size(new int[0])).isEqualTo(1);
    }

    @Test
    void aZeroDimensionMakesItEmpty() {
        assertThat(Shapes.size(new int[] {123456789, 0})).isZero();
    }

    @Test
    void rejectsNegativeDimensions() {
        assertThatThrownBy(() -> Shapes.size(new int[] {2, -1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, -1]");
    }

    @Test
    void overflowIsAnError() {
        int m = Integer.MAX_VALUE;
        assertThatThrownBy(() -> Shapes.size(new int[] {m, m, m})).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void stridesAreCOrder() {
        assertThat(Shapes.strides(new int[] {2, 3, 4})).containsExactly(12, 4, 1);
        assertThat(Shapes.strides(new int[] {5})).containsExactly(1);
        assertThat(Shapes.strides(new int[0])).isEmpty();
    }
}
