package io.avlens.core.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An N-dimensional array of one {@link NpyDtype}, in C (row-major) order, as read from or written to a NumPy
 * {@code .npy} file. Immutable: the element bytes are copied in and handed out read-only.
 */
public final class NpyArray {

    private final NpyDtype dtype;
    private final int[] shape;
    private final ByteBuffer data;

    private NpyArray(NpyDtype dtype, int[] shape, ByteBuffer littleEndianData) {
        this.dtype = dtype;
        this.shape = shape.clone();
        long expected = Shapes.size(this.shape) * dtype.itemSize();
        if (littleEndianData.remaining() != expected) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype.numpyName()
                    + " needs " + expected + " bytes, got " + littleEndianData.remaining());
        }
        this.data = littleEndianData.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Wraps little-endian C-order element bytes (not copied: the caller hands them over). */
    static NpyArray wrap(NpyDtype dtype, int[] shape, ByteBuffer littleEndianData) {
        return new NpyArray(dtype, shape, littleEndianData);
    }

    /** A float32 array with the tensor's shape and values. */
    public static NpyArray of(FloatTensor tensor) {
        ByteBuffer b = allocate(tensor.size(), 4);
        b.asFloatBuffer().put(tensor.asReadOnlyBuffer());
        return new NpyArray(NpyDtype.FLOAT32, tensor.shape(), b);
    }

    /** An int64 array with the tensor's shape and values. */
    public static NpyArray of(LongTensor tensor) {
        ByteBuffer b = allocate(tensor.size(), 8);
        b.asLongBuffer().put(tensor.asReadOnlyBuffer());
        return new NpyArray(NpyDtype.INT64, tensor.shape(), b);
    }

    /** The array of a tensor of either kind: float32 or int64. */
    public static NpyArray of(Tensor tensor) {
        return switch (tensor) {
            case FloatTensor f -> of(f);
            case LongTensor l -> of(l);
        };
    }

    /** A float64 array. */
    public static NpyArray ofDoubles(int[] shape, double[] values) {
        ByteBuffer b = allocate(values.length, 8);
        b.asDoubleBuffer().put(values);
        return new NpyArray(NpyDtype.FLOAT64, shape, b);
    }

    /** An int32 array. */
    public static NpyArray ofInts(int[] shape, int[] values) {
        ByteBuffer b = allocate(values.length, 4);
        b.asIntBuffer().put(values);
        return new NpyArray(NpyDtype.INT32, shape, b);
    }

    /** An int64 array. */
    public static NpyArray ofLongs(int[] shape, long[] values) {
        ByteBuffer b = allocate(values.length, 8);
        b.asLongBuffer().put(values);
        return new NpyArray(NpyDtype.INT64, shape, b);
    }

    /** A uint8 array; each byte is read as an unsigned value 0..255 (masks, label maps). */
    public static NpyArray ofUnsignedBytes(int[] shape, byte[] values) {
        return new NpyArray(NpyDtype.UINT8, shape, ByteBuffer.wrap(values.clone()));
    }

    /** A bool array. */
    public static NpyArray ofBooleans(int[] shape, boolean[] values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = values[i] ? (byte) 1 : 0;
        }
        return new NpyArray(NpyDtype.BOOL, shape, ByteBuffer.wrap(b));
    }

    private static ByteBuffer allocate(long count, int itemSize) {
        return ByteBuffer.allocate(Math.toIntExact(count * itemSize)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The element type. */
    public NpyDtype dtype() {
        return dtype;
    }

    /** The shape (a copy); empty for a 0-d array. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public long size() {
        return Shapes.size(shape);
    }

    /** The element bytes, little-endian, C order, read-only. */
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Element {@code index} (C order) as a double; exact for every type but int64 beyond 2^53. */
    public double getDouble(int index) {
        int at = index * dtype.itemSize();
        return switch (dtype) {
            case BOOL, UINT8 -> data.get(at) & 0xff;
            case INT8 -> data.get(at);
            case INT16 -> data.getShort(at);
            case UINT16 -> data.getShort(at) & 0xffff;
            case INT32 -> data.getInt(at);
            case INT64 -> data.getLong(at);
            case FLOAT32 -> data.getFloat(at);
            case FLOAT64 -> data.getDouble(at);
        };
    }

    /** Element {@code index} (C order) as a long; floating-point values are truncated toward zero. */
    public long getLong(int index) {
        return dtype == NpyDtype.INT64 ? data.getLong(index * 8) : (long) getDouble(index);
    }

    /** All elements converted to float32, as a tensor of the same shape. */
    public FloatTensor toFloatTensor() {
        int n = Math.toIntExact(size());
        float[] values = new float[n];
        if (dtype == NpyDtype.FLOAT32) {
            data().asFloatBuffer().get(values);
        } else {
            for (int i = 0; i < n; i++) {
                values[i] = (float) getDouble(i);
            }
        }
        return FloatTensor.wrap(shape, values);
    }

    /**
     * All elements as int64, as a tensor of the same shape: exact for every integer type and bool.
     *
     * @throws IllegalStateException for a floating-point array (truncating it would silently change values)
     */
    public LongTensor toLongTensor() {
        if (dtype.isFloatingPoint()) {
            throw new IllegalStateException("a " + dtype.numpyName() + " array holds no integers; save it as int64");
        }
        return LongTensor.wrap(shape, toLongArray());
    }

    /** The tensor of the matching kind: a {@link LongTensor} for integer and bool arrays, else a {@link FloatTensor}. */
    public Tensor toTensor() {
        return dtype.isFloatingPoint() ? toFloatTensor() : toLongTensor();
    }

    /** All elements as doubles, C order. */
    public double[] toDoubleArray() {
        double[] values = new double[Math.toIntExact(size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = getDouble(i);
        }
        return values;
    }

    /** All elements as longs, C order (floating-point values truncated). */
    public long[] toLongArray() {
        long[] values = new long[Math.toIntExact(size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = getLong(i);
        }
        return values;
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype.numpyName() + " " + Arrays.toString(shape) + "]";
    }
}
