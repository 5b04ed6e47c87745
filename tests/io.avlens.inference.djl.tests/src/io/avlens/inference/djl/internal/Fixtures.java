package io.avlens.inference.djl.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.LongTensor;
import io.avlens.core.tensor.Npy;

/**
 * The TorchScript modules, inputs and PyTorch outputs in {@code resources/torchscript/} of this fragment, written
 * by {@code make_fixtures.py} there (Debian's torch 1.13).
 */
final class Fixtures {

    static final String FOLDER = "/resources/torchscript/";

    private Fixtures() {
    }

    /** Copies a fixture file out of the bundle (libtorch reads files, not streams). */
    static Path file(String name, Path dir) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = open(name)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** A float32 .npy fixture. */
    static FloatTensor npy(String name) throws IOException {
        try (InputStream in = open(name)) {
            return Npy.read(in, FOLDER + name).toFloatTensor();
        }
    }

    /** An integer .npy fixture, as int64. */
    static LongTensor longNpy(String name) throws IOException {
        try (InputStream in = open(name)) {
            return Npy.read(in, FOLDER + name).toLongTensor();
        }
    }

    /** Largest absolute difference of two tensors of one shape. */
    static double maxAbsDiff(FloatTensor a, FloatTensor b) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new AssertionError("shapes differ: " + a + " vs " + b);
        }
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, Math.abs(a.getFlat(i) - b.getFlat(i)));
        }
        return max;
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = Fixtures.class.getResourceAsStream(FOLDER + name);
        if (in == null) {
            throw new IOException("test resource " + FOLDER + name + " is missing: is the fragment's resources/"
                    + " folder in its build.properties?");
        }
        return in;
    }
}
