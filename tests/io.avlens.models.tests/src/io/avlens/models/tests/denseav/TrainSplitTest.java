package io.avlens.models.tests.denseav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avlens.models.denseav.TrainSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train split of an {@code avlens synth} folder, read from its project file, as the trainer uses it. */
class TrainSplitTest {

    @TempDir
    Path dir;

    @Test
    void onlyTheClipsOfTheSplitAreKept() throws Exception {
        Files.writeString(dir.resolve("project.avlens"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <avlens:Project xmi:version="2.0" name="AV-Shapes (seed 1)"
                    description="AV-Shapes synthetic audio-visual dataset: 3 clips, seed 1, with speech" schemaVersion="2">
                  <datasets name="av-shapes" rootLocation="media">
                    <clips id="clip-00000" mediaLocation="media/clip-00000.mp4" duration="4.0"
                        sampleRate="16000" hasAudio="true" split="#//@datasets.0/@splits.1">
                    </clips>
                    <clips id="clip-00001" mediaLocation="media/clip-00001.mp4" split="#//@datasets.0/@splits.0"/>
                    <clips id="clip-00002" mediaLocation="media/clip-00002.mp4" duration="4.0"
                        split="#//@datasets.0/@splits.0"/>
                    <splits name="train" description="AV-Shapes train split (seed 1)"/>
                    <splits name="val" description="AV-Shapes val split (seed 1)"/>
                  </datasets>
                </avlens:Project>
                """);
        List<Path> files = List.of(dir.resolve("media/clip-00000.mp4"), dir.resolve("media/clip-00001.mp4"),
                dir.resolve("media/clip-00002.mp4"));
        assertThat(TrainSplit.select(dir, files, "train")).containsExactly(files.get(1), files.get(2));
        assertThat(TrainSplit.select(dir, files, "val")).containsExactly(files.get(0));
        assertThat(TrainSplit.description(dir)).contains("seed 1, with speech");
        assertThatThrownBy(() -> TrainSplit.select(dir, files, "test")).hasMessageContaining("project.avlens")
                .hasMessageContaining("no split named 'test'");
    }

    @Test
    void aFolderWithoutAProjectIsUsedWhole() throws Exception {
        List<Path> files = List.of(dir.resolve("media/a.mp4"));
        assertThat(TrainSplit.select(dir, files, "train")).isEqualTo(files);
        assertThat(TrainSplit.description(dir)).isNull();
    }
}
