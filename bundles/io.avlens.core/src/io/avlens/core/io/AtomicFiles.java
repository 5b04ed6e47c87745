package io.avlens.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes files so that readers see the old content or the new content, never a half-written file: the bytes go
 * to a temporary file beside the target, are flushed to disk, and the temporary file is renamed over the target.
 * A failure leaves the target exactly as it was and removes the temporary file. Stateless and thread-safe.
 */
public final class AtomicFiles {

    /** Produces the content of a file. */
    @FunctionalInterface
    public interface ContentWriter {
        /** Writes the whole content to {@code out}; need not close it. */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Replaces (or creates) {@code target} with the content {@code writer} produces. */
    public static void write(Path target, ContentWriter writer) throws IOException {
        write(target, writer, null);
    }

    /**
     * Replaces (or creates) {@code target}; when it existed, its previous content is first kept in {@code backup}
     * (itself replaced atomically), so the last good version survives even a crash after the rename.
     *
     * @param backup where to keep the previous version, or {@code null} for none
     */
    public static void write(Path target, ContentWriter writer, Path backup) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = siblingTemp(absolute);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            keepPermissions(absolute, temp);
            if (backup != null && Files.exists(absolute)) {
                Path backupTarget = backup.toAbsolutePath();
                Files.createDirectories(backupTarget.getParent());
                Path backupTemp = siblingTemp(backupTarget);
                try {
                    Files.copy(absolute, backupTemp, StandardCopyOption.COPY_ATTRIBUTES);
                    move(backupTemp, backupTarget);
                } finally {
                    Files.deleteIfExists(backupTemp);
                }
            }
            move(temp, absolute);
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A fresh name beside {@code target} for its temporary file. Not {@link Files#createTempFile}: that makes the
     * file owner-only (0600), and the rename would then narrow the permissions of every file written.
     */
    private static Path siblingTemp(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    /** A replaced file keeps its permissions; a new one gets the default ones (the umask). */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to keep
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename itself durable where the platform allows opening a directory (Linux does). */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every file system lets a directory be opened; the rename is still atomic there.
        }
    }
}
