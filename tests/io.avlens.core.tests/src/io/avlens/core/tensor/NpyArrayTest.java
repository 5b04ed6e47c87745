package io.avlens.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;

import org.junit.jupiter.api.Test;

class NpyArrayTest {

    @Test
    void ofFloatTensorKeepsShapeAndValues() {
        FloatTensor t = FloatTensor.of(new int[] {2, 2}, 1.5f, -2f, Float.NaN, 0.1f);

        NpyArray a = NpyArray.of(t);

        assertThat(a.dtype()).isEqualTo(NpyDtype.FLOAT32);
        assertThat(a.shape()).containsExactly(2, 2);
        assertThat(a.size()).isEqualTo(4);
        assertThat(a.getDouble(0)).isEqualTo(1.5);
        assertThat(a.getDouble(2)).isNaN();
        assertThat(a.getDouble(3)).isEqualTo((double) 0.1f);
        assertThat(a.toFloatTensor()).isEqualTo(t);
    }

    @Test
    void factoriesStoreLittleEndianBytes() {
        NpyArray ints = NpyArray.ofInts(new int[] {2}, new int[] {1, 0x01020304});
        NpyArray longs = NpyArray.ofLongs(new int[] {1}, new long[] {0x0102030405060708L});
        NpyArray doubles = NpyArray.ofDoubles(new int[] {1}, new double[] {1.0});

        assertThat(NpyTest.bytesOf(ints)).containsExactly(1, 0, 0, 0, 4, 3, 2, 1);
        assertThat(NpyTest.bytesOf(longs)).containsExactly(8, 7, 6, 5, 4, 3, 2, 1);
        assertThat(NpyTest.bytesOf(doubles)).containsExactly(0, 0, 0, 0, 0, 0, (byte) 0xf0, 0x3f);
    }

    @Test
    void typedAccessorsConvertEveryDtype() {
        assertThat(NpyArray.ofDoubles(new int[] {3}, new double[] {-1.75, 2.5, 1e300}).toLongArray())
                .containsExactly(-1, 2, Long.MAX_VALUE);
        assertThat(NpyArray.ofInts(new int[] {2}, new int[] {Integer.MIN_VALUE, 7}).toDoubleArray())
                .containsExactly(Integer.MIN_VALUE, 7);
        assertThat(NpyArray.ofLongs(new int[] {2}, new long[] {Long.MIN_VALUE, (1L << 53) + 1}).toLongArray())
                .containsExactly(Long.MIN_VALUE, (1L << 53) + 1);
        assertThat(NpyArray.ofUnsignedBytes(new int[] {3}, new byte[] {0, (byte) 0x80, (byte) 0xff}).toDoubleArray())
                .containsExactly(0, 128, 255);
        assertThat(NpyArray.ofBooleans(new int[] {3}, new boolean[] {true, false, true}).toLongArray())
                .containsExactly(1, 0, 1);
        ByteBuffer signed = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN).putShort((short) -2)
                .putShort((short) 0x8000).putShort((short) 0x7fff).flip();
        assertThat(NpyArray.wrap(NpyDtype.INT16, new int[] {3}, signed).toLongArray()).containsExactly(-2, -32768, 32767);
        signed.rewind();
        assertThat(NpyArray.wrap(NpyDtype.UINT16, new int[] {3}, signed).toLongArray()).containsExactly(65534, 32768, 32767);
        assertThat(NpyArray.wrap(NpyDtype.INT8, new int[] {2}, ByteBuffer.wrap(new byte[] {-128, 127})).toLongArray())
                .containsExactly(-128, 127);
    }

    @Test
    void toFloatTensorConvertsOtherTypes() {
        NpyArray a = NpyArray.ofInts(new int[] {2, 1}, new int[] {3, -4});

        FloatTensor t = a.toFloatTensor();

        assertThat(t.shape()).containsExactly(2, 1);
        assertThat(t.toArray()).containsExactly(3f, -4f);
    }

    @Test
    void zeroDimensionalArrayHasOneElement() {
        NpyArray a = NpyArray.ofDoubles(new int[0], new double[] {2.5});

        assertThat(a.shape()).isEmpty();
        assertThat(a.size()).isEqualTo(1);
        assertThat(a.getDouble(0)).isEqualTo(2.5);
    }

    @Test
    void rejectsAShapeThatDoesNotMatchTheValues() {
        assertThatThrownBy(() -> NpyArray.ofInts(new int[] {2, 3}, new int[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]")
                .hasMessageContaining("int32").hasMessageContaining("24 bytes, got 20");
        assertThatThrownBy(() -> NpyArray.ofBooleans(new int[] {-1}, new boolean[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative dimension");
    }

    @Test
    void isImmutable() {
        byte[] source = {1, 2, 3};
        NpyArray a = NpyArray.ofUnsignedBytes(new int[] {3}, source);
        source[0] = 99;
        int[] shape = a.shape();
        shape[0] = 7;

        assertThat(a.getLong(0)).isEqualTo(1);
        assertThat(a.shape()).containsExactly(3);
        assertThat(a.data().isReadOnly()).isTrue();
        assertThatThrownBy(() -> a.data().put(0, (byte) 5)).isInstanceOf(ReadOnlyBufferException.class);
    }

    @Test
    void dataIsAFreshViewEachTime() {
        NpyArray a = NpyArray.ofInts(new int[] {2}, new int[] {1, 2});
        ByteBuffer first = a.data();
        first.getInt();

        assertThat(a.data().position()).isZero();
        assertThat(a.data().remaining()).isEqualTo(8);
        assertThat(a.getDouble(1)).isEqualTo(2);
    }

    @Test
    void describesItself() {
        assertThat(NpyArray.ofBooleans(new int[] {1, 2}, new boolean[2])).hasToString("NpyArray[bool [1, 2]]");
    }
}
