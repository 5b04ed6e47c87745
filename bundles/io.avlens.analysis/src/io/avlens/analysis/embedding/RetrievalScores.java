package io.avlens.analysis.embedding;

/**
 * Cross-modal retrieval figures of one direction and one relevance, each beside what a random ranking of the same
 * gallery scores on average.
 *
 * @param query             the query modality (e.g. {@code video})
 * @param gallery           the gallery modality (e.g. {@code audio}); the gallery is every item's vector of it
 * @param relevance         {@code sameClip} or {@code same:material+action} ({@link RetrievalRelevance#name()})
 * @param n                 the queries scored (items whose relevance is defined)
 * @param galleryN          the gallery's size
 * @param recallAt1         share of queries with a relevant item at rank 1
 * @param recallAt5         … within the first 5
 * @param recallAt10        … within the first 10
 * @param medianRank        median rank of the first relevant item (1 is best)
 * @param meanAP            mean over queries of the average precision of the whole ranked gallery
 * @param chanceRecallAt1   expected Recall@1 of a random ranking (per query {@code 1 − C(N−R, k) / C(N, k)})
 * @param chanceRecallAt5   … Recall@5
 * @param chanceRecallAt10  … Recall@10
 * @param chanceMeanAP      mean share of relevant items, the expected AP of a random ranking
 */
public record RetrievalScores(String query, String gallery, String relevance, int n, int galleryN,
        double recallAt1, double recallAt5, double recallAt10, double medianRank, double meanAP,
        double chanceRecallAt1, double chanceRecallAt5, double chanceRecallAt10, double chanceMeanAP) {

    /** {@code audio→video}. */
    public String direction() {
        return query + "→" + gallery;
    }
}
