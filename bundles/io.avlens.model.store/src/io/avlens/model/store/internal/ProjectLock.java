package io.avlens.model.store.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;
import io.avlens.model.store.ProjectStoreException.Problem;

/**
 * The one writer of a project at a time: an operating-system lock on {@value #FILE_NAME} in the project folder,
 * held while a program re-reads, changes and writes the project file. The lock is released by the operating system
 * when its process dies, so a killed program never leaves a project locked; the lock file itself stays (deleting a
 * lock file is a race) and holds the process id of the last holder, for the message another writer shows.
 * <p>
 * Writers of one program share a {@link Writers} table (the store's): a second writer in the program waits on it
 * and never opens the lock file while the first holds the lock, because on Linux closing any channel of a file drops
 * every lock the process holds on it, so a writer that gave up waiting and closed its channel would release the
 * first writer's lock to other programs while that writer still writes. Writers of one program that use two
 * tables (two stores) are still refused by the JVM ({@link OverlappingFileLockException}) and wait like a second
 * process, with that hazard if they give up. Not re-entrant.
 */
final class ProjectLock implements AutoCloseable {

    /** The lock file's name in the project folder. */
    static final String FILE_NAME = ProjectStore.LOCK_FILE_NAME;

    private static final long POLL_MILLIS = 20;

    private final FileChannel channel;
    private final FileLock lock;
    private final Semaphore local;
    private boolean closed;

    private ProjectLock(FileChannel channel, FileLock lock, Semaphore local) {
        this.channel = channel;
        this.lock = lock;
        this.local = local;
    }

    /** One program's writers by lock file: at most one of them opens a lock file at a time. Thread-safe. */
    static final class Writers {
        private final ConcurrentHashMap<Path, Semaphore> byFile = new ConcurrentHashMap<>();

        Semaphore of(Path lockFile) {
            return byFile.computeIfAbsent(lockFile, f -> new Semaphore(1, true));
        }
    }

    /**
     * Takes the lock of the project whose file is {@code projectFile}, waiting up to {@code timeout} for another
     * writer to finish.
     *
     * @throws ProjectStoreException ({@link Problem#LOCKED}) when another writer holds it longer, or
     *                               ({@link Problem#IO}) when the lock file cannot be created (read-only folder)
     */
    static ProjectLock acquire(Path projectFile, Duration timeout, Writers writers) throws ProjectStoreException {
        Path lockFile = projectFile.resolveSibling(FILE_NAME);
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore local = writers.of(lockFile);
        try {
            if (!local.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new ProjectStoreException(projectFile, Problem.LOCKED, "is being written by another window or"
                        + " job of this program and stayed locked for " + seconds(timeout) + " s; try again when it"
                        + " has finished (the project was not changed)", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProjectStoreException(projectFile, Problem.LOCKED,
                    "was not written: interrupted while waiting for another writer to finish writing it", e);
        }
        boolean held = false;
        try {
            ProjectLock lock = acquire(projectFile, lockFile, deadline, timeout, local);
            held = true;
            return lock;
        } finally {
            if (!held) {
                local.release();
            }
        }
    }

    private static ProjectLock acquire(Path projectFile, Path lockFile, long deadline, Duration timeout,
            Semaphore local) throws ProjectStoreException {
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ProjectStoreException(projectFile, Problem.IO, "cannot be locked for writing: "
                    + XmiProjectStore.describe(e) + " (the project was not changed)", e);
        }
        try {
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                            .getBytes(StandardCharsets.US_ASCII)), 0);
                    return new ProjectLock(channel, lock, local);
                }
                if (System.nanoTime() >= deadline) {
                    String holder = holder(channel);
                    channel.close();
                    throw new ProjectStoreException(projectFile, Problem.LOCKED, "is being written by another "
                            + "program" + (holder.isEmpty() ? "" : " (process " + holder + ")") + " and stayed locked"
                            + " for " + seconds(timeout) + " s; try again when it has finished (the project was"
                            + " not changed)", null);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (ProjectStoreException e) {
            throw e;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ProjectStoreException(projectFile, Problem.IO, "cannot be locked for writing: "
                    + XmiProjectStore.describe(e) + " (the project was not changed)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(channel);
            throw new ProjectStoreException(projectFile, Problem.LOCKED,
                    "was not written: interrupted while waiting for another program to finish writing it", e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another thread of this JVM: wait like for another process
        }
    }

    /** The process id the last holder wrote, when that process still runs and is another one; else empty. */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            int n = channel.read(buffer, 0);
            String text = n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.US_ASCII).trim();
            long pid = Long.parseLong(text);
            boolean other = pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isPresent();
            return other ? text : "";
        } catch (IOException | NumberFormatException e) {
            return "";
        }
    }

    private static String seconds(Duration timeout) {
        return new java.math.BigDecimal(timeout.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }

    @Override
    public void close() {
        if (closed) {
            return; // the writers' table is released once
        }
        closed = true;
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it as well
        }
        closeQuietly(channel);
        local.release();
    }
}
