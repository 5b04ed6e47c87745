package io.avlens.runner;

import java.nio.file.Path;

/**
 * A clip of a run, resolved on the caller's thread.
 *
 * @param id    the clip's id in its dataset (or the file name for a clip outside any project)
 * @param media the media file, absolute
 */
public record ClipRef(String id, Path media) {

    /** @throws IllegalArgumentException without an id or a media file */
    public ClipRef {
        if (id == null || id.isBlank() || media == null) {
            throw new IllegalArgumentException("a clip needs an id and a media file");
        }
        media = media.toAbsolutePath().normalize();
    }
}
