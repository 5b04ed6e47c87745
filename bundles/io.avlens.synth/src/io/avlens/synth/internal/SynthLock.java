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
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.avlens.synth.DatasetBusyException;

/**
 * One generation per dataset folder at a time: the file {@value #FILE_NAME} in the folder, holding the generating
 * process's id, taken before the generation looks at what the folder holds and removed when it has written the
 * project or cleaned up. A second generation into the same folder (another command line, the workbench's wizard,
 * another thread of this program) is refused at once instead of writing the same clip files.
 * <p>
 * The file appears whole or not at all: the id (and a token of this generation's) is written to a file of its own,
 * which is then linked to the lock's name (a link fails when the name exists). A lock file whose process is gone (on
 * this machine), or that holds no id for {@link #FRESH}, is stale and is taken over: moved aside under a name of its
 * own (one mover wins), checked to be the stale one, and only then dropped; a live lock moved aside by a racing
 * takeover is put back. Closing removes the file only while it still holds this generation's token. Left
 * unguarded: a third generation that takes the lock while a racing takeover has a live one aside runs beside it. Operating-system file locks are not used: on
 * Linux closing any channel of a file drops every lock this process holds on it, so a refused second attempt within
 * one program would release the first one's lock. A lock written on another machine sharing the folder looks stale
 * here.
 */
public final class SynthLock implements AutoCloseable {

    /** The lock file's name in the dataset folder. */
    public static final String FILE_NAME = ".avlens-synth.lock";

    /** How long a lock file without a process id counts as being written (only without hard links). */
    static final Duration FRESH = Duration.ofSeconds(10);

    private final Path file;
    private final String token;

    private SynthLock(Path file, String token) {
        this.file = file;
        this.token = token;
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
        String token = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 3; attempt++) {
            if (create(file, self + " " + token)) {
                return new SynthLock(file, token);
            }
            long holder = holder(file);
            if (holder == -1) {
                continue; // gone meanwhile: try again
            }
            boolean stale = holder == 0 ? !fresh(file) : ProcessHandle.of(holder).isEmpty();
            if (!stale) {
                throw new DatasetBusyException(folder, holder == self || holder == 0 ? "" : Long.toString(holder),
                        file);
            }
            takeOver(file, holder);
        }
        throw new DatasetBusyException(folder, "", file);
    }

    /** Creates the lock file holding {@code content}, whole; false when one exists. */
    private static boolean create(Path file, String content) throws IOException {
        Path own = file.resolveSibling(FILE_NAME + "." + UUID.randomUUID());
        try {
            Files.writeString(own, content, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
            Files.createLink(file, own);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // no hard links on this file system: create the name directly (an instant without the id counts as held)
            try {
                Files.writeString(file, content, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
        } finally {
            try {
                Files.deleteIfExists(own);
            } catch (IOException e) {
                // a stray temporary name; the lock itself is what counts
            }
        }
    }

    /**
     * Drops the lock file if it still holds {@code stale}: moves it aside (atomically: of two takeovers one moves it)
     * and deletes it only when it is the stale one; another, live lock moved by a racing takeover is put back.
     */
    private static void takeOver(Path file, long stale) throws IOException {
        Path aside = file.resolveSibling(FILE_NAME + ".stale." + UUID.randomUUID());
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return; // another takeover moved it
        }
        long found;
        try {
            found = holder(aside);
        } catch (IOException e) {
            found = Long.MIN_VALUE; // unreadable: not known to be the stale one
        }
        if (found == stale) {
            Files.deleteIfExists(aside);
            return;
        }
        try {
            Files.move(aside, file); // fails when a third lock is in place: then the moved one stays aside, kept
        } catch (FileAlreadyExistsException e) {
            // two holders now; the one put aside finds its file gone on close (see the class comment)
        }
    }

    /** The process id in the lock file; 0 when it holds none (yet), −1 when the file has gone. */
    private static long holder(Path file) throws IOException {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).trim();
            int space = text.indexOf(' ');
            return Long.parseLong(space < 0 ? text : text.substring(0, space));
        } catch (NoSuchFileException e) {
            return -1;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean fresh(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isAfter(Instant.now().minus(FRESH));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Removes the lock file. A file that cannot be removed stays behind holding this process's id, which is stale
     * once this process ends; the generation's own outcome is what its caller reports.
     */
    @Override
    public void close() {
        try {
            if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(token)) {
                Files.deleteIfExists(file); // still this generation's lock, not one that replaced it
            }
        } catch (IOException e) {
            // gone, or stale after this process: see above
        }
    }
}
