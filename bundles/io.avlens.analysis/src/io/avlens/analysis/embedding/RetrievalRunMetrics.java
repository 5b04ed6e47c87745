package io.avlens.analysis.embedding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Retrieval figures as a Run's metrics, named alike wherever they are recorded ({@code avlens eval --task retrieval
 * --record}, the Retrieval Inspector's "Record as Run"): {@code n}, then per direction and relevance
 * {@code audio→video R@1}, {@code R@5}, {@code R@10}, {@code mAP} and {@code median rank}, with
 * {@code (material+action)} after the name for a relevance other than the same clip. The runner's embed dataset
 * stage computes the same map when its experiment asks for retrieval metrics. Stateless.
 */
public final class RetrievalRunMetrics {

    /** The kind of the experiment retrieval runs are recorded in: the figures are of the model's embed table. */
    public static final String KIND = "embed";
    /** That experiment's description, when it is made. */
    public static final String DESCRIPTION = "Cross-modal retrieval over the model's embedding table (avlens eval"
            + " --task retrieval --record, or the Retrieval Inspector's Record as Run): Recall@1/5/10, mAP and"
            + " median rank per direction";

    /**
     * The relevances retrieval is scored under wherever it is measured or recorded ({@code avlens eval --task
     * retrieval}, the runner's embed dataset stage, the Retrieval Inspector): the same clip; the same material and
     * action.
     */
    public static final List<RetrievalRelevance> RELEVANCES = List.of(RetrievalRelevance.SAME_CLIP,
            RetrievalRelevance.sameLabels("material", "action"));

    private RetrievalRunMetrics() {
    }

    /** The metrics of every direction of {@code table} under {@link #RELEVANCES} ({@link Retrieval#all}). */
    public static Map<String, Double> of(EmbeddingTable table) {
        return of(table.size(), Retrieval.all(table, RELEVANCES));
    }

    /** The experiment a model's retrieval figures are recorded in: {@code retrieval-<model>}. */
    public static String experimentId(String modelId) {
        return "retrieval-" + modelId;
    }

    /** The metrics of {@code scores} over a gallery of {@code n} clips, in the order given. */
    public static Map<String, Double> of(int n, List<RetrievalScores> scores) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("n", (double) n);
        for (RetrievalScores s : scores) {
            String suffix = s.relevance().equals(RetrievalRelevance.SAME_CLIP.name()) ? ""
                    : " (" + s.relevance().replaceFirst("^same:", "") + ")";
            String d = s.direction() + " ";
            m.put(d + "R@1" + suffix, s.recallAt1());
            m.put(d + "R@5" + suffix, s.recallAt5());
            m.put(d + "R@10" + suffix, s.recallAt10());
            m.put(d + "mAP" + suffix, s.meanAP());
            m.put(d + "median rank" + suffix, s.medianRank());
        }
        return m;
    }
}
