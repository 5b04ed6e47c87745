package io.avlens.synth.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.avlens.core.io.AtomicFiles;

/**
 * Writes a generated file whole or not at all: into a hidden temporary file beside it, then renamed over it. Unlike
 * {@link AtomicFiles} it does not force the data to disk: a generated file can always be made again, and the
 * flushes cost more than rendering and encoding a clip (four files per clip). The project file itself goes through
 * the project store, which does flush.
 */
final class OutputFiles {

    private OutputFiles() {
    }

    static void write(Path target, AtomicFiles.ContentWriter writer) throws IOException {
        Path temp = temp(target);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                writer.writeTo(out);
            }
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The temporary file {@code target} is first written to. */
    static Path temp(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
