package io.avlens.runner.internal;

import io.avlens.core.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder of one runner in one program where single clips computed without a cache go
 * ({@code <tmp>/avlens-scratch-<pid>-<start>-*}: the owning process's id and start time in milliseconds). A program
 * that ends without deactivating its services (killed, or stopped by a signal) cannot delete its folder; the next
 * runner to open an area, in any program, deletes every area whose process is gone (no process with that id, or one
 * that started at another time: the id was reused), and the per-clip folders earlier versions left directly in the
 * temporary folder once they are a day old. Thread-safe.
 */
final class ScratchArea implements AutoCloseable {

    /** The prefix of an area's folder name. */
    static final String PREFIX = "avlens-scratch-";
    /** The prefix of the per-clip folders earlier versions made directly in the temporary folder. */
    static final String LEGACY_PREFIX = "avlens-clip-";
    /** How old a folder that names no owner must be before it is deleted (its owner may still be using it). */
    static final Duration GRACE = Duration.ofDays(1);

    private final Path parent;
    private Path folder;

    /** An area under {@code parent}, made when first used. */
    ScratchArea(Path parent) {
        this.parent = parent;
    }

    /**
     * A new empty folder named {@code prefix…} in this area (made, and stale areas swept, on first use). The caller
     * deletes it when done; what is left goes with the area.
     */
    synchronized Path newFolder(String prefix) throws IOException {
        if (folder == null) {
            Files.createDirectories(parent);
            sweep(parent, Instant.now());
            folder = Files.createTempDirectory(parent, owner(ProcessHandle.current()));
        }
        return Files.createTempDirectory(folder, prefix);
    }

    /** The area's folder, or null before first use. */
    synchronized Path folder() {
        return folder;
    }

    /** Deletes the area with whatever is still in it. */
    @Override
    public synchronized void close() {
        if (folder != null) {
            FileTrees.deleteQuietly(folder);
            folder = null;
        }
    }

    /** The name prefix of the areas of {@code process}: {@code avlens-scratch-<pid>-<start ms>-}. */
    static String owner(ProcessHandle process) {
        long start = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return PREFIX + process.pid() + "-" + start + "-";
    }

    /**
     * Deletes the areas under {@code parent} whose process is gone, and legacy per-clip folders and areas that name
     * no owner once older than {@link #GRACE}. The areas of live processes (this one included) are left alone.
     */
    static void sweep(Path parent, Instant now) throws IOException {
        List<Path> candidates;
        try (Stream<Path> s = Files.list(parent)) {
            candidates = s.filter(p -> {
                String n = p.getFileName().toString();
                return (n.startsWith(PREFIX) || n.startsWith(LEGACY_PREFIX)) && Files.isDirectory(p);
            }).toList();
        }
        for (Path p : candidates) {
            Optional<Boolean> alive = ownerAlive(p.getFileName().toString());
            if (alive.isPresent() ? !alive.get() : olderThanGrace(p, now)) {
                FileTrees.deleteQuietly(p);
            }
        }
    }

    /** Whether the process an area's name gives is running; empty when the name gives none. */
    static Optional<Boolean> ownerAlive(String name) {
        if (!name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = name.substring(PREFIX.length()).split("-");
        if (parts.length < 3) {
            return Optional.empty();
        }
        long pid;
        long start;
        try {
            pid = Long.parseLong(parts[0]);
            start = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(ProcessHandle.of(pid).map(h -> owner(h).equals(PREFIX + pid + "-" + start + "-"))
                .orElse(false));
    }

    private static boolean olderThanGrace(Path p, Instant now) {
        try {
            return Files.getLastModifiedTime(p).toInstant().plus(GRACE).isBefore(now);
        } catch (IOException e) {
            return false;
        }
    }
}
