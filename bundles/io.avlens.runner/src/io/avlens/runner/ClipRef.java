package io.avlens.runner;

import java.nio.file.Path;
import java.util.Map;

/**
 * A clip of a run, resolved on the caller's thread.
 *
 * @param id     the clip's id in its dataset (or the file name for a clip outside any project)
 * @param media  the media file, absolute
 * @param split  the name of the clip's split, or null (for the dataset stage)
 * @param labels the clip's labels, key to value (for the dataset stage)
 */
public record ClipRef(String id, Path media, String split, Map<String, String> labels) {

    /** @throws IllegalArgumentException without an id or a media file */
    public ClipRef {
        if (id == null || id.isBlank() || media == null) {
            throw new IllegalArgumentException("a clip needs an id and a media file");
        }
        media = media.toAbsolutePath().normalize();
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** A clip without split or labels. */
    public ClipRef(String id, Path media) {
        this(id, media, null, Map.of());
    }
}
