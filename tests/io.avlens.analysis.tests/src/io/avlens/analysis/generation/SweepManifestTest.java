package io.avlens.analysis.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sweep.json: a round trip, the cells in seed, ω, γ order, and errors that name the folder or file. */
class SweepManifestTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsAndListsEveryCellOfEverySeed() throws IOException {
        SweepManifest m = new SweepManifest("/data/clip.mp4", "diff-foley-small", List.of(1.0, 4.5),
                List.of(0.0, 50.0, 100.0), List.of(21L, 22L), 25, GuidanceSettings.DPM);
        assertThat(SweepManifest.isSweep(dir)).isFalse();
        m.write(dir);
        assertThat(SweepManifest.isSweep(dir)).isTrue();
        assertThat(SweepManifest.read(dir)).isEqualTo(m);
        List<GuidanceSettings> cells = m.cells();
        assertThat(cells).hasSize(12);
        assertThat(cells.get(0)).isEqualTo(new GuidanceSettings(1, 0, 25, "dpm", 21));
        assertThat(cells.get(5)).isEqualTo(new GuidanceSettings(4.5, 100, 25, "dpm", 21));
        assertThat(cells.get(6).seed()).isEqualTo(22);
        assertThat(cells.stream().map(GuidanceSettings::stem).distinct()).hasSize(12);
    }

    @Test
    void aFolderWithoutOrWithABrokenManifestIsNamed() throws IOException {
        assertThatThrownBy(() -> SweepManifest.read(dir)).hasMessageContaining(dir.toString())
                .hasMessageContaining("sweep.json");
        Files.writeString(dir.resolve(SweepManifest.FILE), "{\"clip\": \"c.mp4\"}");
        assertThatThrownBy(() -> SweepManifest.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve(SweepManifest.FILE).toString())
                .hasMessageContaining("not a sweep manifest");
        assertThatThrownBy(() -> new SweepManifest("c", "m", List.of(), List.of(0.0), List.of(1L), 2, "dpm"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
