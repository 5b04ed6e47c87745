package io.avlens.analysis.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SweepGridTest {

    private static GeneratedSample sample(String clip, double omega, double gamma, long seed, double align) {
        GuidanceSettings s = GuidanceSettings.DEFAULT.withScales(omega, gamma).withSeed(seed);
        return new GeneratedSample(clip, "m", s, clip.substring(1) + "-" + s.stem(), false, Map.of("align", align));
    }

    @Test
    void cellsAreGroupedByOmegaAndGammaWithAscendingAxesAndSeedSpread() {
        List<GeneratedSample> samples = new ArrayList<>();
        samples.add(sample("/b.mp4", 4.5, 50, 21, 0.9));
        samples.add(sample("/a.mp4", 1, 0, 21, 0.2));
        samples.add(sample("/a.mp4", 4.5, 50, 22, 0.7));
        samples.add(sample("/a.mp4", 4.5, 0, 21, 0.5));
        samples.add(sample("/a.mp4", 1, 50, 21, 0.4));

        SweepGrid grid = SweepGrid.of(samples);

        assertThat(grid.omegas()).containsExactly(1.0, 4.5);
        assertThat(grid.gammas()).containsExactly(0.0, 50.0);
        assertThat(grid.cell(1, 1)).extracting(GeneratedSample::clip).containsExactly("/a.mp4", "/b.mp4");
        SweepGrid.Summary s = grid.summary("align", 1, 1);
        assertThat(s.n()).isEqualTo(2);
        assertThat(s.mean()).isCloseTo(0.8, within(1e-12));
        assertThat(s.sd()).isCloseTo(Math.sqrt(0.02), within(1e-12));
        assertThat(grid.best("align", true)).isEqualTo(new SweepGrid.Position(1, 1));
        assertThat(grid.best("align", false)).isEqualTo(new SweepGrid.Position(0, 0));
        assertThat(grid.summary("missing", 0, 0).n()).isZero();
    }

    @Test
    void csvHasOneRowPerSampleInGridOrder() {
        SweepGrid grid = SweepGrid.of(List.of(sample("/a.mp4", 4.5, 0, 21, 0.5), sample("/a.mp4", 1, 0, 21, 0.25)));

        assertThat(grid.csv()).isEqualTo("omega,gamma,seed,clip,stem,align\n"
                + "1,0,21,/a.mp4,a.mp4-w1-g0-dpm25-s21,0.25\n"
                + "4.5,0,21,/a.mp4,a.mp4-w4.5-g0-dpm25-s21,0.5\n");
    }
}
