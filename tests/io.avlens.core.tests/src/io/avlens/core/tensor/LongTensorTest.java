package io.avlens.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Integer tensors (token ids) and their .npy files: int64 round trips exactly, int32 widens, floats refuse. */
class LongTensorTest {

    @TempDir
    Path dir;

    @Test
    void holdsInt64ValuesBeyondFloatPrecision() {
        long big = (1L << 53) + 1; // not representable in a double, let alone a float
        LongTensor t = LongTensor.of(new int[] {2, 2}, 1, 2, 3, big);
        assertThat(t.get(1, 1)).isEqualTo(big);
        assertThat(t.dtype()).isEqualTo(NpyDtype.INT64);
        assertThat(t.bytes()).isEqualTo(32);
        assertThat(t.rows(1, 2)).isEqualTo(LongTensor.of(new int[] {1, 2}, 3, big));
        assertThatThrownBy(() -> t.get(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void int64NpyRoundTripsExactlyAndReadsBackAsALongTensor() throws Exception {
        LongTensor ids = LongTensor.of(new int[] {2, 3}, 0, 7, Long.MAX_VALUE, -1, 42, 1L << 40);
        Path file = dir.resolve("ids.npy");
        Npy.write(file, (Tensor) ids);
        NpyArray read = Npy.read(file);
        assertThat(read.dtype()).isEqualTo(NpyDtype.INT64);
        assertThat(read.toTensor()).isEqualTo(ids);
        assertThat(read.toLongTensor()).isEqualTo(ids);
    }

    @Test
    void int32AndBoolWidenToInt64AndFloatsStayFloat() {
        assertThat(NpyArray.ofInts(new int[] {3}, new int[] {-5, 0, 9}).toTensor())
                .isEqualTo(LongTensor.of(new int[] {3}, -5, 0, 9));
        assertThat(NpyArray.ofBooleans(new int[] {2}, new boolean[] {true, false}).toLongTensor())
                .isEqualTo(LongTensor.of(new int[] {2}, 1, 0));
        NpyArray floats = NpyArray.of(FloatTensor.of(new int[] {2}, 1.5f, 2f));
        assertThat(floats.toTensor()).isInstanceOf(FloatTensor.class);
        assertThatThrownBy(floats::toLongTensor).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("float32");
    }

    @Test
    void bothKindsAreTensorsWithTheirOwnRows() {
        Tensor f = FloatTensor.of(new int[] {3, 1}, 1, 2, 3);
        Tensor l = LongTensor.of(new int[] {3, 1}, 1, 2, 3);
        assertThat(f.rows(1, 3)).isEqualTo(FloatTensor.of(new int[] {2, 1}, 2, 3));
        assertThat(l.rows(1, 3)).isEqualTo(LongTensor.of(new int[] {2, 1}, 2, 3));
        assertThat(f.bytes()).isEqualTo(12);
        assertThat(NpyArray.of(l).dtype()).isEqualTo(NpyDtype.INT64);
    }
}
