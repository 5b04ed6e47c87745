package io.avlens.ui.embeddings.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonObject;

/**
 * Where an item's media file is: its path when absolute, else the first existing of the table's data folder (the
 * {@code data} field of {@code embeddings.json}, as {@code avlens embed} records it), the table folder and the
 * folder above it.
 */
public final class MediaPaths {

    private final Path[] roots;

    /** @param description the table's {@code embeddings.json} (may be null) */
    public MediaPaths(Path tableFolder, JsonObject description) {
        Path data = null;
        if (description != null && description.has("data") && description.get("data").isJsonPrimitive()) {
            data = tableFolder.resolve(description.get("data").getAsString());
        }
        Path parent = tableFolder.getParent() == null ? tableFolder : tableFolder.getParent();
        roots = data == null ? new Path[] {tableFolder, parent} : new Path[] {data, tableFolder, parent};
    }

    /** The media file of an item (possibly missing: then resolved against the first root). */
    public Path resolve(String media) {
        Path p = Path.of(media);
        if (p.isAbsolute()) {
            return p;
        }
        for (Path root : roots) {
            Path candidate = root.resolve(p);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        return roots[0].resolve(p);
    }
}
