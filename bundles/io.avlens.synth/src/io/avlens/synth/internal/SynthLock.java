package io.avlens.synth.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

import io.avlens.synth.DatasetBusyException;

/**
 * One generation per dataset folder at a time: the file {@value #FILE_NAME} in the folder, holding the generating
 * process's id, taken before the generation looks at what the folder holds and removed when it has written the
 * project or cleaned up. A second generation into the same folder (another command line, the workbench's wizard,
 * another thread of this program) is refused at once instead of writing the same clip files.
 * <p>
 * The file appears whole or not at all: the id is written to a file of its own, which is then linked to the lock's
 * name (a link fails when the name exists). A lock file whose process is gone (on this machine) is stale and is
 * taken over: moved aside under a name of its own (one mover wins), checked to be the stale one, and only then
 * dropped; a live lock moved aside by a racing takeover is put back. Operating-system file locks are not used: on
 * Linux closing any channel of a file drops every lock this process holds on it, so a refused second attempt within
 * one program would release the first one's lock. A lock written on another machine sharing the folder looks stale
 * here.
 */
public final class SynthLock implements AutoCloseable {

    /** The lock file's name in the dataset folder. */
    public static final String FILE_NAME = ".avlens-synth.lock";

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
        for (int attempt = 0; attempt < 3; attempt++) {
            if (create(file, self)) {
                return new SynthLock(file);
            }
            long holder = holder(file);
            if (holder == -1) {
                continue; // gone meanwhile: try again
            }
            if (holder == 0 || ProcessHandle.of(holder).isPresent()) {
                throw new DatasetBusyException(folder, holder == self || holder == 0 ? "" : Long.toString(holder),
                        file);
            }
            takeOver(file, holder);
        }
        throw new DatasetBusyException(folder, "", file);
    }

    /** Creates the lock file holding {@code pid}, whole; false when one exists. */
    private static boolean create(Path file, long pid) throws IOException {
        Path own = file.resolveSibling(FILE_NAME + "." + UUID.randomUUID());
        Files.writeString(own, Long.toString(pid), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
        try {
            Files.createLink(file, own);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // no hard links on this file system: create the name directly (an instant without the id counts as held)
            try {
                Files.writeString(file, Long.toString(pid), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
        } finally {
            Files.deleteIfExists(own);
        }
    }

    /**
     * Drops the lock file if it still holds {@code stale}: moves it aside (atomically: of two takeovers one moves it),
     * and puts it back when what was moved is another, live lock.
     */
    private static void takeOver(Path file, long stale) throws IOException {
        Path aside = file.resolveSibling(FILE_NAME + ".stale." + UUID.randomUUID());
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return; // another takeover moved it
        }
        try {
            if (holder(aside) != stale) {
                try {
                    Files.createLink(file, aside); // a new holder's lock: back where it was
                } catch (FileAlreadyExistsException | UnsupportedOperationException e) {
                    // a third lock is in place already; the new holder keeps running either way
                }
            }
        } finally {
            Files.deleteIfExists(aside);
        }
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
