package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Clips of a generated AV-Shapes dataset copied elsewhere, for tests that need a folder of their own. */
final class ShapesClips {

    private ShapesClips() {
    }

    /** Copies the first {@code n} clips of {@code dataset} (media and sidecar) into {@code folder}, made if needed. */
    static Path copyFirst(Path dataset, int n, Path folder) throws IOException {
        Files.createDirectories(folder);
        for (int i = 0; i < n; i++) {
            String stem = String.format("clip-%05d", i);
            for (String ext : List.of(".mp4", ".json")) {
                Files.copy(dataset.resolve("media").resolve(stem + ext), folder.resolve(stem + ext));
            }
        }
        return folder;
    }
}
