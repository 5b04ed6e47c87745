package io.avlens.analysis.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.avlens.analysis.generation.OnsetMetrics.Detection;
import java.util.List;

import org.junit.jupiter.api.Test;

class OnsetMetricsTest {

    @Test
    void greedyMatchingScoresHitsMissesAndFalseOnsetsAsCondFoleyGen() {
        double[] targets = {1.0, 2.0, 3.0};
        List<Detection> detections = List.of(new Detection(1.05, 0.9), new Detection(2.5, 0.8),
                new Detection(2.95, 0.4), new Detection(1.02, 0.3));
        OnsetMetrics.ClipScore c = OnsetMetrics.score(targets, detections);
        assertThat(c.hit()).containsExactly(true, false, true);
        assertThat(c.matched()).containsExactly(0.9, 0, 0.4);
        // 1.02 is nearer to 1.0 but the more confident 1.05 took it first
        assertThat(c.unmatched()).containsExactlyInAnyOrder(0.8, 0.3);
        assertThat(c.countCorrect()).isFalse();
        assertThat(c.detectionAccuracy()).isCloseTo(2.0 / 3, within(1e-12));
        // ranked: .9 P, .8 N, .4 P, .3 N, 0 P -> 1/3 * 1 + 1/3 * 2/3 + 1/3 * 3/5
        OnsetMetrics.Summary s = OnsetMetrics.summarize(List.of(c));
        assertThat(s.ap()).isCloseTo(34.0 / 45, within(1e-12));
        assertThat(s.onsetAccuracy()).isZero();
        assertThat(s.matched()).isEqualTo(2);
    }

    @Test
    void toleranceIsInclusiveAtOneTenthOfASecond() {
        assertThat(OnsetMetrics.score(new double[] {1.0}, List.of(new Detection(1.1, 1))).hits()).isEqualTo(1);
        assertThat(OnsetMetrics.score(new double[] {1.0}, List.of(new Detection(1.11, 1))).hits()).isZero();
        assertThat(OnsetMetrics.score(new double[] {1.0}, List.of(new Detection(0.9, 1))).hits()).isEqualTo(1);
    }

    @Test
    void perfectDetectionsScoreOneAndShiftedOnesScoreLower() {
        double[] targets = {0.5, 1.5, 2.5};
        OnsetMetrics.ClipScore right = OnsetMetrics.score(targets, List.of(new Detection(0.52, 0.9),
                new Detection(1.49, 0.7), new Detection(2.5, 0.8)));
        OnsetMetrics.ClipScore silent = OnsetMetrics.score(new double[0], List.of());
        OnsetMetrics.Summary good = OnsetMetrics.summarize(List.of(right, silent));
        assertThat(good.onsetAccuracy()).isEqualTo(1.0);
        assertThat(good.detectionAccuracy()).isEqualTo(1.0);
        assertThat(good.ap()).isEqualTo(1.0);
        OnsetMetrics.ClipScore late = OnsetMetrics.score(targets, List.of(new Detection(0.75, 0.9),
                new Detection(1.75, 0.7), new Detection(2.75, 0.8)));
        OnsetMetrics.Summary bad = OnsetMetrics.summarize(List.of(late, silent));
        assertThat(bad.onsetAccuracy()).isEqualTo(1.0); // the count is right, the times are not
        assertThat(bad.detectionAccuracy()).isZero();
        // three negatives ranked above three positives at 0: precision 3/6 at full recall
        assertThat(bad.ap()).isEqualTo(0.5);
    }

    @Test
    void tiedScoresCountAsOneThresholdAsScikitLearn() {
        // average_precision_score([1, 0], [0.5, 0.5]) == 0.5
        assertThat(OnsetMetrics.averagePrecision(List.of(new double[] {0.5, 1}, new double[] {0.5, 0})))
                .isEqualTo(0.5);
        // average_precision_score([0, 1, 1], [0.9, 0.5, 0.1]) == 0.5 * 1/2 + 0.5 * 2/3
        assertThat(OnsetMetrics.averagePrecision(List.of(new double[] {0.9, 0}, new double[] {0.5, 1},
                new double[] {0.1, 1}))).isCloseTo(0.5 / 2 + 0.5 * 2 / 3, within(1e-12));
        assertThat(OnsetMetrics.averagePrecision(List.of(new double[] {0.9, 0}))).isNaN();
    }
}
