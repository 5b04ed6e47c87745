package io.avlens.analysis.projection;

/**
 * NN-descent's per-point candidate lists: at most m candidates each, those of smallest pseudo-random priority kept,
 * so which candidates are sampled depends only on the seed, never on the order they are offered in.
 */
final class CandidateHeaps {

    final int m;
    final int[] ids;
    final int[] counts;
    private final long[] priorities;

    CandidateHeaps(int n, int m) {
        this.m = m;
        ids = new int[n * m];
        counts = new int[n];
        priorities = new long[n * m];
    }

    void offer(int i, int j, long priority) {
        int o = i * m;
        int c = counts[i];
        for (int r = 0; r < c; r++) {
            if (ids[o + r] == j) {
                return;
            }
        }
        if (c < m) {
            int pos = c;
            counts[i] = c + 1;
            while (pos > 0) {
                int parent = (pos - 1) / 2;
                if (priorities[o + parent] >= priority) {
                    break;
                }
                ids[o + pos] = ids[o + parent];
                priorities[o + pos] = priorities[o + parent];
                pos = parent;
            }
            ids[o + pos] = j;
            priorities[o + pos] = priority;
            return;
        }
        if (priority >= priorities[o]) {
            return;
        }
        int pos = 0;
        while (true) {
            int left = 2 * pos + 1;
            if (left >= m) {
                break;
            }
            int right = left + 1;
            int child = right < m && priorities[o + right] > priorities[o + left] ? right : left;
            if (priorities[o + child] <= priority) {
                break;
            }
            ids[o + pos] = ids[o + child];
            priorities[o + pos] = priorities[o + child];
            pos = child;
        }
        ids[o + pos] = j;
        priorities[o + pos] = priority;
    }

    boolean contains(int i, int j) {
        int o = i * m;
        for (int r = 0; r < counts[i]; r++) {
            if (ids[o + r] == j) {
                return true;
            }
        }
        return false;
    }

    /** A well-mixed 64-bit hash (SplitMix64's finaliser) of the seed, the round and the ordered pair. */
    static long priority(long seed, int round, int i, int j) {
        long z = seed + 0x9E3779B97F4A7C15L * (round + 1) + (((long) i << 32) | (j & 0xffffffffL)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
