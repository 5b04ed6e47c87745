package io.avlens.ui.retrieval.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonObject;

/**
 * Where an item's media file is: its path when absolute (as {@code avlens embed} records it), else the first
 * existing of the table's data folder ({@code data} in {@code embeddings.json}), the table folder and its parent.
 */
final class MediaResolver {

    private final Path[] roots;

    MediaResolver(Path tableFolder, JsonObject description) {
        Path data = null;
        if (description != null && description.has("data") && description.get("data").isJsonPrimitive()) {
            data = tableFolder.resolve(description.get("data").getAsString());
        }
        Path parent = tableFolder.getParent() == null ? tableFolder : tableFolder.getParent();
        roots = data == null ? new Path[] {tableFolder, parent} : new Path[] {data, tableFolder, parent};
    }

    /** The media file (absolute, normalised; possibly missing, then resolved against the first root). */
    Path resolve(String media) {
        Path p = Path.of(media);
        if (p.isAbsolute()) {
            return p.normalize();
        }
        for (Path root : roots) {
            Path candidate = root.resolve(p);
            if (Files.exists(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        return roots[0].resolve(p).toAbsolutePath().normalize();
    }
}
