package io.avlens.analysis.similarity;

import java.util.ArrayList;
import java.util.List;

/**
 * Retrieval across time inside one clip: for a moment of the sound, the moments of the picture that match it best
 * (a row of the similarity volume, ranked), and the other way round (a column). CAVP's temporal contrast trains the
 * encoders to tell moments of one video apart; this shows whether they learnt it. Stateless and thread-safe.
 */
public final class TemporalRetrieval {

    /**
     * One ranked result.
     *
     * @param rank    1 for the best
     * @param index   the step retrieved (a column for audio queries, a row for video queries)
     * @param seconds its media time
     * @param score   its cosine similarity with the query
     */
    public record Hit(int rank, int index, double seconds, float score) {
    }

    private TemporalRetrieval() {
    }

    /**
     * The {@code k} video steps most similar to the audio step nearest {@code audioSeconds}, best first; ties go to
     * the earlier step, non-finite scores are left out.
     */
    public static List<Hit> videoForAudio(SimilarityVolume volume, double audioSeconds, int k) {
        int row = volume.row(audioSeconds);
        float[] scores = new float[volume.videoSteps()];
        for (int j = 0; j < scores.length; j++) {
            scores[j] = volume.get(row, j);
        }
        return ranked(scores, k, volume.videoBase());
    }

    /** The {@code k} audio steps most similar to the video step nearest {@code videoSeconds}, as above. */
    public static List<Hit> audioForVideo(SimilarityVolume volume, double videoSeconds, int k) {
        int column = volume.column(videoSeconds);
        float[] scores = new float[volume.audioSteps()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = volume.get(i, column);
        }
        return ranked(scores, k, volume.audioBase());
    }

    private static List<Hit> ranked(float[] scores, int k, TimeBase base) {
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative, got " + k);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (Float.isFinite(scores[i])) {
                order.add(i);
            }
        }
        order.sort((x, y) -> scores[x] != scores[y] ? Float.compare(scores[y], scores[x]) : Integer.compare(x, y));
        List<Hit> hits = new ArrayList<>();
        for (int r = 0; r < Math.min(k, order.size()); r++) {
            int i = order.get(r);
            hits.add(new Hit(r + 1, i, base.timeOf(i), scores[i]));
        }
        return List.copyOf(hits);
    }
}
