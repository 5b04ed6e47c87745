package io.avlens.analysis.projection;

import java.util.Arrays;

/**
 * t-SNE's repulsive forces in 2-D by FFT-accelerated interpolation (Linderman et al. 2019, FIt-SNE): the square
 * holding the points is cut into boxes, each with 3 × 3 equispaced interpolation nodes (so the nodes form one
 * equispaced grid); each point spreads its charges onto the 9 nodes of its box with Lagrange weights, the grid is
 * convolved with the kernel K(d) = 1/(1+d²)² by FFT, and each point reads its potentials back with the same
 * weights. As FIt-SNE's 2-D code does, four charges (1, x, y, x²+y²) under the one squared kernel give both the
 * forces, {@code Σ_j K(y_i−y_j)(y_i−y_j) = y_i φ_1 − (φ_x, φ_y)}, and the normalisation
 * {@code Z = Σ_{i≠j} 1/(1+d²) = Σ_i [(1+|y_i|²) φ_1 − 2 y_i·(φ_x, φ_y) + φ_4] − n}, since
 * {@code 1/(1+d²) = (1+d²)·K(d)}.
 * <p>
 * The grid has at least {@code minBoxes} boxes per side and at least one per unit of the layout's extent, then as
 * many more as the power-of-two FFT size allows at no extra cost (see {@link #build}). Cost per call: O(n) for spreading and reading back, O(L² log L)
 * for the FFTs, L the padded grid side. Not thread-safe; parallel through the given {@link ForkedRanges},
 * deterministic for its thread count.
 */
final class InterpolatedRepulsion {

    static final int NODES = 3;
    private static final double[] NODE = {1.0 / 6, 0.5, 5.0 / 6};
    private static final double[] DENOMINATOR = {2.0 / 9, -1.0 / 9, 2.0 / 9};

    private final ForkedRanges ranges;
    private final int minBoxes;
    private GridConvolution convolution;
    private int boxes;
    private double box;
    private double builtFor;
    private int[] nodeX = new int[0];
    private int[] nodeY = new int[0];
    private double[] weightX = new double[0];
    private double[] weightY = new double[0];
    private double[][] grids = new double[0][];

    /** @param minBoxes boxes per side at least (FIt-SNE: 50) */
    InterpolatedRepulsion(ForkedRanges ranges, int minBoxes) {
        this.ranges = ranges;
        this.minBoxes = Math.max(1, minBoxes);
    }

    /**
     * Computes, for n points {@code y[2i], y[2i+1]}, the unnormalised repulsion {@code force[2i..2i+1] =
     * Σ_j (y_i−y_j)/(1+|y_i−y_j|²)²} and returns {@code Z = Σ_{i≠j} 1/(1+|y_i−y_j|²)}.
     */
    double compute(double[] y, int n, double[] force) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 2 * n; i++) {
            min = Math.min(min, y[i]);
            max = Math.max(max, y[i]);
        }
        double extent = Math.max(max - min, 1e-9);
        if (convolution == null || extent > boxes * box || extent < 0.4 * builtFor) {
            build(extent);
        }
        int m = boxes * NODES;
        double center = 0.5 * (min + max);
        prepare(y, n, center - 0.5 * boxes * box, box, boxes);
        spread(y, n, m, center);
        double[] sum = grids[0];
        for (int t = 1; t < grids.length; t++) {
            double[] g = grids[t];
            for (int i = 0; i < sum.length; i++) {
                sum[i] += g[i];
            }
        }
        int mm = m * m;
        double[] a = Arrays.copyOfRange(sum, 0, mm);
        double[] b = Arrays.copyOfRange(sum, mm, 2 * mm);
        double[] c = Arrays.copyOfRange(sum, 2 * mm, 3 * mm);
        double[] d = Arrays.copyOfRange(sum, 3 * mm, 4 * mm);
        convolution.convolve(a, b);
        convolution.convolve(c, d);
        return gather(y, n, m, center, new double[][] {a, b, c, d}, force);
    }

    /**
     * Lays out a grid for a layout of this extent: it covers 1.2 times the extent (room to grow) with boxes of at
     * most one unit, at least {@code minBoxes}, then as many boxes as the power-of-two FFT size holds at no extra
     * cost (narrower boxes, more accurate). The kernel's transform depends only on the box width and count, so it is
     * kept until the layout outgrows the grid or shrinks to under 40% of it (some 70 rebuilds in a whole run); the
     * grid follows the layout's centre at no cost.
     */
    private void build(double extent) {
        double cover = 1.2 * extent;
        int needed = Math.max(minBoxes, (int) Math.ceil(cover));
        boxes = GridConvolution.paddedSide(needed * NODES) / 2 / NODES;
        box = cover / boxes;
        builtFor = cover;
        int m = boxes * NODES;
        if (convolution == null || convolution.side() != m) {
            convolution = new GridConvolution(m, ranges);
            grids = new double[ranges.threads()][4 * m * m];
        }
        convolution.setKernel(r2 -> {
            double q = 1 / (1 + r2);
            return q * q;
        }, box / NODES);
    }

    private void prepare(double[] y, int n, double min, double box, int boxes) {
        if (nodeX.length != n) {
            nodeX = new int[n];
            nodeY = new int[n];
            weightX = new double[NODES * n];
            weightY = new double[NODES * n];
        }
        ranges.forEachChunk(n, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                nodeX[i] = weights(y[2 * i], min, box, boxes, weightX, NODES * i);
                nodeY[i] = weights(y[2 * i + 1], min, box, boxes, weightY, NODES * i);
            }
        });
    }

    /** The first grid node of the coordinate's box, and its Lagrange weights into {@code w[at..at+3)}. */
    private static int weights(double v, double min, double box, int boxes, double[] w, int at) {
        double position = (v - min) / box;
        int b = Math.min(boxes - 1, Math.max(0, (int) position));
        double u = position - b;
        for (int j = 0; j < NODES; j++) {
            double p = 1;
            for (int k = 0; k < NODES; k++) {
                if (k != j) {
                    p *= u - NODE[k];
                }
            }
            w[at + j] = p / DENOMINATOR[j];
        }
        return b * NODES;
    }

    private void spread(double[] y, int n, int m, double center) {
        int mm = m * m;
        ranges.forEachChunk(n, (chunk, from, to) -> {
            double[] g = grids[chunk];
            Arrays.fill(g, 0);
            for (int i = from; i < to; i++) {
                double x = y[2 * i] - center;
                double z = y[2 * i + 1] - center;
                double r2 = x * x + z * z;
                for (int a = 0; a < NODES; a++) {
                    double wy = weightY[NODES * i + a];
                    int row = (nodeY[i] + a) * m + nodeX[i];
                    for (int b = 0; b < NODES; b++) {
                        double w = wy * weightX[NODES * i + b];
                        int at = row + b;
                        g[at] += w;
                        g[mm + at] += w * x;
                        g[2 * mm + at] += w * z;
                        g[3 * mm + at] += w * r2;
                    }
                }
            }
        });
    }

    private double gather(double[] y, int n, int m, double center, double[][] phi, double[] force) {
        double[] partial = new double[ranges.threads()];
        ranges.forEachChunk(n, (chunk, from, to) -> {
            double z = 0;
            for (int i = from; i < to; i++) {
                double p1 = 0;
                double px = 0;
                double py = 0;
                double p4 = 0;
                for (int a = 0; a < NODES; a++) {
                    double wy = weightY[NODES * i + a];
                    int row = (nodeY[i] + a) * m + nodeX[i];
                    for (int b = 0; b < NODES; b++) {
                        double w = wy * weightX[NODES * i + b];
                        int at = row + b;
                        p1 += w * phi[0][at];
                        px += w * phi[1][at];
                        py += w * phi[2][at];
                        p4 += w * phi[3][at];
                    }
                }
                double x = y[2 * i] - center;
                double v = y[2 * i + 1] - center;
                force[2 * i] = x * p1 - px;
                force[2 * i + 1] = v * p1 - py;
                z += (1 + x * x + v * v) * p1 - 2 * (x * px + v * py) + p4;
            }
            partial[chunk] = z;
        });
        double z = -n;
        for (double p : partial) {
            z += p;
        }
        return z;
    }
}
