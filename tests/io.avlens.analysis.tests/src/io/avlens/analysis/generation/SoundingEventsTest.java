package io.avlens.analysis.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoundingEventsTest {

    private static final String SIDECAR = """
            {"lagSeconds": 0.25, "objects": [], "events": [
              {"type": "hit", "time": 0.125, "objectId": 1, "material": "glass"},
              {"type": "hit", "time": 0.125, "objectId": 3, "material": "wood"},
              {"type": "hit", "time": 0.15, "objectId": 1, "material": "glass"},
              {"type": "hit", "time": 0.25, "objectId": 1, "material": "glass"},
              {"type": "offscreen", "time": 2.75, "objectId": 0, "material": "rubber"},
              {"type": "silent", "time": 1.0, "objectId": 2, "material": "metal"},
              {"type": "scratch", "time": 1.5, "duration": 0.5, "objectId": 2, "material": "metal"}
            ], "words": [{"word": "red", "time": 3.0}]}
            """;

    @Test
    void onlyOnScreenHitsAndScratchesAreTargetsAndNearbyOnesMerge(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("clip-00000.json");
        Files.writeString(file, SIDECAR);
        SoundingEvents e = SoundingEvents.read(file);
        // 0.125 twice (a collision) and 0.15 are one onset; the off-screen, silent and spoken ones are not targets
        assertThat(e.targets()).containsExactly(0.125, 0.25, 1.5);
        assertThat(e.soundingMaterials()).containsExactlyInAnyOrder("glass", "wood", "metal");
        assertThat(e.lagSeconds()).isEqualTo(0.25);
        assertThat(e.shifted(0.5).targets()).containsExactly(0.625, 0.75, 2.0);
    }

    @Test
    void namesTheFileThatIsNoSidecar(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("clip.json");
        Files.writeString(file, "{\"clip\": 1}");
        assertThatThrownBy(() -> SoundingEvents.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not an AV-Shapes sidecar");
        assertThatThrownBy(() -> SoundingEvents.read(dir.resolve("none.json"))).hasMessageContaining("none.json");
    }
}
