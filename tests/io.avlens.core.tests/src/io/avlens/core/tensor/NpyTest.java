package io.avlens.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.avlens.core.io.AtomicFiles;
import io.avlens.core.tensor.NpyFixtures.Fixture;

class NpyTest {

    @TempDir
    Path dir;

    static Stream<Fixture> fixtures() {
        return NpyFixtures.all().stream();
    }

    static Stream<Fixture> writerFixtures() {
        List<Fixture> w = NpyFixtures.all().stream().filter(f -> f.name().startsWith("w_")).toList();
        assertThat(w).as("writer-comparison fixtures").hasSizeGreaterThanOrEqualTo(7);
        return w.stream();
    }

    // reading fixtures

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void readsFixtureBitExactly(Fixture f) throws IOException {
        NpyArray a = Npy.read(NpyFixtures.copy(f.name(), dir));

        assertThat(a.dtype().numpyName()).isEqualTo(f.dtype());
        assertThat(a.shape()).containsExactly(f.shape());
        assertThat(a.size()).isEqualTo(f.values().size());
        assertValues(f, a);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void readsFixtureFromStreamLikeFromFile(Fixture f) throws IOException {
        NpyArray fromFile = Npy.read(NpyFixtures.copy(f.name(), dir));
        NpyArray fromStream = Npy.read(new ByteArrayInputStream(NpyFixtures.bytes(f.name())), f.name());

        assertThat(fromStream.dtype()).isEqualTo(fromFile.dtype());
        assertThat(fromStream.shape()).containsExactly(fromFile.shape());
        assertThat(bytesOf(fromStream)).isEqualTo(bytesOf(fromFile));
    }

    @Test
    void readsSpecialFloat64ValuesOfTheBriefExactly() throws IOException {
        NpyArray a = Npy.read(NpyFixtures.copy("f8_special.npy", dir));

        assertThat(a.getDouble(0)).isEqualTo(Math.PI);
        assertThat(a.getDouble(1)).isEqualTo(-Math.E);
        assertThat(a.getDouble(2)).isEqualTo(1e300);
        assertThat(a.getDouble(3)).isNaN();
        assertThat(a.getDouble(4)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(a.getDouble(5)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Double.doubleToRawLongBits(a.getDouble(6))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void readsFortranOrderIntoCOrder() throws IOException {
        NpyArray a = Npy.read(NpyFixtures.copy("f8_fortran_2x3.npy", dir));

        assertThat(a.toDoubleArray()).containsExactly(1, 2, 3, -4, 5.5, -6.25);
        NpyArray cube = Npy.read(NpyFixtures.copy("i4_fortran_2x3x4.npy", dir));
        long[] expected = new long[24];
        Arrays.setAll(expected, i -> i - 12);
        assertThat(cube.toLongArray()).containsExactly(expected);
    }

    @Test
    void readsLargeInt64ValuesWithoutGoingThroughDouble() throws IOException {
        NpyArray a = Npy.read(NpyFixtures.copy("i8_big.npy", dir));

        assertThat(a.toLongArray()).containsExactly(0, 1L << 40, -(1L << 62), Long.MAX_VALUE, Long.MIN_VALUE, -1);
    }

    @Test
    void readsUnsignedBytesAsUnsigned() throws IOException {
        NpyArray a = Npy.read(NpyFixtures.copy("u1_2x3.npy", dir));

        assertThat(a.toLongArray()).containsExactly(0, 1, 127, 128, 254, 255);
        assertThat(a.toFloatTensor().toArray()).containsExactly(0f, 1f, 127f, 128f, 254f, 255f);
    }

    // writing like numpy.save

    @ParameterizedTest(name = "{0}")
    @MethodSource("writerFixtures")
    void writesTheSameBytesAsNumpySave(Fixture f) throws IOException {
        byte[] numpy = NpyFixtures.bytes(f.name());
        NpyArray array = build(f);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, array);
        byte[] ours = out.toByteArray();

        int headerLength = Npy.header(array).length;
        assertThat(new String(ours, 0, headerLength, StandardCharsets.ISO_8859_1))
                .as("header of %s", f.name())
                .isEqualTo(new String(numpy, 0, Math.min(headerLength, numpy.length), StandardCharsets.ISO_8859_1));
        assertThat(ours).as("bytes of %s", f.name()).isEqualTo(numpy);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writerFixtures")
    void writesTheSameFileAsNumpySave(Fixture f) throws IOException {
        Path file = dir.resolve(f.name());
        Npy.write(file, build(f));

        assertThat(Files.readAllBytes(file)).isEqualTo(NpyFixtures.bytes(f.name()));
    }

    @Test
    void writesAFloatTensorFileLikeNumpySave() throws IOException {
        Fixture f = NpyFixtures.get("w_f4_2x3.npy");
        Path file = dir.resolve("tensor.npy");
        Npy.write(file, floatTensor(f));

        assertThat(Files.readAllBytes(file)).isEqualTo(NpyFixtures.bytes(f.name()));
    }

    @Test
    void headerIsAlignedTo64BytesAndEndsWithNewline() {
        for (int[] shape : new int[][] {{}, {0}, {7}, {1, 3}, {123456789, 0}, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0}}) {
            byte[] header = Npy.header(NpyArray.ofInts(shape, new int[Math.toIntExact(Shapes.size(shape))]));
            assertThat(header.length % 64).as("header length for %s", Arrays.toString(shape)).isZero();
            assertThat(header[header.length - 1]).isEqualTo((byte) '\n');
            assertThat(header[6]).as("major version").isEqualTo((byte) 1);
            int declared = (header[8] & 0xff) | (header[9] & 0xff) << 8;
            assertThat(declared).isEqualTo(header.length - 10);
        }
    }

    // round trips

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void roundTripsEveryFixture(Fixture f) throws IOException {
        NpyArray original = Npy.read(NpyFixtures.copy(f.name(), dir));
        Path copy = dir.resolve("copy-" + f.name());

        Npy.write(copy, original);
        NpyArray back = Npy.read(copy);

        assertThat(back.dtype()).isEqualTo(original.dtype());
        assertThat(back.shape()).containsExactly(f.shape());
        assertThat(bytesOf(back)).isEqualTo(bytesOf(original));
        assertValues(f, back);
    }

    @ParameterizedTest
    @EnumSource(NpyDtype.class)
    void roundTripsEveryDtype(NpyDtype dtype) throws IOException {
        int[] shape = {3, 4};
        byte[] raw = new byte[12 * dtype.itemSize()];
        new Random(dtype.ordinal()).nextBytes(raw);
        if (dtype == NpyDtype.BOOL) {
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (byte) (raw[i] & 1);
            }
        }
        NpyArray array = NpyArray.wrap(dtype, shape, ByteBuffer.wrap(raw.clone()));
        Path file = dir.resolve(dtype.numpyName() + ".npy");

        Npy.write(file, array);
        NpyArray back = Npy.read(file);

        assertThat(back.dtype()).isEqualTo(dtype);
        assertThat(back.shape()).containsExactly(shape);
        assertThat(bytesOf(back)).isEqualTo(raw);
        String header = new String(Files.readAllBytes(file), 10, 60, StandardCharsets.ISO_8859_1);
        assertThat(header).startsWith("{'descr': '" + dtype.descr() + "'");
    }

    @Test
    void roundTripsAFloatTensor() throws IOException {
        FloatTensor t = FloatTensor.of(new int[] {2, 2, 2}, 1, -2, Float.NaN, Float.POSITIVE_INFINITY,
                Float.MIN_VALUE, -0f, Float.MAX_VALUE, 0.1f);
        Path file = dir.resolve("t.npy");

        Npy.write(file, t);

        assertThat(Npy.read(file).toFloatTensor()).isEqualTo(t);
    }

    @Test
    void writingReplacesAnExistingFile() throws IOException {
        Path file = dir.resolve("a.npy");
        Npy.write(file, NpyArray.ofInts(new int[] {2}, new int[] {1, 2}));
        Npy.write(file, NpyArray.ofDoubles(new int[] {1}, new double[] {3.5}));

        NpyArray back = Npy.read(file);
        assertThat(back.dtype()).isEqualTo(NpyDtype.FLOAT64);
        assertThat(back.toDoubleArray()).containsExactly(3.5);
        assertThat(listing()).containsExactly("a.npy");
    }

    // bad files

    @Test
    void rejectsRandomBytes() throws IOException {
        byte[] random = new byte[200];
        new Random(42).nextBytes(random);
        random[0] = 0x13;
        Path file = write("random.npy", random);

        assertRejected(file, "not a NumPy .npy file");
    }

    @Test
    void rejectsATextFileNamedNpy() throws IOException {
        Path file = write("notes.npy", "just some text, long enough for a header".getBytes(StandardCharsets.US_ASCII));

        assertRejected(file, "not a NumPy .npy file");
    }

    @Test
    void rejectsAnEmptyFile() throws IOException {
        Path file = write("empty.npy", new byte[0]);

        assertRejected(file, "shorter than a NumPy header");
    }

    @Test
    void rejectsAFileCutInTheMagicString() throws IOException {
        Path file = write("cut5.npy", Arrays.copyOf(NpyFixtures.bytes("f4_2x3.npy"), 5));

        assertRejected(file, "shorter than a NumPy header");
    }

    @Test
    void rejectsATruncatedHeader() throws IOException {
        Path file = write("cut40.npy", Arrays.copyOf(NpyFixtures.bytes("f4_2x3.npy"), 40));

        assertRejected(file, "truncated header");
    }

    @Test
    void rejectsAHeaderCutInItsLength() throws IOException {
        Path v1 = write("cut9.npy", Arrays.copyOf(NpyFixtures.bytes("f4_2x3.npy"), 9));
        Path v2 = write("cut11.npy", Arrays.copyOf(NpyFixtures.bytes("f4_v2_2x2.npy"), 11));

        assertRejected(v1, "truncated header");
        assertRejected(v2, "truncated header");
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        byte[] whole = NpyFixtures.bytes("f8_special.npy");
        Path file = write("short.npy", Arrays.copyOf(whole, whole.length - 5));

        NpyFormatException e = assertRejected(file, "truncated");
        assertThat(e.getMessage()).contains("72 bytes of data").contains("holds 67");
    }

    @Test
    void rejectsAFileWithTheHeaderButNoData() throws IOException {
        byte[] whole = NpyFixtures.bytes("i4_2x2x2.npy");
        Path file = write("nodata.npy", Arrays.copyOf(whole, whole.length - 32));

        assertRejected(file, "truncated: the header promises 32 bytes of data but the file holds 0");
    }

    @Test
    void rejectsComplexNumbers() throws IOException {
        Path file = NpyFixtures.copy("bad_complex64.npy", dir);

        NpyFormatException e = assertRejected(file, "unsupported dtype '<c8'");
        assertThat(e.getMessage()).contains("float32");
    }

    @Test
    void rejectsStructuredArrays() throws IOException {
        Path file = NpyFixtures.copy("bad_structured.npy", dir);

        assertRejected(file, "structured arrays are not supported");
    }

    @Test
    void rejectsAnUnsupportedFormatVersion() throws IOException {
        byte[] bytes = NpyFixtures.bytes("f4_2x3.npy");
        bytes[6] = 4;
        Path file = write("v4.npy", bytes);

        assertRejected(file, "unsupported .npy format version 4.0");
    }

    @Test
    void rejectsAnImplausibleHeaderLength() throws IOException {
        byte[] bytes = NpyFixtures.bytes("f4_v2_2x2.npy");
        bytes[8] = (byte) 0xff;
        bytes[9] = (byte) 0xff;
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0x7f;
        Path file = write("hugeheader.npy", bytes);

        assertRejected(file, "implausible header length 2147483647");
    }

    @Test
    void rejectsAMalformedHeader() throws IOException {
        byte[] bytes = NpyFixtures.bytes("f4_2x3.npy");
        bytes[10] = '[';
        Path file = write("malformed.npy", bytes);

        assertRejected(file, "malformed header");
    }

    @Test
    void rejectsAMissingFile() {
        Path file = dir.resolve("absent.npy");

        NpyFormatException e = thrown(NpyFormatException.class, () -> Npy.read(file));

        assertThat(e.getMessage()).contains(file.toString()).contains("no such file");
    }

    @Test
    void namesTheStreamInErrors() {
        NpyFormatException e = thrown(NpyFormatException.class,
                () -> Npy.read(new ByteArrayInputStream(new byte[3]), "upload #7"));

        assertThat(e.getMessage()).startsWith("upload #7: ");
    }

    // atomicity

    @Test
    void aFailedWriteLeavesThePreviousFileAndNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("stable.npy");
        Npy.write(file, NpyArray.ofInts(new int[] {3}, new int[] {1, 2, 3}));
        byte[] before = Files.readAllBytes(file);
        NpyArray big = NpyArray.of(FloatTensor.zeros(400, 1000)); // 1.6 MB, several buffer flushes
        AtomicReference<List<String>> duringWrite = new AtomicReference<>();
        long[] partialSize = {-1};

        IOException e = thrown(IOException.class, () -> AtomicFiles.write(file, out -> {
            Npy.write(new FailingOutputStream(out, 300_000, () -> {
                duringWrite.set(listing());
                partialSize[0] = temporaryFileSize(file);
            }), big);
        }));

        assertThat(e).hasMessage("simulated: disk full");
        assertThat(duringWrite.get()).as("the folder while writing").hasSize(2).contains("stable.npy");
        assertThat(partialSize[0]).as("bytes already in the temporary file when the writer failed").isPositive();
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(listing()).containsExactly("stable.npy");
        assertThat(Npy.read(file).toLongArray()).containsExactly(1, 2, 3);
    }

    @Test
    void aFailedFirstWriteLeavesNoFileAtAll() {
        Path file = dir.resolve("new.npy");

        thrown(IOException.class, () -> AtomicFiles.write(file,
                out -> Npy.write(new FailingOutputStream(out, 50, () -> { }), NpyArray.of(FloatTensor.zeros(10)))));

        assertThat(listing()).isEmpty();
    }

    // NumPy interoperability

    /**
     * Writes arrays with {@link Npy#write(Path, NpyArray)} and has the real NumPy load them. Needs a Python 3 with
     * NumPy: {@code -Davlens.python=...}, else {@code /usr/bin/python3}, else {@code python3} on the PATH.
     */
    @Test
    void numpyLoadsWhatNpyWrites() throws Exception {
        String python = PythonLocator.python();
        List<NpyArray> arrays = new ArrayList<>();
        arrays.add(NpyArray.of(FloatTensor.of(new int[] {2, 3}, 1.5f, -2.25f, 0.1f, Float.NaN, 3e38f, -0f)));
        arrays.add(NpyArray.ofDoubles(new int[0], new double[] {Math.PI}));
        arrays.add(NpyArray.ofDoubles(new int[] {4}, new double[] {1e300, -Math.E, Double.MIN_VALUE, -1e-300}));
        arrays.add(NpyArray.ofInts(new int[] {2, 2, 2}, new int[] {0, -1, 2, Integer.MIN_VALUE, Integer.MAX_VALUE, 5, -6, 7}));
        arrays.add(NpyArray.ofLongs(new int[] {3}, new long[] {1L << 40, -(1L << 62), Long.MAX_VALUE}));
        arrays.add(NpyArray.ofUnsignedBytes(new int[] {2, 3}, new byte[] {0, 1, 127, (byte) 128, (byte) 254, (byte) 255}));
        arrays.add(NpyArray.ofBooleans(new int[] {5}, new boolean[] {true, false, true, true, false}));
        arrays.add(NpyArray.of(FloatTensor.zeros(0, 3)));
        // arrays read from big-endian and Fortran-order files are written back little-endian in C order
        arrays.add(Npy.read(NpyFixtures.copy("be_f4_fortran_3x2.npy", dir)));
        arrays.add(Npy.read(NpyFixtures.copy("i4_fortran_2x3x4.npy", dir)));
        arrays.add(Npy.read(NpyFixtures.copy("i1_4.npy", dir)));
        arrays.add(Npy.read(NpyFixtures.copy("be_u2_3.npy", dir)));
        arrays.add(Npy.read(NpyFixtures.copy("i2_4.npy", dir)));
        Path out = Files.createDirectory(dir.resolve("interop"));
        List<String> args = new ArrayList<>();
        for (int i = 0; i < arrays.size(); i++) {
            Path file = out.resolve("a" + i + ".npy");
            Npy.write(file, arrays.get(i));
            args.add(file.toString());
        }
        String script = String.join("\n",
                "import sys, numpy as np",
                "for p in sys.argv[1:]:",
                "    a = np.load(p, allow_pickle=False)",
                "    le = np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<'))",
                "    print('\\t'.join([a.dtype.name, ','.join(str(d) for d in a.shape),",
                "        str(a.flags.c_contiguous), le.tobytes().hex(), repr(float(a.astype(np.float64).sum()))]))");

        List<String> lines = PythonLocator.run(python, script, args);

        assertThat(lines).as("lines printed by numpy").hasSize(arrays.size());
        for (int i = 0; i < arrays.size(); i++) {
            NpyArray a = arrays.get(i);
            String[] f = lines.get(i).split("\t");
            assertThat(f[0]).as("dtype of %s", a).isEqualTo(a.dtype().numpyName());
            assertThat(f[1]).as("shape of %s", a).isEqualTo(Arrays.stream(a.shape()).mapToObj(Integer::toString)
                    .collect(Collectors.joining(",")));
            assertThat(f[2]).as("C-contiguous %s", a).isEqualTo("True");
            assertThat(f[3]).as("bytes of %s", a).isEqualTo(HexFormat.of().formatHex(bytesOf(a)));
            double sum = Arrays.stream(a.toDoubleArray()).sum();
            double numpySum = Double.parseDouble(f[4].replace("inf", "Infinity").replace("nan", "NaN"));
            if (Double.isNaN(sum)) {
                assertThat(numpySum).as("sum of %s", a).isNaN();
            } else {
                double tolerance = 1e-12 * Math.max(1, Math.abs(sum));
                assertThat(numpySum).as("sum of %s", a).isBetween(sum - tolerance, sum + tolerance);
            }
        }
    }

    // helpers

    /** Builds the fixture's array with the public factories of {@link NpyArray}. */
    static NpyArray build(Fixture f) {
        int n = f.values().size();
        switch (f.dtype()) {
            case "float32":
                return NpyArray.of(floatTensor(f));
            case "float64": {
                double[] v = new double[n];
                Arrays.setAll(v, f::doubleValue);
                return NpyArray.ofDoubles(f.shape(), v);
            }
            case "int32": {
                int[] v = new int[n];
                Arrays.setAll(v, i -> Math.toIntExact(f.longValue(i)));
                return NpyArray.ofInts(f.shape(), v);
            }
            case "int64": {
                long[] v = new long[n];
                Arrays.setAll(v, f::longValue);
                return NpyArray.ofLongs(f.shape(), v);
            }
            case "uint8": {
                byte[] v = new byte[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (byte) f.longValue(i);
                }
                return NpyArray.ofUnsignedBytes(f.shape(), v);
            }
            case "bool": {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = f.longValue(i) != 0;
                }
                return NpyArray.ofBooleans(f.shape(), v);
            }
            default:
                throw new AssertionError("no NpyArray factory for " + f.dtype() + " (" + f.name() + ")");
        }
    }

    private static FloatTensor floatTensor(Fixture f) {
        float[] v = new float[f.values().size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) f.doubleValue(i);
        }
        return FloatTensor.of(f.shape(), v);
    }

    static void assertValues(Fixture f, NpyArray a) {
        for (int i = 0; i < f.values().size(); i++) {
            double actual = a.getDouble(i);
            if (f.isFloatingPoint()) {
                double expected = f.doubleValue(i);
                if (Double.isNaN(expected)) {
                    assertThat(actual).as("%s[%d]", f.name(), i).isNaN();
                } else {
                    assertThat(Double.doubleToRawLongBits(actual)).as("%s[%d] = %s, expected %s", f.name(), i,
                            Double.toHexString(actual), f.values().get(i))
                            .isEqualTo(Double.doubleToRawLongBits(expected));
                }
            } else {
                long expected = f.longValue(i);
                assertThat(a.getLong(i)).as("%s[%d]", f.name(), i).isEqualTo(expected);
                assertThat(actual).as("%s[%d] as double", f.name(), i).isEqualTo((double) expected);
            }
        }
    }

    /** What {@code call} throws, asserted to be a {@code type}. */
    static <T extends Throwable> T thrown(Class<T> type, ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(type);
        return type.cast(t);
    }

    static byte[] bytesOf(NpyArray a) {
        ByteBuffer data = a.data();
        assertThat(data.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        byte[] b = new byte[data.remaining()];
        data.get(b);
        return b;
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private List<String> listing() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private long temporaryFileSize(Path target) {
        try (Stream<Path> s = Files.list(dir)) {
            Path temp = s.filter(p -> !p.equals(target)).findFirst().orElseThrow();
            return Files.size(temp);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static NpyFormatException assertRejected(Path file, String problem) {
        NpyFormatException e = thrown(NpyFormatException.class, () -> Npy.read(file));
        assertThat(e.getMessage()).contains(file.toString()).contains(problem);
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(Files.readAllBytes(file)), "stream-" + file.getFileName()))
                .isInstanceOf(NpyFormatException.class).hasMessageContaining("stream-" + file.getFileName())
                .hasMessageContaining(problem);
        return e;
    }

    /** Passes bytes through until {@code limit}, then runs {@code beforeFailing} and fails like a full disk. */
    static final class FailingOutputStream extends FilterOutputStream {
        private final long limit;
        private final Runnable beforeFailing;
        private long written;

        FailingOutputStream(OutputStream out, long limit, Runnable beforeFailing) {
            super(out);
            this.limit = limit;
            this.beforeFailing = beforeFailing;
        }

        @Override
        public void write(int b) throws IOException {
            check(1);
            out.write(b);
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int allowed = (int) Math.min(len, limit - written);
            out.write(b, off, allowed);
            written += allowed;
            check(len - allowed);
        }

        private void check(int more) throws IOException {
            if (more > 0 || written >= limit) {
                out.flush();
                beforeFailing.run();
                throw new IOException("simulated: disk full");
            }
        }
    }

    /** Finds and runs the Python 3 with NumPy the interoperability test needs; fails (never skips) without one. */
    static final class PythonLocator {

        private PythonLocator() {
        }

        static String python() {
            String configured = System.getProperty("avlens.python");
            if (configured != null && !configured.isBlank()) {
                if (!hasNumpy(configured)) {
                    fail("-Davlens.python=" + configured + " cannot 'import numpy'; install NumPy for it");
                }
                return configured;
            }
            if (Files.isExecutable(Path.of("/usr/bin/python3")) && hasNumpy("/usr/bin/python3")) {
                return "/usr/bin/python3";
            }
            if (hasNumpy("python3")) {
                return "python3";
            }
            return fail("no Python 3 with NumPy found (tried -Davlens.python, /usr/bin/python3 and python3 on the PATH): "
                    + "install python3-numpy (the CI script installs it), or point -Davlens.python at a python3 "
                    + "that can 'import numpy'");
        }

        static boolean hasNumpy(String python) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import numpy").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        static List<String> run(String python, String script, List<String> args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(python, "-c", script));
            command.addAll(args);
            Process p = new ProcessBuilder(command).start();
            byte[] err;
            byte[] out;
            // stderr is small; read stdout first, then stderr
            out = p.getInputStream().readAllBytes();
            err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(python + " did not finish");
            }
            String stderr = new String(err, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("exit status of %s; stderr:%n%s", python, stderr).isZero();
            return new String(out, StandardCharsets.UTF_8).lines().toList();
        }
    }

    // regressions of bugs found and fixed

    @Test
    void corruptShapesAreFormatErrors() {
        for (String shape : new String[] {"('a',)", "(True,)", "((1, 2),)", "(2147483647, 2147483647, 2147483647)",
            "(2147483647, 2147483647, 2)"}) {
            byte[] header = ("{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            file.write(header.length & 0xff);
            file.write(header.length >> 8);
            file.writeBytes(header);
            file.writeBytes(new byte[64]);

            assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(file.toByteArray()), "corrupt.npy"))
                    .as("shape %s", shape).isInstanceOf(NpyFormatException.class).hasMessageContaining("corrupt.npy");
        }
    }
}
