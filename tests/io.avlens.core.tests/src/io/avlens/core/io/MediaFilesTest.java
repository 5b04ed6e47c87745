package io.avlens.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MediaFilesTest {

    @Test
    void theStemDropsOnlyTheLastExtension() {
        assertEquals("clip-00012", MediaFiles.stem(Path.of("/data/media/clip-00012.mp4")));
        assertEquals("take.v2", MediaFiles.stem(Path.of("take.v2.mov")));
        assertEquals("noextension", MediaFiles.stem(Path.of("dir.d/noextension")));
    }

    @Test
    void aLeadingDotIsPartOfTheName() {
        assertEquals(".hidden", MediaFiles.stem(Path.of("/x/.hidden")));
        assertEquals(".hidden", MediaFiles.stem(Path.of(".hidden.mp4")));
    }

    @Test
    void siblingsLieBesideTheMediaFile() {
        assertEquals(Path.of("/data/media/clip-00012.json"),
                MediaFiles.sibling(Path.of("/data/media/clip-00012.mp4"), ".json"));
        assertEquals(Path.of("/data/media/clip-00012.masks.npy"),
                MediaFiles.sibling(Path.of("/data/media/clip-00012.mp4"), ".masks.npy"));
    }

    @Test
    void aPathWithoutAFileNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MediaFiles.stem(Path.of("/")));
    }
}
