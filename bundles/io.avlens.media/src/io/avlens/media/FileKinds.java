package io.avlens.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a path that is not a regular file is, in words, from its Unix mode (nothing is opened). Stateless. */
final class FileKinds {

    private static final int TYPE = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private FileKinds() {
    }

    /** E.g. "is a named pipe (FIFO)", "is a device", "is a socket"; "is not a regular file" when unknown. */
    static String describe(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            return switch (mode & TYPE) {
                case FIFO -> "is a named pipe (FIFO)";
                case CHARACTER_DEVICE, BLOCK_DEVICE -> "is a device";
                case SOCKET -> "is a socket";
                default -> "is not a regular file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "is not a regular file";
        }
    }
}
