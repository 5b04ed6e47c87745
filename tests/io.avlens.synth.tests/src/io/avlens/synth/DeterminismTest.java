package io.avlens.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.avlens.media.AudioReader;

/** The same spec gives the same dataset, whatever the number of threads. */
class DeterminismTest {

    @Test
    void sameSeedGivesTheSameFiles() throws IOException {
        Path a = GeneratedDatasets.synced();
        Path b = GeneratedDatasets.again();
        for (int i = 0; i < GeneratedDatasets.CLIPS; i++) {
            for (String suffix : new String[] {".json", ".masks.npy", ".sounding.npy", ".mp4"}) {
                assertThat(Files.readAllBytes(GeneratedDatasets.file(b, i, suffix)))
                        .as("clip %d %s", i, suffix).isEqualTo(Files.readAllBytes(GeneratedDatasets.file(a, i, suffix)));
            }
            assertThat(AudioReader.read(GeneratedDatasets.video(b, i), 16_000).samples())
                    .isEqualTo(AudioReader.read(GeneratedDatasets.video(a, i), 16_000).samples());
        }
        assertThat(Files.readString(b.resolve("project.avlens"))).isEqualTo(Files.readString(a.resolve("project.avlens")));
    }

    @Test
    void otherSeedsGiveOtherScenes() {
        Path a = GeneratedDatasets.synced();
        assertThat(GeneratedDatasets.sidecar(a, 0).get("events")).isNotEqualTo(GeneratedDatasets.sidecar(a, 1).get("events"));
        assertThat(GeneratedDatasets.sidecar(GeneratedDatasets.spoken(), 0).get("narration"))
                .isNotEqualTo(GeneratedDatasets.sidecar(a, 0).get("narration"));
    }
}
