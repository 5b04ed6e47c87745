package io.avlens.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.FloatBuffer;
import java.nio.ReadOnlyBufferException;

import org.junit.jupiter.api.Test;

class FloatTensorTest {

    private static FloatTensor cube() {
        float[] v = new float[24];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return FloatTensor.of(new int[] {2, 3, 4}, v);
    }

    @Test
    void describesItsShape() {
        FloatTensor t = cube();

        assertThat(t.shape()).containsExactly(2, 3, 4);
        assertThat(t.rank()).isEqualTo(3);
        assertThat(t.dim(0)).isEqualTo(2);
        assertThat(t.dim(2)).isEqualTo(4);
        assertThat(t.size()).isEqualTo(24);
        assertThat(t).hasToString("FloatTensor[2, 3, 4]");
    }

    @Test
    void indexesInCOrder() {
        FloatTensor t = cube();

        assertThat(t.get(0, 0, 0)).isEqualTo(0f);
        assertThat(t.get(0, 0, 3)).isEqualTo(3f);
        assertThat(t.get(0, 2, 0)).isEqualTo(8f);
        assertThat(t.get(1, 0, 0)).isEqualTo(12f);
        assertThat(t.get(1, 2, 3)).isEqualTo(23f);
        assertThat(t.getFlat(17)).isEqualTo(17f);
    }

    @Test
    void rejectsBadIndexes() {
        FloatTensor t = cube();

        assertThatThrownBy(() -> t.get(1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rank 2").hasMessageContaining("rank 3");
        assertThatThrownBy(() -> t.get(0, 3, 0)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("[0, 3, 0]").hasMessageContaining("[2, 3, 4]");
        assertThatThrownBy(() -> t.get(-1, 0, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> t.getFlat(24)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void zeroDimensionalTensorHoldsOneValue() {
        FloatTensor t = FloatTensor.of(new int[0], 4.5f);

        assertThat(t.rank()).isZero();
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.get()).isEqualTo(4.5f);
        assertThatThrownBy(() -> t.slice(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ofCopiesItsInputs() {
        int[] shape = {2};
        float[] values = {1, 2};
        FloatTensor t = FloatTensor.of(shape, values);
        shape[0] = 1;
        values[0] = 99;

        assertThat(t.shape()).containsExactly(2);
        assertThat(t.toArray()).containsExactly(1f, 2f);
    }

    @Test
    void wrapTakesTheArrayOver() {
        float[] values = {1, 2};
        FloatTensor t = FloatTensor.wrap(new int[] {2}, values);
        values[0] = 99;

        assertThat(t.getFlat(0)).as("wrap does not copy").isEqualTo(99f);
    }

    @Test
    void handsOutCopiesAndReadOnlyViews() {
        FloatTensor t = cube();
        t.shape()[0] = 9;
        t.toArray()[0] = 9;
        FloatBuffer view = t.asReadOnlyBuffer();

        assertThat(t.dim(0)).isEqualTo(2);
        assertThat(t.getFlat(0)).isZero();
        assertThat(view.isReadOnly()).isTrue();
        assertThat(view.remaining()).isEqualTo(24);
        assertThat(view.get(5)).isEqualTo(5f);
        assertThatThrownBy(() -> view.put(0, 1f)).isInstanceOf(ReadOnlyBufferException.class);
    }

    @Test
    void zerosHasTheShapeAndOnlyZeros() {
        FloatTensor t = FloatTensor.zeros(3, 2);

        assertThat(t.shape()).containsExactly(3, 2);
        assertThat(t.toArray()).containsOnly(0f).hasSize(6);
        assertThat(FloatTensor.zeros(0, 5).size()).isZero();
    }

    @Test
    void rejectsAShapeThatDoesNotMatchTheValues() {
        assertThatThrownBy(() -> FloatTensor.of(new int[] {2, 2}, 1, 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 2]").hasMessageContaining("holds 4 values, got 3");
        assertThatThrownBy(() -> FloatTensor.zeros(2, -3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative dimension");
    }

    @Test
    void reshapeKeepsTheValues() {
        FloatTensor r = cube().reshape(4, 6);

        assertThat(r.shape()).containsExactly(4, 6);
        assertThat(r.get(1, 0)).isEqualTo(6f);
        assertThat(r.toArray()).containsExactly(cube().toArray());
        assertThatThrownBy(() -> cube().reshape(5, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sliceTakesTheSubTensorAlongTheFirstAxis() {
        FloatTensor plane = cube().slice(1);

        assertThat(plane.shape()).containsExactly(3, 4);
        assertThat(plane.get(0, 0)).isEqualTo(12f);
        assertThat(plane.get(2, 3)).isEqualTo(23f);
        FloatTensor row = plane.slice(2);
        assertThat(row.shape()).containsExactly(4);
        assertThat(row.toArray()).containsExactly(20f, 21f, 22f, 23f);
        FloatTensor scalar = row.slice(3);
        assertThat(scalar.rank()).isZero();
        assertThat(scalar.get()).isEqualTo(23f);
    }

    @Test
    void sliceRejectsIndexesOutsideTheAxis() {
        assertThatThrownBy(() -> cube().slice(2)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("size 2");
        assertThatThrownBy(() -> cube().slice(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void statsCoverTheValues() {
        TensorStats s = FloatTensor.of(new int[] {4}, 1, Float.NaN, 3, 5).stats();

        assertThat(s.count()).isEqualTo(4);
        assertThat(s.nonFinite()).isEqualTo(1);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(5);
        assertThat(s.mean()).isEqualTo(3);
    }

    @Test
    void equalityIsByShapeAndValues() {
        FloatTensor a = FloatTensor.of(new int[] {2, 2}, 1, 2, 3, Float.NaN);
        FloatTensor b = FloatTensor.of(new int[] {2, 2}, 1, 2, 3, Float.NaN);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(a.reshape(4));
        assertThat(a).isNotEqualTo(FloatTensor.of(new int[] {2, 2}, 1, 2, 3, 4));
        assertThat(a).isNotEqualTo("FloatTensor[2, 2]");
    }
}
