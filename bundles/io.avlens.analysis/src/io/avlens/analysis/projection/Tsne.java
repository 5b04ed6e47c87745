package io.avlens.analysis.projection;

import java.util.Arrays;
import java.util.concurrent.CancellationException;

/**
 * t-SNE (van der Maaten and Hinton 2008) with FFT-accelerated interpolation for the repulsive forces (Linderman et
 * al. 2019, FIt-SNE; see {@link InterpolatedRepulsion}): input affinities over a kNN graph of 3 × perplexity
 * neighbours from the given {@link KnnGraphBuilder}, perplexity-calibrated and symmetrised ({@link TsneAffinities}),
 * attractive forces over those sparse affinities, gradient descent with momentum and gains (Jacobs 1988) as
 * scikit-learn and openTSNE run it: early exaggeration, then the plain objective; as in openTSNE a point's step is
 * clipped to length 5 and the layout is re-centred each iteration. Cost per iteration O(n·k + L² log L), L the interpolation grid's side.
 * <p>
 * Progress: the kNN search takes the first {@code iterations} units, the affinities and the start {@code
 * iterations / 10}, then one unit per iteration; cancel is checked every iteration (and inside the earlier phases);
 * every {@code layoutEvery} iterations the monitor gets the layout. Deterministic for a seed and a thread count
 * (if the builder is). Each {@link #project} call has its own state, so one instance may serve several threads.
 */
public final class Tsne implements Projection {

    private static final double FINAL_MOMENTUM = 0.8;
    private static final double EARLY_MOMENTUM = 0.5;
    private static final double MIN_GAIN = 0.01;
    /** openTSNE's max_step_norm: a point's step is clipped to this length, so no point shoots off and blows up the grid. */
    private static final double MAX_STEP = 5;

    private final TsneOptions options;
    private final KnnGraphBuilder neighbours;

    /**
     * With the {@linkplain KnnGraphs#automatic automatic} neighbour search: exact (the vectorised scan) up to about
     * 400,000 points at t-SNE's k = 90, NN-descent beyond.
     */
    public Tsne(TsneOptions options) {
        this(options, KnnGraphs.automatic(options.threads(), options.seed()));
    }

    /**
     * @param options    the method's settings
     * @param neighbours finds each point's 3 × perplexity nearest neighbours
     */
    public Tsne(TsneOptions options, KnnGraphBuilder neighbours) {
        this.options = options;
        this.neighbours = neighbours;
    }

    @Override
    public String name() {
        return "tsne";
    }

    /** The settings this instance runs with. */
    public TsneOptions options() {
        return options;
    }

    @Override
    public float[] project(Points points, ProjectionMonitor monitor) {
        int n = points.n();
        if (n < 3) {
            return new float[2 * n];
        }
        int iterations = options.iterations();
        long prepare = Math.max(1, iterations / 10);
        long total = iterations + prepare + iterations;
        int k = Math.min(n - 1, (int) Math.round(3 * options.perplexity()));
        KnnGraph graph = neighbours.build(points, k, new ProjectionMonitor() {
            @Override
            public void progress(String phase, long done, long of) {
                monitor.progress(phase, of <= 0 ? 0 : Math.min(iterations, done * iterations / of), total);
            }

            @Override
            public boolean cancelled() {
                return monitor.cancelled();
            }
        });
        checkCancelled(monitor);
        monitor.progress("input affinities", iterations, total);
        try (ForkedRanges ranges = new ForkedRanges(options.threads())) {
            TsneAffinities affinities = TsneAffinities.of(graph, options.perplexity(), ranges, monitor);
            checkCancelled(monitor);
            double[] y = options.initialisation() == TsneOptions.Initialisation.PCA
                    ? TsneStart.pca(points, options.seed(), ranges)
                    : TsneStart.random(n, options.seed());
            monitor.progress("optimising layout", iterations + prepare, total);
            optimise(y, affinities, ranges, monitor, iterations + prepare, total);
            float[] xy = new float[2 * n];
            for (int i = 0; i < xy.length; i++) {
                xy[i] = (float) y[i];
            }
            return xy;
        }
    }

    private void optimise(double[] y, TsneAffinities p, ForkedRanges ranges, ProjectionMonitor monitor, long before,
            long total) {
        int n = p.n();
        double rate = options.learningRateFor(n);
        InterpolatedRepulsion repulsion = new InterpolatedRepulsion(ranges, options.minBoxes());
        double[] repulsive = new double[2 * n];
        double[] attractive = new double[2 * n];
        double[] update = new double[2 * n];
        double[] gains = new double[2 * n];
        Arrays.fill(gains, 1);
        for (int it = 0; it < options.iterations(); it++) {
            checkCancelled(monitor);
            boolean early = it < options.exaggerationIterations();
            if (it == options.exaggerationIterations()) {
                Arrays.fill(update, 0);
                Arrays.fill(gains, 1);
            }
            double exaggeration = early ? options.exaggeration() : 1;
            double momentum = early ? EARLY_MOMENTUM : FINAL_MOMENTUM;
            double z = repulsion.compute(y, n, repulsive);
            p.attraction(y, attractive, ranges);
            double inverseZ = 1 / Math.max(z, Double.MIN_NORMAL);
            ranges.forEachChunk(n, (chunk, from, to) -> {
                for (int i = from; i < to; i++) {
                    for (int c = 2 * i; c < 2 * i + 2; c++) {
                        double gradient = exaggeration * attractive[c] - repulsive[c] * inverseZ;
                        gains[c] = update[c] * gradient < 0 ? gains[c] + 0.2 : Math.max(MIN_GAIN, gains[c] * 0.8);
                        update[c] = momentum * update[c] - rate * gains[c] * gradient;
                    }
                    double step = Math.hypot(update[2 * i], update[2 * i + 1]);
                    if (step > MAX_STEP) {
                        update[2 * i] *= MAX_STEP / step;
                        update[2 * i + 1] *= MAX_STEP / step;
                    }
                    y[2 * i] += update[2 * i];
                    y[2 * i + 1] += update[2 * i + 1];
                }
            });
            recentre(y, n);
            monitor.progress("optimising layout", before + it + 1, total);
            if (options.layoutEvery() > 0 && (it + 1) % options.layoutEvery() == 0) {
                float[] xy = new float[2 * n];
                for (int i = 0; i < xy.length; i++) {
                    xy[i] = (float) y[i];
                }
                monitor.layout(xy, it + 1);
            }
        }
    }

    private static void recentre(double[] y, int n) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += y[2 * i];
            my += y[2 * i + 1];
        }
        mx /= n;
        my /= n;
        for (int i = 0; i < n; i++) {
            y[2 * i] -= mx;
            y[2 * i + 1] -= my;
        }
    }

    private static void checkCancelled(ProjectionMonitor monitor) {
        if (monitor.cancelled()) {
            throw new CancellationException("t-SNE cancelled");
        }
    }
}
