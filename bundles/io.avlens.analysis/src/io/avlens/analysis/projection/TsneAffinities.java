package io.avlens.analysis.projection;

import java.util.Arrays;
import java.util.concurrent.CancellationException;

/**
 * t-SNE's input affinities P over a kNN graph, as a sparse symmetric matrix in compressed rows: each point's
 * conditional distribution {@code p_j|i ∝ exp(−β_i d_ij²)} over its k neighbours, β_i found by binary search so that
 * its perplexity {@code 2^H} equals the target, then {@code p_ij = (p_j|i + p_i|j) / 2n} (so P sums to 1). Also
 * computes the attractive forces over P. Immutable once built.
 */
final class TsneAffinities {

    private static final double ENTROPY_TOLERANCE = 1e-5;
    private static final int MAX_STEPS = 200;

    private final int n;
    private final int[] rowStart;
    private final int[] columns;
    private final float[] values;

    private TsneAffinities(int n, int[] rowStart, int[] columns, float[] values) {
        this.n = n;
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
    }

    /** Calibrates, symmetrises and normalises the affinities of the graph's points. */
    static TsneAffinities of(KnnGraph graph, double perplexity, ForkedRanges ranges, ProjectionMonitor monitor) {
        int n = graph.n();
        int k = graph.k();
        float[] conditional = new float[n * k];
        ranges.forEachChunk(n, (chunk, from, to) -> {
            double[] row = new double[k];
            for (int i = from; i < to; i++) {
                if ((i - from) % 1024 == 0 && ranges.stopRequested(chunk, monitor)) {
                    return;
                }
                conditional(graph.distances(), i * k, k, perplexity, row);
                for (int r = 0; r < k; r++) {
                    conditional[i * k + r] = (float) row[r];
                }
            }
        });
        if (ranges.stopRequested(ranges.threads() - 1, monitor)) {
            throw new CancellationException("t-SNE cancelled");
        }
        return symmetrise(graph, conditional);
    }

    /**
     * One point's conditional distribution over its k neighbours at distances {@code distances[offset..offset+k)},
     * calibrated to the perplexity, into {@code p[0..k)}.
     *
     * @return β, the precision of the Gaussian found
     */
    static double conditional(float[] distances, int offset, int k, double perplexity, double[] p) {
        double target = Math.log(perplexity);
        double nearest = (double) distances[offset] * distances[offset];
        double beta = 1;
        double low = 0;
        double high = Double.POSITIVE_INFINITY;
        for (int step = 0; step < MAX_STEPS; step++) {
            double sum = 0;
            double weighted = 0;
            for (int r = 0; r < k; r++) {
                double d = (double) distances[offset + r] * distances[offset + r] - nearest;
                p[r] = Math.exp(-beta * d);
                sum += p[r];
                weighted += p[r] * d;
            }
            double entropy = Math.log(sum) + beta * weighted / sum;
            for (int r = 0; r < k; r++) {
                p[r] /= sum;
            }
            double error = entropy - target;
            if (Math.abs(error) < ENTROPY_TOLERANCE) {
                break;
            }
            if (error > 0) {
                low = beta;
                beta = high == Double.POSITIVE_INFINITY ? beta * 2 : 0.5 * (beta + high);
            } else {
                high = beta;
                beta = 0.5 * (beta + low);
            }
        }
        return beta;
    }

    private static TsneAffinities symmetrise(KnnGraph graph, float[] conditional) {
        int n = graph.n();
        int k = graph.k();
        int[] neighbours = graph.neighbours();
        int[] count = new int[n + 1];
        for (int i = 0; i < n; i++) {
            count[i] += k;
            for (int r = 0; r < k; r++) {
                count[neighbours[i * k + r]]++;
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + count[i];
        }
        long[] entries = new long[start[n]];
        int[] fill = Arrays.copyOf(start, n);
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                int j = neighbours[i * k + r];
                int bits = Float.floatToRawIntBits(conditional[i * k + r]);
                entries[fill[i]++] = (long) j << 32 | (bits & 0xffffffffL);
                entries[fill[j]++] = (long) i << 32 | (bits & 0xffffffffL);
            }
        }
        int[] rowStart = new int[n + 1];
        int[] columns = new int[entries.length];
        float[] values = new float[entries.length];
        int at = 0;
        double scale = 1.0 / (2.0 * n);
        for (int i = 0; i < n; i++) {
            Arrays.sort(entries, start[i], start[i + 1]);
            rowStart[i] = at;
            for (int e = start[i]; e < start[i + 1]; e++) {
                int column = (int) (entries[e] >>> 32);
                double v = Float.intBitsToFloat((int) entries[e]);
                if (at > rowStart[i] && columns[at - 1] == column) {
                    values[at - 1] += (float) (v * scale);
                } else {
                    columns[at] = column;
                    values[at++] = (float) (v * scale);
                }
            }
        }
        rowStart[n] = at;
        return new TsneAffinities(n, rowStart, Arrays.copyOf(columns, at), Arrays.copyOf(values, at));
    }

    /** Points. */
    int n() {
        return n;
    }

    /** Non-zero affinities (both triangles). */
    int nonZeros() {
        return rowStart[n];
    }

    /** p_ij, 0 where not stored. */
    double value(int i, int j) {
        for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
            if (columns[e] == j) {
                return values[e];
            }
        }
        return 0;
    }

    /** {@code force[2i..2i+1] = Σ_j p_ij (y_i − y_j) / (1 + |y_i − y_j|²)}, over the stored p_ij. */
    void attraction(double[] y, double[] force, ForkedRanges ranges) {
        ranges.forEachChunk(n, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                double xi = y[2 * i];
                double yi = y[2 * i + 1];
                double fx = 0;
                double fy = 0;
                for (int e = rowStart[i], end = rowStart[i + 1]; e < end; e++) {
                    int j = columns[e];
                    double dx = xi - y[2 * j];
                    double dy = yi - y[2 * j + 1];
                    double pq = values[e] / (1 + dx * dx + dy * dy);
                    fx += pq * dx;
                    fy += pq * dy;
                }
                force[2 * i] = fx;
                force[2 * i + 1] = fy;
            }
        });
    }
}
