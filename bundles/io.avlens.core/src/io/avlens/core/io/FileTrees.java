package io.avlens.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deleting a folder with everything in it: the one rule the runner's scratch and cache folders, the commands'
 * temporary folders and a half-written demo project use. Deepest entries first; a symbolic link is deleted, never
 * followed (what it points to is not ours). Stateless.
 */
public final class FileTrees {

    private FileTrees() {
    }

    /**
     * Deletes {@code root} and everything under it; nothing when it does not exist.
     *
     * @throws IOException naming the entry that could not be deleted (what was deleted before it stays deleted)
     */
    public static void delete(Path root) throws IOException {
        if (root == null || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(root)) {
            entries = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path p : entries) {
            try {
                Files.deleteIfExists(p);
            } catch (NoSuchFileException e) {
                // gone meanwhile: what was asked
            } catch (IOException e) {
                throw new IOException(p + ": cannot be deleted (" + e.getMessage() + ")", e);
            }
        }
    }

    /**
     * Deletes what it can of {@code root} and everything under it, for temporary folders whose leftovers are
     * harmless; nothing when it does not exist.
     *
     * @return whether {@code root} is gone
     */
    public static boolean deleteQuietly(Path root) {
        if (root == null) {
            return true;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left behind; a later clean-up may try again
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a folder we cannot list is left
        }
        return !Files.exists(root, LinkOption.NOFOLLOW_LINKS);
    }
}
