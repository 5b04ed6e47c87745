package io.avlens.models.cavp;

import io.avlens.analysis.similarity.SimilarityVolume;
import io.avlens.analysis.similarity.TimeBase;
import io.avlens.core.tensor.FloatTensor;

/**
 * Per-step features of one clip: rows of {@code [T, C]}, L2-normalised, step {@code t} = video frame {@code t}.
 *
 * @param steps    {@code T}
 * @param channels {@code C}
 * @param audio    {@code [T, C]} flat
 * @param video    {@code [T, C]} flat
 */
public record CavpFeatures(int steps, int channels, float[] audio, float[] video) {

    /** Audio features as a tensor {@code [T, C]}. */
    public FloatTensor audioTensor() {
        return FloatTensor.of(new int[] {steps, channels}, audio);
    }

    /** Video features as a tensor {@code [T, C]}. */
    public FloatTensor videoTensor() {
        return FloatTensor.of(new int[] {steps, channels}, video);
    }

    /**
     * The similarity volume for the analysis views and {@code SyncOffsetEstimator}: both axes at the video rate
     * ({@code fps}), step {@code t} at {@code t / fps} seconds.
     */
    public SimilarityVolume volume(double fps) {
        TimeBase base = TimeBase.ofRate(fps);
        return SimilarityVolume.of(audioTensor(), base, videoTensor(), base);
    }
}
