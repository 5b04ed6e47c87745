package io.avlens.core.io;

import java.nio.file.Path;

/**
 * The one rule for a media file's stem and the files written beside it ({@code clip-00012.mp4} →
 * {@code clip-00012}, {@code clip-00012.json}, {@code clip-00012.masks.npy}): the file name without its last
 * extension; a name whose only dot is its first character ({@code .hidden}) has no extension and is its own stem.
 * Clip ids, noise keys and sidecars all use it, so they agree on every name. Stateless.
 */
public final class MediaFiles {

    private MediaFiles() {
    }

    /** The file name of {@code media} without its last extension. */
    public static String stem(Path media) {
        Path file = media.getFileName();
        if (file == null) {
            throw new IllegalArgumentException(media + " names no file");
        }
        String name = file.toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The file beside {@code media} named by its {@link #stem} and {@code suffix} (e.g. {@code ".json"}). */
    public static Path sibling(Path media, String suffix) {
        return media.resolveSibling(stem(media) + suffix);
    }
}
