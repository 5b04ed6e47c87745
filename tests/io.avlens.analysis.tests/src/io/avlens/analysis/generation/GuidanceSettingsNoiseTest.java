package io.avlens.analysis.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** {@link GuidanceSettings#noiseSeed}: one seed, noise of its own for every clip, the same for a clip each time. */
class GuidanceSettingsNoiseTest {

    @Test
    void aClipKeepsItsNoiseAcrossCellsAndRuns() {
        GuidanceSettings cfg = new GuidanceSettings(4.5, 0, 25, GuidanceSettings.DPM, 21);
        GuidanceSettings dbl = cfg.withScales(4.5, 50);
        assertThat(dbl.noiseSeed("clip-00007")).as("cells of one seed start from the same noise")
                .isEqualTo(cfg.noiseSeed("clip-00007"));
        assertThat(new GuidanceSettings(4.5, 0, 10, GuidanceSettings.DDIM, 21).noiseSeed("clip-00007"))
                .isEqualTo(cfg.noiseSeed("clip-00007"));
    }

    @Test
    void oneSeedGivesEveryClipItsOwnNoiseAndAnotherSeedOtherNoise() {
        GuidanceSettings s21 = GuidanceSettings.DEFAULT;
        Set<Long> seen = new HashSet<>();
        for (int k = 0; k < 2000; k++) {
            seen.add(s21.noiseSeed(String.format("clip-%05d", k)));
        }
        assertThat(seen).as("2,000 clips, 2,000 noise seeds").hasSize(2000);
        assertThat(s21.withSeed(22).noiseSeed("clip-00000")).isNotEqualTo(s21.noiseSeed("clip-00000"));
        // neighbouring seeds do not give neighbouring clips the same noise (seed + 1 is not clip + 1)
        assertThat(s21.withSeed(22).noiseSeed("clip-00000")).isNotEqualTo(s21.noiseSeed("clip-00001"));
        assertThat(s21.noiseSeed("clip-00001")).isNotEqualTo(s21.noiseSeed("clip-00010"));
    }
}
