package io.avlens.analysis.projection;

/**
 * UMAP's layout optimisation (umap-learn's {@code optimize_layout_euclidean}): each edge is sampled in proportion to
 * its membership, pulling its head towards its tail, and each sample is followed by {@code negativeSampleRate}
 * random points pushing the head away; the learning rate falls linearly to 0 over the epochs.
 * <p>
 * Made parallel and deterministic: in an epoch each point moves only along its own edges (umap-learn also moves
 * the tail, so here the pull counts twice, once for each direction of the undirected edge), reading the other
 * points where they were at the start of the epoch; each point draws its negative samples from its own stream,
 * seeded by the seed, the epoch and the point. The layout therefore depends on the seed, not on the thread count.
 */
final class UmapLayout {

    private static final int POINTS_PER_CHUNK = 2048;

    private final FuzzyGraph graph;
    private final UmapCurve curve;
    private final int negativeRate;
    private final int epochs;
    private final long seed;
    private final int threads;
    private final int[] live;
    private final float[] epochsPerSample;
    private final float[] nextSample;
    private final float[] nextNegative;

    UmapLayout(FuzzyGraph graph, UmapCurve curve, UmapOptions options, int epochs) {
        this.graph = graph;
        this.curve = curve;
        this.negativeRate = options.negativeSampleRate();
        this.epochs = epochs;
        this.seed = options.seed();
        this.threads = options.threads();
        float max = 0;
        for (float w : graph.weights()) {
            max = Math.max(max, w);
        }
        int e = graph.edges();
        live = new int[e];
        epochsPerSample = new float[e];
        nextSample = new float[e];
        nextNegative = new float[e];
        for (int i = 0; i < e; i++) {
            float w = graph.weights()[i];
            // umap-learn drops edges weaker than max / epochs: they would never be sampled
            live[i] = w >= max / epochs && w > 0 ? 1 : 0;
            epochsPerSample[i] = live[i] == 1 ? max / w : Float.POSITIVE_INFINITY;
            nextSample[i] = epochsPerSample[i];
            nextNegative[i] = negativeRate > 0 ? epochsPerSample[i] / negativeRate : Float.POSITIVE_INFINITY;
        }
    }

    /** Runs one epoch (0-based) on the coordinates {@code y} (2 per point), in place. */
    void epoch(float[] y, int epoch) {
        float[] before = y.clone();
        double alpha = 1.0 - epoch / (double) epochs;
        int n = graph.n();
        ParallelChunks.run(threads, n, POINTS_PER_CHUNK, (c, from, to) -> {
            for (int i = from; i < to; i++) {
                move(y, before, i, epoch, alpha);
            }
        });
    }

    private void move(float[] y, float[] before, int i, int epoch, double alpha) {
        double a = curve.a();
        double b = curve.b();
        int n = graph.n();
        double cx = y[2 * i];
        double cy = y[2 * i + 1];
        long state = CandidateHeaps.priority(seed, epoch, i, -1) | 1;
        int[] tails = graph.tails();
        for (int e = graph.rowStarts()[i]; e < graph.rowStarts()[i + 1]; e++) {
            if (live[e] == 0 || nextSample[e] > epoch) {
                continue;
            }
            int j = tails[e];
            double ox = before[2 * j];
            double oy = before[2 * j + 1];
            double ax = cx - ox;
            double ay = cy - oy;
            double ad2 = ax * ax + ay * ay;
            if (ad2 > 0) {
                double pb = UmapMath.pow(ad2, b);
                double g = -2 * a * b * (pb / ad2) / (a * pb + 1);
                // twice: umap-learn also pulls this point when it samples the reverse edge
                cx += 2 * clip(g * ax) * alpha;
                cy += 2 * clip(g * ay) * alpha;
            }
            nextSample[e] += epochsPerSample[e];
            float perNegative = epochsPerSample[e] / negativeRate;
            int negatives = negativeRate == 0 ? 0 : (int) ((epoch - nextNegative[e]) / perNegative);
            // the pushes of one sample are computed from the same position, so they do not wait on one another
            double px = cx;
            double py = cy;
            for (int p = 0; p < negatives; p++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                int k = (int) (((state >>> 32) * n) >>> 32);
                if (k == i) {
                    continue;
                }
                double dx = px - before[2 * k];
                double dy = py - before[2 * k + 1];
                double d2 = dx * dx + dy * dy;
                if (d2 > 0) {
                    double g = 2 * b / ((0.001 + d2) * (a * UmapMath.pow(d2, b) + 1));
                    cx += clip(g * dx) * alpha;
                    cy += clip(g * dy) * alpha;
                } else {
                    cx += 4 * alpha;
                    cy += 4 * alpha;
                }
            }
            if (negatives > 0) {
                nextNegative[e] += negatives * perNegative;
            }
        }
        y[2 * i] = (float) cx;
        y[2 * i + 1] = (float) cy;
    }

    private static double clip(double v) {
        return v > 4 ? 4 : v < -4 ? -4 : v;
    }
}
