package io.avlens.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileTrees}: the one way AV Lens deletes a folder with everything in it. */
class FileTreesTest {

    private static Path tree(Path root) throws IOException {
        Files.createDirectories(root.resolve("a/b/c"));
        Files.writeString(root.resolve("a/b/c/deep.txt"), "x");
        Files.writeString(root.resolve("a/top.txt"), "y");
        Files.createDirectories(root.resolve("empty"));
        return root;
    }

    @Test
    void deletesAFolderWithEverythingInItAndNothingWhenItIsAbsent(@TempDir Path dir) throws IOException {
        Path root = tree(dir.resolve("run"));
        FileTrees.delete(root);
        assertThat(root).doesNotExist();
        assertThat(dir).exists();
        FileTrees.delete(root); // absent: nothing to do
        FileTrees.delete(null);
        Path file = Files.writeString(dir.resolve("one.txt"), "z");
        FileTrees.delete(file);
        assertThat(file).doesNotExist();
    }

    @Test
    void aLinkIsDeletedNotFollowed(@TempDir Path dir) throws IOException {
        Path kept = tree(dir.resolve("kept"));
        Path root = Files.createDirectories(dir.resolve("scratch"));
        Files.createSymbolicLink(root.resolve("link"), kept);
        FileTrees.delete(root);
        assertThat(root).doesNotExist();
        assertThat(kept.resolve("a/b/c/deep.txt")).hasContent("x");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        assertThat(FileTrees.deleteQuietly(dangling)).isTrue();
        assertThat(Files.exists(dangling, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void quietlyDeletesWhatItCanAndSaysWhetherTheFolderIsGone(@TempDir Path dir) throws IOException {
        Path root = tree(dir.resolve("temp"));
        assertThat(FileTrees.deleteQuietly(root)).isTrue();
        assertThat(root).doesNotExist();
        assertThat(FileTrees.deleteQuietly(root)).isTrue();
        assertThat(FileTrees.deleteQuietly(null)).isTrue();
    }

    @Test
    void whatCannotBeDeletedIsNamedOrLeft(@TempDir Path dir) throws IOException {
        Path root = tree(dir.resolve("locked"));
        Path locked = root.resolve("a/b/c");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // root ignores permissions: only where they hold can this be checked
            Assumptions.assumeFalse(Files.isWritable(locked), "running as root");
            assertThatThrownBy(() -> FileTrees.delete(root)).isInstanceOf(IOException.class)
                    .hasMessageContaining("deep.txt").hasMessageContaining("cannot be deleted");
            assertThat(FileTrees.deleteQuietly(root)).isFalse();
            assertThat(locked.resolve("deep.txt")).exists();
            assertThat(root.resolve("empty")).doesNotExist(); // what could go, went
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
