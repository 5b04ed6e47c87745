package io.avlens.analysis.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoundingEventsTest {

    private static final String SIDECAR = """
            {"lagSeconds": 0.25, "objects": [], "events": [
              {"type": "hit", "time": 0.125, "objectId": 1, "material": "glass", "surface": "object"},
              {"type": "hit", "time": 0.125, "objectId": 3, "material": "wood", "surface": "object"},
              {"type": "hit", "time": 0.15, "objectId": 1, "material": "glass", "surface": "floor"},
              {"type": "hit", "time": 0.25, "objectId": 1, "material": "glass", "surface": "wall"},
              {"type": "offscreen", "time": 2.75, "objectId": 0, "material": "rubber"},
              {"type": "silent", "time": 1.0, "objectId": 2, "material": "metal"},
              {"type": "scratch", "time": 1.5, "duration": 0.5, "objectId": 2, "material": "metal", "surface": "floor"},
              {"type": "hit", "time": 2.0, "objectId": 2, "material": "metal"}
            ], "words": [{"word": "red", "time": 3.0}]}
            """;

    @Test
    void onlyOnScreenHitsAndScratchesAreTargetsAndNearbyOnesMerge(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("clip-00000.json");
        Files.writeString(file, SIDECAR);
        SoundingEvents e = SoundingEvents.read(file);
        // 0.125 twice (a collision) and 0.15 are one onset; the off-screen, silent and spoken ones are not targets
        assertThat(e.targets()).containsExactly(0.125, 0.25, 1.5, 2.0);
        // what made each target; a merged one keeps its first event's kind; no surface: the type alone
        assertThat(e.kinds()).containsExactly("hit/object", "hit/wall", "scratch/floor", "hit");
        assertThat(e.soundingMaterials()).containsExactlyInAnyOrder("glass", "wood", "metal");
        assertThat(e.lagSeconds()).isEqualTo(0.25);
        assertThat(e.shifted(0.5).targets()).containsExactly(0.625, 0.75, 2.0, 2.5);
        assertThat(e.shifted(0.5).kinds()).containsExactly(e.kinds());
    }

    @Test
    void eventsMadeWithoutKindsAreOfUnknownKindAndKindsMustMatchTheTargets() {
        assertThat(new SoundingEvents(new double[] {0.5, 1.0}, Set.of("wood"), 0).kinds())
                .containsExactly(SoundingEvents.UNKNOWN_KIND, SoundingEvents.UNKNOWN_KIND);
        assertThatThrownBy(() -> new SoundingEvents(new double[] {0.5}, Set.of(), 0, new String[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 kinds for 1 targets");
    }

    @Test
    void namesTheFileThatIsNoSidecar(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("clip.json");
        Files.writeString(file, "{\"clip\": 1}");
        assertThatThrownBy(() -> SoundingEvents.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not an AV-Shapes sidecar");
        assertThatThrownBy(() -> SoundingEvents.read(dir.resolve("none.json"))).hasMessageContaining("none.json");
        // a time that is not a number is the file's problem, named as such (not an internal error)
        Path typo = dir.resolve("typo.json");
        Files.writeString(typo, "{\"events\": [{\"type\": \"hit\", \"objectId\": 1, \"time\": \"0.5s\"}]}");
        assertThatThrownBy(() -> SoundingEvents.read(typo)).isInstanceOf(IOException.class)
                .hasMessageContaining(typo.toString()).hasMessageContaining("not an AV-Shapes sidecar");
    }
}
