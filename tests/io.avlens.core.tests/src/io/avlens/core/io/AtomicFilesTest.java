package io.avlens.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.FileSystems;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private static AtomicFiles.ContentWriter text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private List<String> listing(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code call} throws, asserted to be a {@code type}. */
    private static <T extends Throwable> T thrown(Class<T> type, ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(type);
        return type.cast(t);
    }

    @Test
    void createsAFile() throws IOException {
        Path file = dir.resolve("a.txt");

        AtomicFiles.write(file, text("hello"));

        assertThat(read(file)).isEqualTo("hello");
        assertThat(listing(dir)).containsExactly("a.txt");
    }

    @Test
    void writesEmptyAndLargeContent() throws IOException {
        Path empty = dir.resolve("empty.bin");
        Path large = dir.resolve("large.bin");
        byte[] big = new byte[3 * 65536 + 17];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }

        AtomicFiles.write(empty, out -> { });
        AtomicFiles.write(large, out -> {
            out.write(big, 0, 1000);
            for (int i = 1000; i < big.length; i++) {
                out.write(big[i]);
            }
        });

        assertThat(Files.size(empty)).isZero();
        assertThat(Files.readAllBytes(large)).isEqualTo(big);
    }

    @Test
    void replacesAFile() throws IOException {
        Path file = dir.resolve("a.txt");
        AtomicFiles.write(file, text("a much longer first version"));

        AtomicFiles.write(file, text("v2"));

        assertThat(read(file)).isEqualTo("v2");
        assertThat(listing(dir)).containsExactly("a.txt");
    }

    @Test
    void backupKeepsThePreviousContent() throws IOException {
        Path file = dir.resolve("a.txt");
        Path backup = dir.resolve("a.txt.bak");
        AtomicFiles.write(file, text("v1"));

        AtomicFiles.write(file, text("v2"), backup);

        assertThat(read(file)).isEqualTo("v2");
        assertThat(read(backup)).isEqualTo("v1");

        AtomicFiles.write(file, text("v3"), backup);

        assertThat(read(file)).isEqualTo("v3");
        assertThat(read(backup)).isEqualTo("v2");
        assertThat(listing(dir)).containsExactly("a.txt", "a.txt.bak");
    }

    @Test
    void noBackupWhenThereWasNoPreviousFile() throws IOException {
        Path file = dir.resolve("a.txt");

        AtomicFiles.write(file, text("v1"), dir.resolve("a.txt.bak"));

        assertThat(listing(dir)).containsExactly("a.txt");
    }

    @Test
    void aFailingWriterLeavesTheTargetUntouchedAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("a.txt");
        Path backup = dir.resolve("a.txt.bak");
        AtomicFiles.write(file, text("good"));
        AtomicReference<List<String>> whileWriting = new AtomicReference<>();
        IOException failure = new IOException("simulated failure");

        IOException thrown = thrown(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("half of the new conte".getBytes(StandardCharsets.UTF_8));
            out.flush();
            whileWriting.set(listing(dir));
            throw failure;
        }, backup));

        assertThat(thrown).isSameAs(failure);
        assertThat(whileWriting.get()).as("a temporary file existed while writing").hasSize(2);
        assertThat(read(file)).isEqualTo("good");
        assertThat(listing(dir)).as("no temporary file, no backup").containsExactly("a.txt");
    }

    @Test
    void aRuntimeExceptionAlsoLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("a.txt");
        AtomicFiles.write(file, text("good"));

        thrown(IllegalStateException.class, () -> AtomicFiles.write(file, out -> {
            out.write(1);
            throw new IllegalStateException("bug in the writer");
        }));

        assertThat(read(file)).isEqualTo("good");
        assertThat(listing(dir)).containsExactly("a.txt");
    }

    @Test
    void aFailedFirstWriteCreatesNothing() {
        Path file = dir.resolve("new.txt");

        thrown(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write(1);
            throw new IOException("no");
        }));

        assertThat(listing(dir)).isEmpty();
    }

    @Test
    void createsParentFolders() throws IOException {
        Path file = dir.resolve("x").resolve("y").resolve("z.txt");

        AtomicFiles.write(file, text("deep"));

        assertThat(read(file)).isEqualTo("deep");
        assertThat(listing(file.getParent())).containsExactly("z.txt");
    }

    @Test
    void readersNeverSeeAHalfWrittenFile() throws IOException {
        Path file = dir.resolve("a.txt");
        AtomicFiles.write(file, text("old"));
        AtomicReference<String> seenWhileWriting = new AtomicReference<>();

        AtomicFiles.write(file, out -> {
            out.write("new content, part one; ".getBytes(StandardCharsets.UTF_8));
            out.flush();
            seenWhileWriting.set(read(file));
            out.write("part two".getBytes(StandardCharsets.UTF_8));
        });

        assertThat(seenWhileWriting.get()).isEqualTo("old");
        assertThat(read(file)).isEqualTo("new content, part one; part two");
    }

    // regressions of bugs found and fixed

    @Test
    void replacingAFileKeepsItsPermissions() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path file = dir.resolve("shared.npy");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        AtomicFiles.write(file, text("new"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }
}
