package io.avlens.synth;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.avlens.media.FfmpegLogging;
import io.avlens.model.Clip;
import io.avlens.model.Project;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;
import io.avlens.synth.internal.ClipWriter;
import io.avlens.synth.internal.ProjectBuilder;
import io.avlens.synth.internal.Scene;
import io.avlens.synth.internal.SynthLock;

/**
 * Generates an AV-Shapes dataset: {@code spec.clips()} clips written side by side on {@code spec.threads()}
 * threads into {@code OUT/media}, then the project {@code OUT/project.avlens} that lists them with their
 * annotations and a train/val/test split (see the package documentation for the layout). Clip {@code i} depends
 * only on the spec's settings, its seed and {@code i}, so the result is the same whatever the number of threads.
 * <p>
 * Thread-safe and stateless apart from the store it was given; {@link #generate} blocks its caller.
 */
public final class AvShapesGenerator {

    private final ProjectStore store;

    /** @param store where the project is created (the DS {@code ProjectStore} service) */
    public AvShapesGenerator(ProjectStore store) {
        this.store = store;
    }

    /**
     * Writes the dataset into {@code out} (created when missing).
     *
     * @param progress told after each clip, on the calling thread; when it says canceled, the clips not yet started
     *                 are dropped and those written are removed: a canceled or failed generation leaves no file and
     *                 no folder it created
     * @throws FileAlreadyExistsException when {@code out} already holds a project, or a file of a clip this
     *                                    generation would write (nothing is written or overwritten)
     * @throws DatasetBusyException       when another generation is writing into {@code out} (nothing is written)
     * @throws IOException                naming the file that could not be written
     * @throws CancellationException      when {@code progress} asked to stop
     */
    public SynthResult generate(SynthSpec spec, Path out, SynthProgress progress) throws IOException {
        Path folder = out.toAbsolutePath().normalize();
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IOException(folder + ": is a file, not a folder to write the dataset to");
        }
        boolean createdFolder = !Files.exists(folder);
        Files.createDirectories(folder);
        Path media = folder.resolve(ProjectBuilder.MEDIA_FOLDER);
        boolean complete = false;
        try {
            try (SynthLock lock = SynthLock.take(folder)) {
                if (ProjectStore.isProject(folder)) {
                    throw new FileAlreadyExistsException(ProjectStore.projectFile(folder).toString(), null,
                            "already holds a project: choose an empty folder");
                }
                boolean createdMedia = !Files.exists(media);
                if (!createdMedia) {
                    refuseExisting(spec, media);
                }
                Files.createDirectories(media);
                boolean written = false;
                try {
                    SynthResult result = write(spec, folder, media, progress);
                    written = true;
                    complete = true;
                    return result;
                } finally {
                    if (!written) {
                        // still under the lock: no other generation can be writing these names meanwhile
                        removeQuietly(spec.clips(), media, createdMedia);
                    }
                }
            }
        } finally {
            if (!complete && createdFolder) {
                deleteQuietly(folder); // after the lock file has gone; a folder that is not empty stays
            }
        }
    }

    /** Refuses any file in {@code media} that generating {@code spec} would write (listing the folder once). */
    private static void refuseExisting(SynthSpec spec, Path media) throws IOException {
        Set<String> present;
        try (Stream<Path> listed = Files.list(media)) {
            present = listed.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        for (int i = 0; i < spec.clips(); i++) {
            for (String suffix : ClipWriter.SUFFIXES) {
                if (present.contains(Scene.name(i) + suffix)) {
                    throw new FileAlreadyExistsException(media.resolve(Scene.name(i) + suffix).toString(), null,
                            "already exists, and synth writes new clips only: choose an empty folder (or move"
                                    + " the file away)");
                }
            }
        }
    }

    private SynthResult write(SynthSpec spec, Path folder, Path media, SynthProgress progress) throws IOException {
        FfmpegLogging.quiet();
        long start = System.nanoTime();
        Clip[] clips = new Clip[spec.clips()];
        ProjectBuilder builder = new ProjectBuilder(folder, spec);
        ExecutorService pool = Executors.newFixedThreadPool(spec.threads(), r -> {
            Thread t = new Thread(r, "av-shapes");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<ClipWriter.Written> done = new ExecutorCompletionService<>(pool);
            for (int i = 0; i < spec.clips(); i++) {
                int index = i;
                done.submit(() -> {
                    if (progress.isCanceled() || Thread.currentThread().isInterrupted()) {
                        throw new CancellationException();
                    }
                    return ClipWriter.write(spec, index, media);
                });
            }
            for (int n = 1; n <= spec.clips(); n++) {
                ClipWriter.Written written = take(done);
                clips[written.scene().index()] = builder.clip(written);
                progress.clipsDone(n, spec.clips());
                if (progress.isCanceled()) {
                    throw new CancellationException("AV-Shapes generation canceled after " + n + " clips");
                }
            }
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool);
        }
        Path storeLock = folder.resolve(ProjectStore.LOCK_FILE_NAME);
        boolean storeLockExisted = Files.exists(storeLock);
        Project project;
        try {
            project = store.create(folder, "AV-Shapes (seed " + spec.seed() + ")");
        } catch (ProjectStoreException e) {
            // a project another program made meanwhile is theirs; only the lock file the failed create made goes
            if (e.problem() != ProjectStoreException.Problem.ALREADY_EXISTS && !storeLockExisted) {
                deleteQuietly(storeLock);
            }
            throw new IOException(e.getMessage(), e);
        }
        boolean saved = false;
        try {
            builder.fill(project, clips);
            store.save(project);
            saved = true;
        } catch (ProjectStoreException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            if (!saved) {
                // the project this generation created goes with its clips, so the folder is not left holding an
                // empty project that a rerun would refuse; the store's lock file too, so a folder made for it can go
                deleteQuietly(ProjectStore.projectFile(folder));
                deleteQuietly(folder.resolve(ProjectStore.BACKUP_FILE_NAME));
                if (!storeLockExisted) {
                    deleteQuietly(storeLock);
                }
            }
        }
        return new SynthResult(ProjectStore.projectFile(folder), media, spec.clips(),
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * Deletes the files of clips 0 … {@code clips − 1} (none existed before: {@link #generate} checked, and the lock
     * kept other generations out since), then {@code media} when this generation made it and it is empty.
     */
    private static void removeQuietly(int clips, Path media, boolean removeMedia) {
        for (int i = 0; i < clips; i++) {
            for (String suffix : ClipWriter.SUFFIXES) {
                deleteQuietly(media.resolve(Scene.name(i) + suffix));
            }
        }
        if (removeMedia) {
            deleteQuietly(media);
        }
    }

    private static ClipWriter.Written take(CompletionService<ClipWriter.Written> done) throws IOException {
        try {
            Future<ClipWriter.Written> f = done.take();
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("AV-Shapes generation interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("AV-Shapes clip failed: " + cause, cause);
        }
    }

    /**
     * Waits for the workers (the clips being written finish: they are not interruptible), so the cleanup after a
     * failure runs once no worker writes any more; an interrupt meanwhile does not cut the wait short and is kept.
     */
    private static void awaitQuietly(ExecutorService pool) {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
        while (!pool.isTerminated() && System.nanoTime() < deadline) {
            try {
                pool.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Deletes {@code file}, or a folder when it is empty (one holding anything, someone else's files, stays); best
     * effort: the failure being reported matters more.
     */
    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // not empty, or not ours to remove
        }
    }
}
