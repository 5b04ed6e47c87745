package io.avlens.analysis.similarity;

import java.util.Arrays;
import java.util.Objects;

import io.avlens.core.tensor.FloatTensor;

/**
 * A CAVP similarity volume of one clip: {@code S[ta, tv] = cos(E_a[ta], E_v[tv])} for unpooled per-time audio
 * features {@code E_a [Ta, C]} and video features {@code E_v [Tv, C]} (methods §1), with the time bases of its rows
 * (audio) and columns (video), so views and estimates speak seconds. A synchronised clip shows a bright diagonal; a
 * sound that comes {@code d} seconds late shifts it down by {@code d} seconds of rows.
 *
 * <p>Immutable and thread-safe.
 */
public final class SimilarityVolume {

    /**
     * Smallest norm a feature vector is divided by, as {@code torch.nn.functional.normalize} (which the CAVP code
     * uses): an all-zero vector gets similarity 0 with everything instead of NaN.
     */
    public static final double NORM_EPSILON = 1e-12;

    private final FloatTensor values;
    private final TimeBase audio;
    private final TimeBase video;

    private SimilarityVolume(FloatTensor values, TimeBase audio, TimeBase video) {
        this.values = values;
        this.audio = Objects.requireNonNull(audio, "audio time base");
        this.video = Objects.requireNonNull(video, "video time base");
    }

    /**
     * Computes the volume from unpooled features. Runs in O(Ta·Tv·C) on the calling thread (640 × 640 × 512: about
     * 0.2 s); callers on the UI thread should use a job.
     *
     * @param audioFeatures {@code [Ta, C]}, row {@code i} at {@code audio.timeOf(i)}
     * @param videoFeatures {@code [Tv, C]}, row {@code j} at {@code video.timeOf(j)}
     * @throws IllegalArgumentException when a tensor is not 2-D, empty, or the channel counts differ
     */
    public static SimilarityVolume of(FloatTensor audioFeatures, TimeBase audio, FloatTensor videoFeatures,
            TimeBase video) {
        check(audioFeatures, "audio features [Ta, C]");
        check(videoFeatures, "video features [Tv, C]");
        int channels = audioFeatures.dim(1);
        if (videoFeatures.dim(1) != channels) {
            throw new IllegalArgumentException("audio features have " + channels + " channels but video features "
                    + videoFeatures.dim(1) + "; a similarity needs the same embedding space");
        }
        float[] a = normalizedRows(audioFeatures);
        float[] v = normalizedRows(videoFeatures);
        int ta = audioFeatures.dim(0);
        int tv = videoFeatures.dim(0);
        float[] s = new float[ta * tv];
        for (int i = 0; i < ta; i++) {
            for (int j = 0; j < tv; j++) {
                double dot = 0;
                for (int c = 0, ai = i * channels, vj = j * channels; c < channels; c++) {
                    dot += a[ai + c] * v[vj + c];
                }
                s[i * tv + j] = (float) dot;
            }
        }
        return new SimilarityVolume(FloatTensor.wrap(new int[] {ta, tv}, s), audio, video);
    }

    /**
     * A volume computed elsewhere (a model run, {@code numpy}), rows audio time, columns video time.
     *
     * @throws IllegalArgumentException when {@code values} is not a non-empty 2-D tensor
     */
    public static SimilarityVolume of(FloatTensor values, TimeBase audio, TimeBase video) {
        check(values, "a similarity volume [Ta, Tv]");
        return new SimilarityVolume(values, audio, video);
    }

    private static void check(FloatTensor t, String what) {
        if (t.rank() != 2 || t.dim(0) < 1 || t.dim(1) < 1) {
            throw new IllegalArgumentException(what + " must be a non-empty 2-D tensor, not " + Arrays.toString(t.shape()));
        }
    }

    private static float[] normalizedRows(FloatTensor features) {
        int rows = features.dim(0);
        int channels = features.dim(1);
        float[] out = features.toArray();
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                double x = out[r * channels + c];
                sum += x * x;
            }
            double norm = Math.max(Math.sqrt(sum), NORM_EPSILON);
            for (int c = 0; c < channels; c++) {
                out[r * channels + c] = (float) (out[r * channels + c] / norm);
            }
        }
        return out;
    }

    /** {@code S [Ta, Tv]}, rows audio time, columns video time. */
    public FloatTensor values() {
        return values;
    }

    /** Time base of the rows (audio steps). */
    public TimeBase audioBase() {
        return audio;
    }

    /** Time base of the columns (video steps). */
    public TimeBase videoBase() {
        return video;
    }

    /** Number of audio steps (rows). */
    public int audioSteps() {
        return values.dim(0);
    }

    /** Number of video steps (columns). */
    public int videoSteps() {
        return values.dim(1);
    }

    /** {@code S[row, column]}. */
    public float get(int row, int column) {
        return values.get(row, column);
    }

    /** Media time of audio step {@code row}, seconds. */
    public double audioTime(int row) {
        return audio.timeOf(row);
    }

    /** Media time of video step {@code column}, seconds. */
    public double videoTime(int column) {
        return video.timeOf(column);
    }

    /** The audio step (row) nearest to {@code seconds}, clamped to the volume. */
    public int row(double seconds) {
        return audio.nearest(seconds, audioSteps());
    }

    /** The video step (column) nearest to {@code seconds}, clamped to the volume. */
    public int column(double seconds) {
        return video.nearest(seconds, videoSteps());
    }

    @Override
    public String toString() {
        return "SimilarityVolume[" + audioSteps() + " audio × " + videoSteps() + " video steps, audio " + audio
                + ", video " + video + "]";
    }
}
