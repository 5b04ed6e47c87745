package io.avlens.runner.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.stream.Stream;

/** Run ids, safe folder names, and copying and deleting folder trees. Stateless. */
public final class Folders {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private Folders() {
    }

    /**
     * Creates {@code runs/<experiment>-<yyyyMMdd-HHmmss>} (UTC), or with {@code -01}, {@code -02}… when that id is
     * taken (by a folder, or a run of the experiment): ids sort by time, and creating the folder is what claims
     * the id, so two runs started in the same second get different ones.
     */
    public static Path newRunFolder(Path runs, String experimentId, Instant now, Collection<String> taken)
            throws IOException {
        Files.createDirectories(runs);
        String base = safeName(experimentId) + "-" + STAMP.format(now);
        for (int i = 0; i < 1000; i++) {
            String id = i == 0 ? base : String.format("%s-%02d", base, i);
            if (taken.contains(id)) {
                continue;
            }
            try {
                return Files.createDirectory(runs.resolve(id));
            } catch (FileAlreadyExistsException e) {
                // taken by another run: try the next suffix
            }
        }
        throw new IOException(runs + ": cannot find a free run id for " + base);
    }

    /** A file name made of {@code name}: letters, digits, '.', '_' and '-' kept, anything else '_'. */
    static String safeName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.chars().allMatch(c -> c == '.') ? "_" + s : s;
    }

    /** Copies the files of {@code from} (one level, as tasks write them, plus sub-folders) into {@code to}. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
