package io.avlens.models.cavp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.avlens.analysis.similarity.SyncEstimate;
import io.avlens.analysis.similarity.SyncOffsetEstimator;
import io.avlens.analysis.similarity.TimeBase;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Features with a known shift give that lag through the volume and the estimator. */
class SyncEvaluationTest {

    /** Video rows are random unit vectors; audio row {@code t} is video row {@code t − shift} (audio late). */
    static CavpFeatures shifted(int steps, int c, int shift, long seed) {
        Random r = new Random(seed);
        float[] video = new float[steps * c];
        for (int t = 0; t < steps; t++) {
            double n = 0;
            for (int i = 0; i < c; i++) {
                video[t * c + i] = (float) r.nextGaussian();
                n += video[t * c + i] * video[t * c + i];
            }
            for (int i = 0; i < c; i++) {
                video[t * c + i] /= (float) Math.sqrt(n);
            }
        }
        float[] audio = new float[steps * c];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(video, Math.floorMod(t - shift, steps) * c, audio, t * c, c);
        }
        return new CavpFeatures(steps, c, audio, video);
    }

    @Test
    void aLateAudioTrackGivesAPositiveLag() {
        SyncOffsetEstimator estimator = SyncOffsetEstimator.upTo(1.0, TimeBase.ofRate(8));
        for (int shift = -8; shift <= 8; shift++) {
            SyncEstimate e = estimator.estimate(shifted(32, 64, shift, 100 + shift).volume(8));
            assertThat(e.lagSeconds()).as("shift %d", shift).isEqualTo(shift * 0.125);
            assertThat(e.bandMean(shift)).isCloseTo(1.0, within(1e-5));
        }
    }
}
