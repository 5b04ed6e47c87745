package io.avlens.analysis.projection;

/**
 * UMAP's settings, defaults as umap-learn's.
 *
 * @param neighbours         neighbourhood size counting the point itself, as umap-learn's {@code n_neighbors} (15)
 * @param minDist            how tightly points may pack in the layout (0.1)
 * @param spread             scale of the layout's neighbourhood curve (1.0)
 * @param epochs             optimisation epochs; 0 picks umap-learn's default, 500 up to 10,000 points, else 200
 * @param seed               seed of the neighbour search, initial noise and negative sampling
 * @param negativeSampleRate repelling samples per attracting one (5)
 * @param threads            worker threads (the layout does not depend on their number)
 * @param layoutEvery        epochs between intermediate layouts sent to the monitor (0: none)
 */
public record UmapOptions(int neighbours, double minDist, double spread, int epochs, long seed,
        int negativeSampleRate, int threads, int layoutEvery) {

    public UmapOptions {
        if (neighbours < 2 || !(minDist >= 0) || !(spread > 0) || minDist > spread || epochs < 0
                || negativeSampleRate < 0 || threads < 1 || layoutEvery < 0) {
            throw new IllegalArgumentException("UMAP needs at least 2 neighbours, 0 <= minDist <= spread, "
                    + "non-negative epochs and sample rate, and a thread; got " + neighbours + ", " + minDist + ", "
                    + spread + ", " + epochs + ", " + negativeSampleRate + ", " + threads);
        }
    }

    /** umap-learn's defaults, seed 42, all cores, a layout every 5 epochs. */
    public static UmapOptions defaults() {
        return new UmapOptions(15, 0.1, 1.0, 0, 42, 5, Runtime.getRuntime().availableProcessors(), 5);
    }

    public UmapOptions withSeed(long value) {
        return new UmapOptions(neighbours, minDist, spread, epochs, value, negativeSampleRate, threads, layoutEvery);
    }

    public UmapOptions withThreads(int value) {
        return new UmapOptions(neighbours, minDist, spread, epochs, seed, negativeSampleRate, value, layoutEvery);
    }

    public UmapOptions withEpochs(int value) {
        return new UmapOptions(neighbours, minDist, spread, value, seed, negativeSampleRate, threads, layoutEvery);
    }

    public UmapOptions withNeighbours(int value) {
        return new UmapOptions(value, minDist, spread, epochs, seed, negativeSampleRate, threads, layoutEvery);
    }

    public UmapOptions withMinDist(double value) {
        return new UmapOptions(neighbours, value, spread, epochs, seed, negativeSampleRate, threads, layoutEvery);
    }

    /** The epochs for n points: the set number, or umap-learn's default. */
    public int epochsFor(int n) {
        return epochs > 0 ? epochs : n <= 10_000 ? 500 : 200;
    }
}
