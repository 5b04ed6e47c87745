package io.avlens.analysis.projection;

import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * One random-projection tree: the points are split recursively by the hyperplane halfway between two random points
 * of the node until at most {@code leafSize} remain; points sharing a leaf are likely neighbours, which gives
 * NN-descent a good start (as pynndescent does).
 */
final class RandomProjectionTree {

    /** The points grouped by leaf: leaf l holds {@code points[starts[l] .. starts[l + 1])}. */
    record Leaves(int[] points, int[] starts) {

        int count() {
            return starts.length - 1;
        }
    }

    private RandomProjectionTree() {
    }

    static Leaves build(Points points, int leafSize, long seed) {
        int n = points.n();
        int d = points.d();
        float[] x = points.values();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] isLeafStart = new boolean[n + 1];
        float[] normal = new float[d];
        ArrayDeque<int[]> stack = new ArrayDeque<>();
        stack.push(new int[] {0, n});
        while (!stack.isEmpty()) {
            int[] range = stack.pop();
            int lo = range[0];
            int hi = range[1];
            isLeafStart[lo] = true;
            if (hi - lo <= leafSize) {
                continue;
            }
            int a = perm[lo + random.nextInt(hi - lo)];
            int b = perm[lo + random.nextInt(hi - lo)];
            double offset = 0;
            for (int j = 0; j < d; j++) {
                normal[j] = x[a * d + j] - x[b * d + j];
                offset += normal[j] * (x[a * d + j] + x[b * d + j]) * 0.5;
            }
            int i = lo;
            int e = hi;
            while (i < e) {
                int p = perm[i];
                double s = -offset;
                for (int j = 0; j < d; j++) {
                    s += normal[j] * x[p * d + j];
                }
                if (s > 0 || (s == 0 && random.nextBoolean())) {
                    i++;
                } else {
                    e--;
                    perm[i] = perm[e];
                    perm[e] = p;
                }
            }
            int mid = i;
            if (mid == lo || mid == hi) {
                mid = (lo + hi) >>> 1; // a degenerate split (duplicates): halve arbitrarily
            }
            stack.push(new int[] {mid, hi});
            stack.push(new int[] {lo, mid});
        }
        isLeafStart[n] = true;
        int leaves = 0;
        for (boolean s : isLeafStart) {
            leaves += s ? 1 : 0;
        }
        int[] starts = new int[leaves];
        for (int i = 0, l = 0; i <= n; i++) {
            if (isLeafStart[i]) {
                starts[l++] = i;
            }
        }
        return new Leaves(perm, starts);
    }
}
