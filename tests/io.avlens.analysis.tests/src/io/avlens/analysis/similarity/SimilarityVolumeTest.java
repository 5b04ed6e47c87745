package io.avlens.analysis.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.avlens.core.tensor.FloatTensor;

/** Hand-computed cosines, time bases, retrieval order and delay embeddings. */
class SimilarityVolumeTest {

    @Test
    void cosineOfHandPickedVectors() {
        // audio: (3, 4), (0, 0); video: (1, 0), (0, 2), (−3, −4)
        SimilarityVolume v = SimilarityVolume.of(FloatTensor.of(new int[] {2, 2}, 3, 4, 0, 0), TimeBase.ofRate(4),
                FloatTensor.of(new int[] {3, 2}, 1, 0, 0, 2, -3, -4), TimeBase.ofRate(2));
        assertThat(v.values().shape()).containsExactly(2, 3);
        assertThat(v.get(0, 0)).isCloseTo(0.6f, within(1e-7f));
        assertThat(v.get(0, 1)).isCloseTo(0.8f, within(1e-7f));
        assertThat(v.get(0, 2)).isCloseTo(-1f, within(1e-7f));
        assertThat(v.get(1, 1)).isZero(); // a zero vector is similar to nothing, not NaN
        assertThat(v.audioTime(1)).isEqualTo(0.25);
        assertThat(v.videoTime(2)).isEqualTo(1.0);
        assertThat(v.row(0.13)).isEqualTo(1);
        assertThat(v.row(0.12)).isEqualTo(0);
        assertThat(v.column(99)).isEqualTo(2);
        assertThat(v.column(-5)).isZero();
    }

    @Test
    void badShapesAreRejectedWithWhatWasWrong() {
        FloatTensor ok = FloatTensor.zeros(4, 8);
        assertThatThrownBy(() -> SimilarityVolume.of(ok, TimeBase.ofRate(1), FloatTensor.zeros(4, 7),
                TimeBase.ofRate(1))).hasMessageContaining("8 channels but video features 7");
        assertThatThrownBy(() -> SimilarityVolume.of(FloatTensor.zeros(4), TimeBase.ofRate(1), TimeBase.ofRate(1)))
                .hasMessageContaining("2-D");
        assertThatThrownBy(() -> new TimeBase(0, 0)).hasMessageContaining("positive step");
    }

    @Test
    void retrievalRanksARowAndAColumnBestFirst() {
        // rows audio at 1 step/s, columns video at 2 steps/s
        SimilarityVolume v = SimilarityVolume.of(FloatTensor.of(new int[] {2, 4},
                0.1f, 0.9f, 0.5f, 0.9f,
                0.7f, Float.NaN, -0.2f, 0.3f), TimeBase.ofRate(1), TimeBase.ofRate(2));
        List<TemporalRetrieval.Hit> hits = TemporalRetrieval.videoForAudio(v, 0.2, 3);
        assertThat(hits).extracting(TemporalRetrieval.Hit::index).containsExactly(1, 3, 2); // tie 1 vs 3: earlier
        assertThat(hits.get(1)).isEqualTo(new TemporalRetrieval.Hit(2, 3, 1.5, 0.9f));
        assertThat(TemporalRetrieval.videoForAudio(v, 1, 10)).extracting(TemporalRetrieval.Hit::index)
                .containsExactly(0, 3, 2); // NaN left out
        assertThat(TemporalRetrieval.audioForVideo(v, 1.0, 2)).extracting(TemporalRetrieval.Hit::seconds)
                .containsExactly(0.0, 1.0);
    }

    @Test
    void delayEmbeddingCentresEachWindowWithRepeatedEdges() {
        FloatTensor f = DelayEmbedding.centred(new float[] {1, 2, 6}, 1);
        assertThat(f.shape()).containsExactly(3, 3);
        // t = 0: window (1, 1, 2), mean 4/3
        assertThat(f.get(0, 0)).isCloseTo(-1 / 3f, within(1e-6f));
        assertThat(f.get(0, 2)).isCloseTo(2 / 3f, within(1e-6f));
        // t = 2: window (2, 6, 6), mean 14/3
        assertThat(f.get(2, 0)).isCloseTo(2 - 14 / 3f, within(1e-6f));
    }

    @Test
    void resampleAveragesTheSamplesOfEachTargetStep() {
        // 4 samples per second down to 2 per second, then up to 8 per second
        float[] down = DelayEmbedding.resample(new float[] {1, 3, 5, 7}, TimeBase.ofRate(4), TimeBase.ofRate(2), 2);
        assertThat(down).containsExactly(2, 6);
        float[] up = DelayEmbedding.resample(new float[] {1, 3}, TimeBase.ofRate(2), TimeBase.ofRate(8), 4);
        // no sample inside a step: the nearest one (0.25 s lies half way, and halves round up)
        assertThat(up).containsExactly(1, 1, 3, 3);
    }
}
