package io.avlens.runner.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import io.avlens.runner.ClipRequest;
import io.avlens.runner.RunSettings;

/**
 * What makes two {@link io.avlens.runner.results.ClipResults} requests the same: equal requests and settings, and
 * the media and weights files unchanged on disk (size and modification time; hashing them is the runner's cache's
 * job, once per computation). Immutable.
 *
 * @param request  the request
 * @param settings the settings
 * @param media    the media file's stamp when asked
 * @param weights  the weights file's stamp when asked
 */
record ResultKey(ClipRequest request, RunSettings settings, Stamp media, Stamp weights) {

    /**
     * A file's size and modification time, or {@code -1, -1} when it cannot be read.
     *
     * @param size     bytes
     * @param modified milliseconds since the epoch
     */
    record Stamp(long size, long modified) {

        static Stamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(a.size(), a.lastModifiedTime().toMillis());
            } catch (IOException e) {
                return new Stamp(-1, -1);
            }
        }
    }

    /** The key of a request as its files are now. */
    static ResultKey of(ClipRequest request, RunSettings settings) {
        return new ResultKey(request, settings, Stamp.of(request.clip().media()), Stamp.of(request.model().weights()));
    }
}
