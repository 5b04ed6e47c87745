package io.avlens.analysis.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedSampleTest {

    @TempDir
    Path dir;

    @Test
    void recordRoundTripsWithItsSettingsMetricsAndFiles() throws IOException {
        GuidanceSettings settings = new GuidanceSettings(2.5, 25, 10, GuidanceSettings.DDIM, 22);
        GeneratedSample sample = new GeneratedSample("/data/clip-00001.mp4", "diff-foley-small", settings,
                "clip-00001-" + settings.stem(), true, Map.of("syncOffset", 0.125, "classifierScore", Double.NaN));
        Files.write(sample.wav(dir), new byte[] {1});
        Files.write(sample.mel(dir), new byte[] {2});
        Files.write(sample.mp4(dir), new byte[] {3});
        sample.write(dir);

        GeneratedSample back = GeneratedSample.read(sample.json(dir));

        assertThat(back.settings()).isEqualTo(settings);
        assertThat(back.stem()).isEqualTo("clip-00001-w2.5-g25-ddim10-s22");
        assertThat(back.video()).isTrue();
        assertThat(back.metrics().get("syncOffset")).isEqualTo(0.125);
        assertThat(back.metrics().get("classifierScore")).isNaN();
        assertThat(GeneratedSample.list(dir)).containsExactly(back);
    }

    @Test
    void aRecordWhoseWaveformIsMissingIsRefusedNamingTheFile() throws IOException {
        GeneratedSample sample = new GeneratedSample("/c.mp4", "m", GuidanceSettings.DEFAULT, "c", false, Map.of());
        Files.write(sample.mel(dir), new byte[] {2});
        sample.write(dir);
        Files.writeString(dir.resolve("summary.json"), "{\"n\": 3}");

        assertThatThrownBy(() -> GeneratedSample.read(sample.json(dir))).isInstanceOf(IOException.class)
                .hasMessageContaining("c.json").hasMessageContaining("c.wav");
        assertThat(GeneratedSample.list(dir)).isEmpty();
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new GuidanceSettings(-1, 0, 25, "dpm", 0)).hasMessageContaining("omega");
        assertThatThrownBy(() -> new GuidanceSettings(1, Double.NaN, 25, "dpm", 0)).hasMessageContaining("gamma");
        assertThatThrownBy(() -> new GuidanceSettings(1, 0, 0, "dpm", 0)).hasMessageContaining("steps");
        assertThatThrownBy(() -> new GuidanceSettings(1, 0, 25, "euler", 0)).hasMessageContaining("sampler");
        assertThat(GuidanceSettings.DEFAULT.stem()).isEqualTo("w4.5-g50-dpm25-s21");
    }
}
