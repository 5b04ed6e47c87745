package io.avlens.analysis.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.avlens.core.tensor.NpyArray;

/**
 * The similarity volume, the sync estimate and temporal retrieval against NumPy's (make_similarity_reference.py):
 * equal rates, 8 audio steps per video step (avshapes-small) and rates that do not divide (25 vs 10 per second with
 * an audio start offset), with a hidden offset of either sign.
 */
class SimilarityReferenceTest {

    static List<SimilarityReference.Case> cases() {
        return SimilarityReference.cases();
    }

    private static SimilarityVolume volume(SimilarityReference.Case c) {
        return SimilarityVolume.of(c.array("audio").toFloatTensor(), c.audio(), c.array("video").toFloatTensor(),
                c.video());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void volumeIsTheCosineOfEveryAudioAndVideoStep(SimilarityReference.Case c) {
        SimilarityVolume v = volume(c);
        double[] expected = c.array("sim").toDoubleArray();
        assertThat(v.values().shape()).containsExactly(c.audioSteps(), c.videoSteps());
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) v.values().getFlat(i)).as("S flat %d", i).isCloseTo(expected[i], within(2e-6));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void syncEstimateMatchesNumpyAndFindsTheHiddenOffset(SimilarityReference.Case c) {
        SyncEstimate e = new SyncOffsetEstimator(c.maxLag(), SyncOffsetEstimator.DEFAULT_TEMPERATURE)
                .estimate(volume(c));
        double[] band = c.array("band").toDoubleArray();
        double[] result = c.array("result").toDoubleArray();
        assertThat(e.bandMeans()).hasSize(band.length);
        for (int i = 0; i < band.length; i++) {
            assertThat(e.bandMeans()[i]).as("band mean of lag %d", i - c.maxLag()).isCloseTo(band[i], within(1e-6));
        }
        assertThat(e.lagSteps()).isEqualTo((int) result[0]);
        assertThat(e.lagSeconds()).isCloseTo(result[1], within(1e-12));
        assertThat(e.confidence()).isCloseTo(result[2], within(1e-5));
        // the hidden offset itself, to one video step, with its sign
        assertThat(e.lagSeconds()).isCloseTo(c.offsetSeconds(), within(c.video().step() / 2));
        assertThat(e.probabilities()).hasSize(band.length);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void retrievalRanksLikeNumpy(SimilarityReference.Case c) {
        SimilarityVolume v = volume(c);
        assertThat(TemporalRetrieval.videoForAudio(v, c.queryAudio(), c.k()))
                .extracting(TemporalRetrieval.Hit::index).containsExactly(boxed(c.array("v4a")));
        assertThat(TemporalRetrieval.audioForVideo(v, c.queryVideo(), c.k()))
                .extracting(TemporalRetrieval.Hit::index).containsExactly(boxed(c.array("a4v")));
    }

    private static Integer[] boxed(NpyArray indices) {
        long[] l = indices.toLongArray();
        Integer[] out = new Integer[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = (int) l[i];
        }
        return out;
    }
}
