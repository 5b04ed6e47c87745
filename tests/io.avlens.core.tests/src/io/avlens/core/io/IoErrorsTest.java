package io.avlens.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** I/O failures read as a problem and a file, not as a bare path. */
class IoErrorsTest {

    @TempDir
    Path dir;

    @Test
    void aFileInTheWayOfAFolderIsSaidInWords() throws IOException {
        Path runs = Files.writeString(dir.resolve("runs"), "a file where a folder should be");
        IOException failure = null;
        try {
            Files.createDirectories(runs.resolve("sync-1"));
        } catch (IOException e) {
            failure = e;
        }
        assertThat(failure).isNotNull();
        // the JDK's own message is only the path
        assertThat(IoErrors.describe(failure)).contains(runs.toString()).isNotEqualTo(failure.getMessage())
                .matches("(a file is in the way|Not a directory|not a folder): .*");
    }

    @Test
    void theOperatingSystemsReasonComesFirst() {
        assertThat(IoErrors.describe(new FileSystemException("/p/runs/x.npy", null, "No space left on device")))
                .isEqualTo("No space left on device: /p/runs/x.npy");
        assertThat(IoErrors.describe(new AccessDeniedException("/p/project.avlens")))
                .isEqualTo("permission denied: /p/project.avlens");
        assertThat(IoErrors.describe(new FileAlreadyExistsException("/p/a", "/p/b", null)))
                .isEqualTo("a file is in the way: /p/a -> /p/b");
        assertThat(IoErrors.describe(new IOException("Input/output error"))).isEqualTo("Input/output error");
    }
}
