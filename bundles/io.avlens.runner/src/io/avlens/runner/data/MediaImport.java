package io.avlens.runner.data;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

import io.avlens.media.MediaException;
import io.avlens.media.MediaInfo;
import io.avlens.media.MediaProbe;
import io.avlens.model.AvLensFactory;
import io.avlens.model.Clip;
import io.avlens.model.Dataset;
import io.avlens.model.store.Locations;
import io.avlens.model.store.ProjectStore;

/**
 * Adds the media files of a folder to a dataset: every regular file that is not hidden (nor in a hidden folder) is
 * probed with FFmpeg, so a file is recognised by its content, not its extension. Files already in the dataset are
 * skipped; files FFmpeg cannot use are rejected with the reason. Runs on the caller's thread, one unit of work per
 * file, and stops between two files when cancelled. Shared by {@code avlens import} and the Import Dataset wizard, so
 * both accept and reject exactly the same files.
 * <p>
 * The clips are added to the dataset given to the constructor; a caller that wants the import undoable gives a
 * detached dataset (or a copy) and adds the clips with a command afterwards.
 */
public final class MediaImport {

    /** A file already in the dataset. */
    public record Skipped(Path path, String clipId) {
    }

    /** A file that is not usable media, and why. */
    public record Rejected(Path path, String reason) {
    }

    /** What one import did, in file order. */
    public record Result(List<Clip> added, List<Skipped> skipped, List<Rejected> rejected) {
    }

    private final Path projectFolder;
    private final Dataset dataset;

    /**
     * @param projectFolder the project's folder: clip locations are written relative to it where they lie inside it
     * @param dataset       the dataset the clips are added to; its existing clips are recognised and skipped
     */
    public MediaImport(Path projectFolder, Dataset dataset) {
        this.projectFolder = projectFolder.toAbsolutePath().normalize();
        this.dataset = dataset;
    }

    /** Imports every media file under {@code source} on the caller's thread, without progress reporting. */
    public Result importFolder(Path source) throws IOException {
        return importFolder(source, null);
    }

    /**
     * Imports every media file under {@code source}.
     *
     * @param monitor progress (one unit per file) and cancellation; may be null
     * @throws OperationCanceledException when cancelled; the clips probed until then are already in the dataset
     */
    public Result importFolder(Path source, IProgressMonitor monitor) throws IOException {
        SubMonitor progress = SubMonitor.convert(monitor, "Importing media from " + source, 1);
        List<Clip> added = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        List<Path> files = candidates(source.toAbsolutePath().normalize(), rejected);
        Set<String> ids = new HashSet<>();
        dataset.getClips().forEach(c -> ids.add(c.getId()));
        Map<Path, Clip> byFile = clipsByFile();
        progress.setWorkRemaining(files.size());
        for (Path file : files) {
            progress.checkCanceled();
            progress.subTask(file.getFileName().toString());
            progress.worked(1);
            Clip existing = byFile.get(file);
            if (existing != null) {
                skipped.add(new Skipped(file, existing.getId()));
                continue;
            }
            try {
                MediaInfo info = MediaProbe.probe(file);
                Clip clip = toClip(info, uniqueId(source, file, ids));
                dataset.getClips().add(clip);
                added.add(clip);
            } catch (MediaException e) {
                rejected.add(new Rejected(file, reason(e)));
            }
        }
        return new Result(added, skipped, rejected);
    }

    /** Regular, non-hidden files under {@code source}, sorted; the project's own files are left out. */
    private List<Path> candidates(Path source, List<Rejected> rejected) throws IOException {
        List<Path> files = new ArrayList<>();
        Set<Path> own = Set.of(ProjectStore.projectFile(projectFolder),
                projectFolder.resolve(ProjectStore.BACKUP_FILE_NAME));
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(source) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !isHidden(file) && !own.contains(file)) {
                    files.add(file);
                } else if (attrs.isOther() && !isHidden(file)) {
                    try {
                        MediaProbe.checkFile(file); // says what it is (a named pipe, a device) without opening it
                    } catch (MediaException e) {
                        rejected.add(new Rejected(file, reason(e)));
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                rejected.add(new Rejected(file, "cannot be read: " + e.getMessage()));
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return withoutSidecars(files);
    }

    /**
     * Leaves out the annotation files that sit beside a clip and share its name up to the first dot (AV-Shapes'
     * {@code clip-00001.json}, {@code clip-00001.masks.npy} beside {@code clip-00001.mp4}): they belong to that
     * clip, so listing them as rejected media would only hide the real rejections.
     */
    private static List<Path> withoutSidecars(List<Path> files) {
        Set<Path> stems = new HashSet<>();
        for (Path file : files) {
            if (!isSidecarType(file)) {
                stems.add(file.resolveSibling(stem(file)));
            }
        }
        return files.stream().filter(f -> !(isSidecarType(f) && stems.contains(f.resolveSibling(stem(f))))).toList();
    }

    private static boolean isSidecarType(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".npy") || name.endsWith(".txt") || name.endsWith(".srt");
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static boolean isHidden(Path path) {
        return path.getFileName() != null && path.getFileName().toString().startsWith(".");
    }

    /** The dataset's clips by the file their media location resolves to, whatever form the location takes. */
    private Map<Path, Clip> clipsByFile() {
        Map<Path, Clip> byFile = new HashMap<>();
        for (Clip clip : dataset.getClips()) {
            try {
                byFile.putIfAbsent(Locations.resolve(projectFolder, clip.getMediaLocation()), clip);
            } catch (IllegalArgumentException e) {
                // a clip with a broken location is no file's clip; validation reports it
            }
        }
        return byFile;
    }

    private Clip toClip(MediaInfo info, String id) {
        Clip clip = AvLensFactory.eINSTANCE.createClip();
        clip.setId(id);
        clip.setMediaLocation(Locations.of(projectFolder, info.path()));
        clip.setDuration(info.durationSeconds());
        if (info.hasVideo()) {
            clip.setFps(info.video().fps());
            clip.setFrameWidth(info.video().width());
            clip.setFrameHeight(info.video().height());
        }
        if (info.hasAudio()) {
            clip.setHasAudio(true);
            clip.setSampleRate(info.audio().sampleRate());
        }
        return clip;
    }

    /** The file's path under the source folder without its extension, made unique with "-2", "-3", ... */
    private static String uniqueId(Path source, Path file, Set<String> taken) {
        StringBuilder relative = new StringBuilder();
        for (Path part : source.toAbsolutePath().normalize().relativize(file)) {
            relative.append(relative.isEmpty() ? "" : "/").append(part);
        }
        String base = relative.toString();
        int dot = base.lastIndexOf('.');
        if (dot > base.lastIndexOf('/') + 1) {
            base = base.substring(0, dot);
        }
        String id = base;
        for (int n = 2; !taken.add(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    /** The media layer's message without the file name it starts with (the JSON has the path beside it). */
    private static String reason(MediaException e) {
        String message = e.getMessage();
        String prefix = e.file() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
