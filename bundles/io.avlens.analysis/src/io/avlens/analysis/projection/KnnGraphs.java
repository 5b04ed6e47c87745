package io.avlens.analysis.projection;

/** The kNN graph builder a projection uses when the caller names none. */
public final class KnnGraphs {

    /**
     * Up to this many points the exact search is fast enough (seconds) and has no recall loss; above it NN-descent
     * (recall ≈ 0.99 at 100,000 points) is used, as the exact search grows with n².
     */
    public static final int EXACT_UP_TO = 20_000;

    private KnnGraphs() {
    }

    /** Exact for up to {@value #EXACT_UP_TO} points, NN-descent above; deterministic for a seed and thread count. */
    public static KnnGraphBuilder automatic(int threads, long seed) {
        ExactKnnGraph exact = new ExactKnnGraph(Math.max(1, threads));
        NnDescent approximate = new NnDescent(threads, seed);
        return (points, k, monitor) -> points.n() <= EXACT_UP_TO ? exact.build(points, k, monitor)
                : approximate.build(points, k, monitor);
    }

    /** What {@link #automatic} does for n points, in words, for reports. */
    public static String describe(int n) {
        return n <= EXACT_UP_TO ? "exact (ExactKnnGraph)" : "approximate (NnDescent)";
    }
}
