package io.avlens.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The NumPy fixtures in {@code resources/npy/} of this fragment, written by {@code make_fixtures.py}, and their
 * expected content from {@code expected.tsv}. Loaded through the class loader, so it works both in the OSGi test
 * runtime (where the fragment's root is on the host's class path) and on a plain class path that holds the fragment
 * root.
 */
final class NpyFixtures {

    /** Folder of the fixtures, as a class-loader resource path. */
    static final String FOLDER = "/resources/npy/";

    /**
     * One line of {@code expected.tsv}.
     *
     * @param name   file name
     * @param dtype  NumPy dtype name ({@code float32}, {@code bool})
     * @param shape  the shape, empty for 0-d
     * @param values the values in C order, as written by the script (hex floats, decimal integers, 1/0)
     */
    record Fixture(String name, String dtype, int[] shape, List<String> values) {

        boolean isFloatingPoint() {
            return dtype.startsWith("float");
        }

        /** The expected value {@code i} as a double (hex float or integer). */
        double doubleValue(int i) {
            return isFloatingPoint() ? Double.parseDouble(values.get(i)) : Long.parseLong(values.get(i));
        }

        /** The expected value {@code i} as a long (integer types and bool only). */
        long longValue(int i) {
            return Long.parseLong(values.get(i));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private NpyFixtures() {
    }

    /** Every fixture of {@code expected.tsv}, in file order. */
    static List<Fixture> all() {
        List<Fixture> result = new ArrayList<>();
        try (InputStream in = open("expected.tsv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = reader.readLine()) != null;) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                assertThat(f).as("expected.tsv line %s", line).hasSize(4);
                int[] shape = f[2].isEmpty() ? new int[0]
                        : Arrays.stream(f[2].split(",")).mapToInt(Integer::parseInt).toArray();
                List<String> values = f[3].isEmpty() ? List.of() : List.of(f[3].split(","));
                result.add(new Fixture(f[0], f[1], shape, values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(result).as("fixtures in expected.tsv").hasSizeGreaterThan(20);
        return result;
    }

    /** The fixture {@code name} of expected.tsv. */
    static Fixture get(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no fixture " + name + " in expected.tsv"));
    }

    /** The bytes of a fixture file. */
    static byte[] bytes(String name) {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a fixture into {@code dir} (a real file, as {@link Npy#read(Path)} needs) and returns its path. */
    static Path copy(String name, Path dir) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes(name));
        return file;
    }

    private static InputStream open(String name) {
        InputStream in = NpyFixtures.class.getResourceAsStream(FOLDER + name);
        if (in == null) {
            throw new AssertionError("test resource " + FOLDER + name + " is missing: is the fragment's resources/ "
                    + "folder on the class path (build.properties bin.includes)?");
        }
        return in;
    }
}
