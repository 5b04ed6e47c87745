package io.avlens.analysis.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import io.avlens.core.tensor.FloatTensor;

/**
 * Exact cases: one-hot features whose audio copy is shifted by a known number of steps give a volume that is 1 on
 * one diagonal and 0 elsewhere, so the lag, its sign and the confidence are known in closed form.
 */
class SyncOffsetEstimatorTest {

    /** {@code [steps, steps]} one-hot rows: step t is e_t. */
    private static FloatTensor identity(int steps) {
        float[] v = new float[steps * steps];
        for (int t = 0; t < steps; t++) {
            v[t * steps + t] = 1;
        }
        return FloatTensor.wrap(new int[] {steps, steps}, v);
    }

    /**
     * Audio features for a sound {@code late} video steps later than the picture, {@code perVideo} audio steps per
     * video step: the audio at media time x is the video feature at x − late (zeros before the sound starts).
     */
    private static FloatTensor lateAudio(int videoSteps, int perVideo, int late) {
        int rows = videoSteps * perVideo;
        float[] a = new float[rows * videoSteps];
        for (int r = 0; r < rows; r++) {
            int source = r / perVideo - late;
            if (source >= 0 && source < videoSteps) {
                a[r * videoSteps + source] = 1;
            }
        }
        return FloatTensor.wrap(new int[] {rows, videoSteps}, a);
    }

    @Test
    void soundThreeStepsLateGivesPositiveLagOfExactlyThreeSteps() {
        TimeBase fps8 = TimeBase.ofRate(8);
        SimilarityVolume v = SimilarityVolume.of(lateAudio(32, 1, 3), fps8, identity(32), fps8);
        assertThat(v.get(3 + 5, 5)).isEqualTo(1f); // S[t + 3, t]: the audio row 3 steps after the frame
        assertThat(v.get(5, 5)).isEqualTo(0f);
        SyncEstimate e = new SyncOffsetEstimator(6, 0.07).estimate(v);
        assertThat(e.lagSteps()).isEqualTo(3);
        assertThat(e.lagSeconds()).isEqualTo(0.375);
        assertThat(e.bandMean(3)).isEqualTo(1.0);
        assertThat(e.bandMean(0)).isEqualTo(0.0);
        assertThat(e.bandMean(-3)).isEqualTo(0.0);
        // one band at 1, twelve at 0: p = e^(1/τ) / (e^(1/τ) + 12)
        double expected = Math.exp(1 / 0.07) / (Math.exp(1 / 0.07) + 12);
        assertThat(e.confidence()).isCloseTo(expected, within(1e-12));
        assertThat(e.probabilities()[3 + 6]).isCloseTo(expected, within(1e-12));
    }

    @Test
    void soundEarlyGivesNegativeLag() {
        TimeBase fps8 = TimeBase.ofRate(8);
        SimilarityVolume v = SimilarityVolume.of(lateAudio(32, 1, -2), fps8, identity(32), fps8);
        SyncEstimate e = new SyncOffsetEstimator(5, 0.07).estimate(v);
        assertThat(e.lagSteps()).isEqualTo(-2);
        assertThat(e.lagSeconds()).isEqualTo(-0.25);
    }

    @Test
    void audioAtEightStepsPerVideoStepMapsThroughTheTimeBases() {
        // avshapes-small: 64 mel frames per second against 8 video frames per second
        SimilarityVolume v = SimilarityVolume.of(lateAudio(32, 8, 2), TimeBase.ofRate(64), identity(32),
                TimeBase.ofRate(8));
        assertThat(v.audioSteps()).isEqualTo(256);
        SyncEstimate e = new SyncOffsetEstimator(4, 0.07).estimate(v);
        assertThat(e.lagSteps()).isEqualTo(2);
        assertThat(e.lagSeconds()).isEqualTo(0.25);
        assertThat(e.bandMean(2)).isEqualTo(1.0);
    }

    @Test
    void temperatureSharpensTheConfidence() {
        TimeBase fps8 = TimeBase.ofRate(8);
        SimilarityVolume v = SimilarityVolume.of(lateAudio(16, 1, 1), fps8, identity(16), fps8);
        double cold = new SyncOffsetEstimator(3, 0.05).estimate(v).confidence();
        double warm = new SyncOffsetEstimator(3, 1.0).estimate(v).confidence();
        assertThat(warm).isCloseTo(Math.E / (Math.E + 6), within(1e-12));
        assertThat(cold).isGreaterThan(warm);
    }

    @Test
    void tiesGoToTheSmallestLagAndEmptyBandsAreLeftOut() {
        // a constant volume: every band has the same mean
        SimilarityVolume flat = SimilarityVolume.of(FloatTensor.of(new int[] {2, 2}, 0.5f, 0.5f, 0.5f, 0.5f),
                TimeBase.ofRate(1), TimeBase.ofRate(1));
        SyncEstimate e = new SyncOffsetEstimator(3, 0.07).estimate(flat);
        assertThat(e.lagSteps()).isZero();
        assertThat(e.bandMean(2)).isNaN(); // no row two steps after any column of a 2 × 2 volume
        assertThat(e.bandMean(1)).isEqualTo(0.5);
        assertThat(e.probabilities()[2 + 3]).isZero();
        assertThat(e.confidence()).isCloseTo(1 / 3.0, within(1e-12)); // lags −1, 0, 1 share the mass
    }

    @Test
    void timeBasesThatDoNotOverlapAreRejected() {
        SimilarityVolume apart = SimilarityVolume.of(FloatTensor.of(new int[] {2, 2}, 1, 0, 0, 1),
                new TimeBase(100, 1), TimeBase.ofRate(1));
        assertThatThrownBy(() -> new SyncOffsetEstimator(2, 0.07).estimate(apart))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not overlap");
        assertThatThrownBy(() -> new SyncOffsetEstimator(-1, 0.07)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyncOffsetEstimator(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void maximumLagInSecondsIsRoundedToVideoSteps() {
        assertThat(SyncOffsetEstimator.upTo(1.0, TimeBase.ofRate(8)).maxLagSteps()).isEqualTo(8);
        assertThat(SyncOffsetEstimator.upTo(0.3, TimeBase.ofRate(25)).maxLagSteps()).isEqualTo(8);
    }
}
