package io.avlens.analysis.projection;

/**
 * The kNN graph builder a projection uses when the caller names none: exact while its cost is bearable, NN-descent
 * beyond. The exact search grows with {@code n² d} whatever {@code k}; NN-descent with about {@code n k^1.4 d}
 * (its local joins compare each point's neighbours' neighbours). Measured on this project's 2-core machine at
 * 100,000 × 64 clustered points: the vectorised scan ({@link ScanKnnGraph}) 19 s for any k, NN-descent 6.5 s at
 * k = 15 (UMAP's) and 79 s at k = 90 (t-SNE's, 3 × perplexity 30), so the two meet near {@code n = 770 k^1.4}.
 */
public final class KnnGraphs {

    /**
     * Up to this many points an exact search takes seconds and has no recall loss, whatever k: the vectorised scan
     * when the JVM has the Vector API, else {@link ExactKnnGraph}.
     */
    public static final int EXACT_UP_TO = 20_000;

    /** Above {@link #EXACT_UP_TO}, the vectorised scan is used while {@code n < SCAN_CROSSOVER · k^1.4}. */
    static final double SCAN_CROSSOVER = 770;

    /** How a graph is built. */
    enum Search {
        /** {@link ScanKnnGraph}: exact, on the Vector API. */
        SCAN("exact (ScanKnnGraph, Vector API)"),
        /** {@link ExactKnnGraph}: exact, scalar. */
        EXACT("exact (ExactKnnGraph)"),
        /** {@link NnDescent}: approximate. */
        NN_DESCENT("approximate (NnDescent)");

        final String description;

        Search(String description) {
            this.description = description;
        }
    }

    private KnnGraphs() {
    }

    /** The search for {@code n} points and {@code k} neighbours, on a JVM with the Vector API or without. */
    static Search choose(int n, int k, boolean vectorised) {
        if (vectorised) {
            return n <= EXACT_UP_TO || n < SCAN_CROSSOVER * Math.pow(k, 1.4) ? Search.SCAN : Search.NN_DESCENT;
        }
        return n <= EXACT_UP_TO ? Search.EXACT : Search.NN_DESCENT;
    }

    /**
     * Exact for up to {@value #EXACT_UP_TO} points, and above while the vectorised scan is cheaper than NN-descent
     * (t-SNE's k = 90 up to about 420,000 points), NN-descent beyond; deterministic for a seed and thread count.
     */
    public static KnnGraphBuilder automatic(int threads, long seed) {
        boolean vectorised = ScanKnnGraph.vectorised();
        ScanKnnGraph scan = new ScanKnnGraph(Math.max(1, threads));
        ExactKnnGraph exact = new ExactKnnGraph(Math.max(1, threads));
        NnDescent approximate = new NnDescent(threads, seed);
        return (points, k, monitor) -> switch (choose(points.n(), k, vectorised)) {
            case SCAN -> scan.build(points, k, monitor);
            case EXACT -> exact.build(points, k, monitor);
            case NN_DESCENT -> approximate.build(points, k, monitor);
        };
    }

    /** What {@link #automatic} does for n points and k neighbours on this JVM, in words, for reports. */
    public static String describe(int n, int k) {
        return choose(n, k, ScanKnnGraph.vectorised()).description;
    }
}
