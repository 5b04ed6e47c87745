package io.avlens.analysis.projection;

import java.util.SplittableRandom;

/**
 * UMAP (McInnes, Healy &amp; Melville 2018) to 2-D, name {@code umap}, following umap-learn 0.5: the kNN graph
 * ({@code neighbours - 1} others per point, by the given builder), its fuzzy simplicial set ({@link FuzzyGraph}),
 * and the layout optimised by sampled attraction and negative-sampled repulsion ({@link UmapLayout}).
 * <p>
 * Initialisation is PCA, not umap-learn's spectral embedding: spectral needs the graph Laplacian's smallest
 * eigenvectors (a sparse eigen-solver we would have to write, and umap-learn's slowest start on large graphs),
 * while PCA is exact, takes a tenth of a second, preserves the global arrangement, and is what Kobak &amp;
 * Linderman (2021) found as good as spectral for UMAP's global structure. Like umap-learn's {@code init="pca"}, it
 * is scaled to at most 10, given noise of 1e-4 and then mapped to [0, 10] per axis.
 * <p>
 * Progress: 100 units for the neighbour search, 10 for the fuzzy set and the start, then one per epoch; an
 * intermediate layout every {@code layoutEvery} epochs.
 */
public final class Umap implements Projection {

    private static final int KNN_UNITS = 100;
    private static final int SETUP_UNITS = 10;

    private final UmapOptions options;
    private final KnnGraphBuilder builder;

    /** UMAP with NN-descent as neighbour search, on the options' threads and seed. */
    public Umap(UmapOptions options) {
        this(options, new NnDescent(options.threads(), options.seed()));
    }

    /** UMAP with the given neighbour search. */
    public Umap(UmapOptions options, KnnGraphBuilder builder) {
        this.options = options;
        this.builder = builder;
    }

    @Override
    public String name() {
        return "umap";
    }

    @Override
    public float[] project(Points points, ProjectionMonitor monitor) {
        int n = points.n();
        int k = Math.min(options.neighbours() - 1, n - 1);
        int epochs = options.epochsFor(n);
        long total = KNN_UNITS + SETUP_UNITS + epochs;
        if (n < 3) {
            throw new IllegalArgumentException("UMAP needs at least 3 points; got " + n);
        }
        KnnGraph knn = builder.build(points, k, new ProjectionMonitor() {
            @Override
            public void progress(String phase, long done, long of) {
                monitor.progress(phase, of == 0 ? 0 : done * KNN_UNITS / of, total);
            }

            @Override
            public boolean cancelled() {
                return monitor.cancelled();
            }
        });
        ParallelChunks.checkCancelled(monitor);
        monitor.progress("fuzzy neighbourhood graph", KNN_UNITS, total);
        return optimise(points, FuzzyGraph.of(knn, k + 1), monitor, epochs, total);
    }

    /** The layout of a fuzzy graph already built (for callers that reuse one). */
    float[] optimise(Points points, FuzzyGraph graph, ProjectionMonitor monitor, int epochs, long total) {
        float[] y = start(points, monitor);
        ParallelChunks.checkCancelled(monitor);
        UmapLayout layout = new UmapLayout(graph, UmapCurve.fit(options.minDist(), options.spread()), options,
                epochs);
        long done = total - epochs;
        monitor.progress("optimising layout", done, total);
        for (int epoch = 0; epoch < epochs; epoch++) {
            ParallelChunks.checkCancelled(monitor);
            layout.epoch(y, epoch);
            monitor.progress("optimising layout", done + epoch + 1, total);
            if (options.layoutEvery() > 0 && (epoch + 1) % options.layoutEvery() == 0 && epoch + 1 < epochs) {
                monitor.layout(y.clone(), epoch + 1);
            }
        }
        return y;
    }

    private float[] start(Points points, ProjectionMonitor monitor) {
        float[] y = new Pca(options.threads()).project(points, ProjectionMonitor.NONE);
        float max = 0;
        for (float v : y) {
            max = Math.max(max, Math.abs(v));
        }
        SplittableRandom random = new SplittableRandom(options.seed());
        double scale = max > 0 ? 10 / max : 1;
        float[] lo = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY};
        float[] hi = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int i = 0; i < y.length; i++) {
            double u = 1 - random.nextDouble();
            double noise = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
            y[i] = (float) (y[i] * scale + 1e-4 * noise);
            lo[i & 1] = Math.min(lo[i & 1], y[i]);
            hi[i & 1] = Math.max(hi[i & 1], y[i]);
        }
        for (int i = 0; i < y.length; i++) {
            float range = hi[i & 1] - lo[i & 1];
            y[i] = range > 0 ? 10 * (y[i] - lo[i & 1]) / range : 0;
        }
        return y;
    }
}
