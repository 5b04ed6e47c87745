package io.avlens.synth.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

import io.avlens.synth.DatasetBusyException;

/**
 * One generation per dataset folder at a time: the file {@value #FILE_NAME}, created in the folder only when it
 * does not exist (an atomic create) and holding the generating process's id, taken before the generation looks at
 * what the folder holds and removed when it has written the project or cleaned up. A second generation into the
 * same folder (another command line, the workbench's wizard, another thread of this program) is refused at once
 * instead of writing the same clip files.
 * <p>
 * A lock file left by a program that died (its process is gone) is stale and taken over. A lock file without a
 * process id yet is being written and counts as held for {@link #FRESH}. Operating-system file locks are not used:
 * on Linux closing any channel of a file drops every lock this process holds on it, so a refused second attempt
 * within one program would release the first one's lock. Two programs that find the same stale file at the same
 * instant may both take it over (only after a crash); that race is not guarded.
 */
public final class SynthLock implements AutoCloseable {

    /** The lock file's name in the dataset folder. */
    public static final String FILE_NAME = ".avlens-synth.lock";

    /** How long a lock file with no process id in it yet counts as being written. */
    static final Duration FRESH = Duration.ofSeconds(10);

    private final Path file;

    private SynthLock(Path file) {
        this.file = file;
    }

    /**
     * Takes the lock of dataset folder {@code folder} (which exists), without waiting.
     *
     * @throws DatasetBusyException when another generation, in this program or another running one, holds it
     * @throws IOException          when the lock file cannot be written (a read-only folder)
     */
    public static SynthLock take(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        long self = ProcessHandle.current().pid();
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.writeString(file, Long.toString(self), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                return new SynthLock(file);
            } catch (FileAlreadyExistsException e) {
                long holder = holder(file);
                if (holder > 0 && ProcessHandle.of(holder).isPresent()) {
                    throw new DatasetBusyException(folder, holder == self ? "" : Long.toString(holder));
                }
                if (holder == 0 && fresh(file)) {
                    throw new DatasetBusyException(folder, "");
                }
                Files.deleteIfExists(file); // stale: the program that wrote it has died
            }
        }
        throw new DatasetBusyException(folder, "");
    }

    /** The process id in the lock file; 0 when it holds none yet, −1 when the file has gone. */
    private static long holder(Path file) throws IOException {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NoSuchFileException e) {
            return -1;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean fresh(Path file) {
        try {
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            return modified.isAfter(Instant.now().minus(FRESH));
        } catch (IOException e) {
            return false; // gone since: not held
        }
    }

    /**
     * Removes the lock file. A file that cannot be removed stays behind holding this process's id, which is stale
     * once this process ends; the generation's own outcome is what its caller reports.
     */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // stale after this process: see above
        }
    }
}
