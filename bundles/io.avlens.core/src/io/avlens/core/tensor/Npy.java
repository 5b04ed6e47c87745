package io.avlens.core.tensor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.avlens.core.io.AtomicFiles;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0 on read; 1.0, or 2.0 when the header
 * needs it, on write), so tensors move between AV Lens and Python with {@code numpy.load}/{@code numpy.save}.
 * <p>
 * Reading accepts little- and big-endian data and Fortran order, and always yields little-endian C-order arrays.
 * Writing produces the same bytes as {@code numpy.save} (NumPy 1.24 to 2.x: same header text, growth padding and
 * 64-byte alignment). Stateless and thread-safe.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ARRAY_ALIGN = 64;
    /** NumPy reserves room for the growth axis to reach this many digits, so appending can rewrite the header. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final int MAX_HEADER_BYTES = 1 << 20;

    private Npy() {
    }

    /**
     * Reads a {@code .npy} file.
     *
     * @throws NpyFormatException when the file is not a NumPy array AV Lens supports; the message names the file
     * @throws IOException        when the file cannot be read
     */
    public static NpyArray read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new NpyFormatException(file.toString(), "no such file");
        }
    }

    /**
     * Reads a {@code .npy} stream.
     *
     * @param source name of the stream, used in error messages
     */
    public static NpyArray read(InputStream in, String source) throws IOException {
        byte[] prefix = readFully(in, 8, source, "the file is shorter than a NumPy header");
        for (int i = 0; i < MAGIC.length; i++) {
            if (prefix[i] != MAGIC[i]) {
                throw new NpyFormatException(source, "not a NumPy .npy file (the magic string \\x93NUMPY is missing)");
            }
        }
        int major = prefix[6] & 0xff;
        int headerLength;
        if (major == 1) {
            byte[] len = readFully(in, 2, source, "truncated header");
            headerLength = (len[0] & 0xff) | (len[1] & 0xff) << 8;
        } else if (major == 2 || major == 3) {
            byte[] len = readFully(in, 4, source, "truncated header");
            headerLength = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt();
        } else {
            throw new NpyFormatException(source, "unsupported .npy format version " + major + "." + (prefix[7] & 0xff));
        }
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw new NpyFormatException(source, "implausible header length " + Integer.toUnsignedString(headerLength));
        }
        byte[] headerBytes = readFully(in, headerLength, source, "truncated header");
        String headerText = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader header = NpyHeader.parse(headerText, source);

        long byteCount;
        try {
            byteCount = Math.multiplyExact(Shapes.size(header.shape()), header.dtype().itemSize());
        } catch (ArithmeticException e) {
            byteCount = Long.MAX_VALUE;
        }
        if (byteCount > Integer.MAX_VALUE - 8) {
            throw new NpyFormatException(source, "an array of shape " + java.util.Arrays.toString(header.shape())
                    + " is too large to load (more than 2 GiB)");
        }
        byte[] raw = in.readNBytes((int) byteCount);
        if (raw.length < byteCount) {
            throw new NpyFormatException(source, "truncated: the header promises " + byteCount
                    + " bytes of data but the file holds " + raw.length);
        }
        ByteBuffer data = ByteBuffer.wrap(raw);
        if (header.bigEndian()) {
            swapBytes(raw, header.dtype().itemSize());
        }
        if (header.fortranOrder() && header.shape().length > 1) {
            data = fortranToC(raw, header.shape(), header.dtype().itemSize());
        }
        return NpyArray.wrap(header.dtype(), header.shape(), data);
    }

    /** Writes {@code array} to {@code file} atomically: the file appears whole or not at all. */
    public static void write(Path file, NpyArray array) throws IOException {
        AtomicFiles.write(file, out -> write(out, array));
    }

    /** Writes a float32 tensor to {@code file} atomically. */
    public static void write(Path file, FloatTensor tensor) throws IOException {
        write(file, NpyArray.of(tensor));
    }

    /** Writes a tensor of either kind (float32 or int64) to {@code file} atomically. */
    public static void write(Path file, Tensor tensor) throws IOException {
        write(file, NpyArray.of(tensor));
    }

    /** Writes {@code array} in {@code .npy} format to a stream (the stream is not closed). */
    public static void write(OutputStream out, NpyArray array) throws IOException {
        out.write(header(array));
        ByteBuffer data = array.data();
        byte[] chunk = new byte[Math.min(1 << 16, Math.max(1, data.remaining()))];
        while (data.hasRemaining()) {
            int n = Math.min(chunk.length, data.remaining());
            data.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    /** The complete header (magic, version, length, dictionary, padding) NumPy writes for this array. */
    static byte[] header(NpyArray array) {
        return header(array.dtype(), array.shape());
    }

    /**
     * The header NumPy writes for a C-order array of {@code dtype} and {@code shape}, for writers that stream the
     * data after it in slices (little-endian, C order, {@code product(shape)} items must follow).
     */
    public static byte[] header(NpyDtype dtype, int[] shape) {
        StringBuilder dict = new StringBuilder("{'descr': '").append(dtype.descr())
                .append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            dict.append(i > 0 ? ", " : "").append(shape[i]);
        }
        dict.append(shape.length == 1 ? ",), }" : "), }");
        if (shape.length > 0) {
            dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length()));
        }
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        int major = 1;
        int lengthBytes = 2;
        int hlen = text.length + 1;
        int padlen = ARRAY_ALIGN - ((MAGIC.length + 2 + lengthBytes + hlen) % ARRAY_ALIGN);
        if (hlen + padlen > 0xffff) {
            major = 2;
            lengthBytes = 4;
            padlen = ARRAY_ALIGN - ((MAGIC.length + 2 + lengthBytes + hlen) % ARRAY_ALIGN);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(MAGIC.length + 2 + lengthBytes + hlen + padlen);
        out.writeBytes(MAGIC);
        out.write(major);
        out.write(0);
        ByteBuffer len = ByteBuffer.allocate(lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        if (lengthBytes == 2) {
            len.putShort((short) (hlen + padlen));
        } else {
            len.putInt(hlen + padlen);
        }
        out.writeBytes(len.array());
        out.writeBytes(text);
        out.writeBytes(" ".repeat(padlen).getBytes(StandardCharsets.ISO_8859_1));
        out.write('\n');
        return out.toByteArray();
    }

    private static byte[] readFully(InputStream in, int n, String source, String problem) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new NpyFormatException(source, problem);
        }
        return b;
    }

    private static void swapBytes(byte[] raw, int itemSize) {
        for (int at = 0; at + itemSize <= raw.length; at += itemSize) {
            for (int i = 0, j = itemSize - 1; i < j; i++, j--) {
                byte t = raw[at + i];
                raw[at + i] = raw[at + j];
                raw[at + j] = t;
            }
        }
    }

    /** Reorders column-major element bytes into row-major order. */
    private static ByteBuffer fortranToC(byte[] raw, int[] shape, int itemSize) {
        byte[] out = new byte[raw.length];
        int rank = shape.length;
        int[] fortranStrides = new int[rank];
        int stride = 1;
        for (int i = 0; i < rank; i++) {
            fortranStrides[i] = stride;
            stride *= shape[i];
        }
        int[] index = new int[rank];
        int count = raw.length / Math.max(1, itemSize);
        for (int c = 0; c < count; c++) {
            int f = 0;
            for (int i = 0; i < rank; i++) {
                f += index[i] * fortranStrides[i];
            }
            System.arraycopy(raw, f * itemSize, out, c * itemSize, itemSize);
            for (int i = rank - 1; i >= 0 && ++index[i] == shape[i]; i--) {
                index[i] = 0;
            }
        }
        return ByteBuffer.wrap(out);
    }
}
