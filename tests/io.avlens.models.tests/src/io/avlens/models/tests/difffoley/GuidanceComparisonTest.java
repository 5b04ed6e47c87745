package io.avlens.models.tests.difffoley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.avlens.analysis.generation.OnsetMetrics;
import io.avlens.models.difffoley.GuidanceComparison;
import io.avlens.models.difffoley.SoundScore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link GuidanceComparison}: the paired bootstrap behind `avlens eval --task generation`'s guidance steps. */
class GuidanceComparisonTest {

    /** A sample of {@code clip}: judged {@code aligned}, its one target hit with confidence 0.9 or missed. */
    private static SoundScore sample(String clip, String group, double aligned, boolean hit) {
        OnsetMetrics.ClipScore onsets = hit
                ? new OnsetMetrics.ClipScore(1, 1, new double[] {0.9}, new boolean[] {true}, new double[0])
                : new OnsetMetrics.ClipScore(1, 1, new double[] {0}, new boolean[] {false}, new double[] {0.95});
        return new SoundScore(clip, group, aligned, onsets, 0, null, new float[] {0});
    }

    private static List<SoundScore> set(String group, int n, int alignedUpTo, int hitUpTo) {
        List<SoundScore> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(sample("clip-" + i, group, i < alignedUpTo ? 0.9 : 0.1, i < hitUpTo));
        }
        return out;
    }

    @Test
    void aClearStepHasItsWholeIntervalAboveZero() {
        GuidanceComparison.Result r = GuidanceComparison.of(set("a", 40, 20, 10), set("b", 40, 36, 30),
                GuidanceComparison.ROUNDS, 1);
        assertThat(r.n()).isEqualTo(40);
        assertThat(r.align().a()).isCloseTo(0.5, within(1e-9));
        assertThat(r.align().b()).isCloseTo(0.9, within(1e-9));
        assertThat(r.align().diff()).isCloseTo(0.4, within(1e-9));
        assertThat(r.align().low()).isPositive().isLessThan(0.4);
        assertThat(r.align().high()).isGreaterThan(0.4);
        assertThat(r.align().better()).isTrue();
        assertThat(r.align().notAbove()).isZero();
        assertThat(r.onsetAP().b()).isGreaterThan(r.onsetAP().a());
        assertThat(r.onsetAP().better()).isTrue();
        // deterministic for a seed
        GuidanceComparison.Result again = GuidanceComparison.of(set("a", 40, 20, 10), set("b", 40, 36, 30),
                GuidanceComparison.ROUNDS, 1);
        assertThat(again.align().low()).isEqualTo(r.align().low());
        assertThat(again.onsetAP().high()).isEqualTo(r.onsetAP().high());
    }

    @Test
    void theSameSamplesAreNoStepAndAReversalIsNone() {
        GuidanceComparison.Result same = GuidanceComparison.of(set("a", 30, 15, 15), set("b", 30, 15, 15), 500, 3);
        assertThat(same.align().diff()).isZero();
        assertThat(same.align().low()).isZero();
        assertThat(same.align().high()).isZero();
        assertThat(same.align().better()).isFalse();
        assertThat(same.align().notAbove()).isEqualTo(1.0);
        GuidanceComparison.Result worse = GuidanceComparison.of(set("a", 30, 25, 25), set("b", 30, 10, 10), 500, 3);
        assertThat(worse.align().diff()).isNegative();
        assertThat(worse.align().high()).isNegative();
        assertThat(worse.onsetAP().better()).isFalse();
    }

    @Test
    void samplesPairByClipAndTheKthSampleOfAClip() {
        List<SoundScore> a = new ArrayList<>(set("a", 4, 0, 0));
        a.add(sample("clip-0", "a", 0.1, false)); // a second sample of clip-0
        List<SoundScore> b = new ArrayList<>(set("b", 3, 3, 0)); // clip-3 has no sample in b
        b.add(sample("clip-0", "b", 0.9, false));
        b.add(sample("only-in-b", "b", 0.9, false));
        GuidanceComparison.Result r = GuidanceComparison.of(a, b, 200, 1);
        assertThat(r.n()).as("clip-0 twice, clip-1, clip-2").isEqualTo(4);
        assertThat(r.align().b()).isEqualTo(1.0);
        assertThatThrownBy(() -> GuidanceComparison.of(set("a", 2, 0, 0), List.of(sample("x", "b", 1, true)), 10,
                1)).hasMessageContaining("no clip");
    }
}
