package io.avlens.ui.runs;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import io.avlens.model.ArtifactKind;

/**
 * Where a run's file opens: a similarity volume in the Similarity view, any other NumPy array in the Tensor view,
 * text (run.json, CSV, logs) in a read-only text window, and anything else in the program the desktop associates
 * with it.
 */
public enum ArtifactRoute {
    /** The Similarity view, through the {@code openSimilarity} command. */
    SIMILARITY,
    /** The Tensor view. */
    TENSOR,
    /** A read-only text window. */
    TEXT,
    /** The desktop's program for the file. */
    SYSTEM;

    private static final Set<String> TEXT_EXTENSIONS = Set.of("json", "csv", "tsv", "txt", "log", "md", "yaml",
            "yml", "xml", "avlens");

    /** The route of {@code file}, an artifact of {@code kind} (null for a run's log). */
    public static ArtifactRoute of(ArtifactKind kind, Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        if (extension.equals("npy")) {
            return kind == ArtifactKind.SIMILARITY_VOLUME ? SIMILARITY : TENSOR;
        }
        return TEXT_EXTENSIONS.contains(extension) ? TEXT : SYSTEM;
    }
}
