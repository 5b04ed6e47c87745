package io.avlens.analysis.projection;

import java.util.Arrays;

/**
 * Proposed neighbours found by one chunk of work ({@code target} gets {@code candidate} at {@code distance}),
 * collected while the heaps are only read and applied afterwards, target by target in a fixed order, so the result
 * does not depend on how threads interleave.
 */
final class NeighbourUpdates {

    int size;
    int[] targets = new int[256];
    int[] candidates = new int[256];
    float[] distances = new float[256];

    void add(int target, int candidate, float distance) {
        if (size == targets.length) {
            int grown = size * 2;
            targets = Arrays.copyOf(targets, grown);
            candidates = Arrays.copyOf(candidates, grown);
            distances = Arrays.copyOf(distances, grown);
        }
        targets[size] = target;
        candidates[size] = candidate;
        distances[size] = distance;
        size++;
    }

    /**
     * Applies the updates of all buffers, in buffer order, to the heaps, the targets split into fixed blocks over
     * the threads; returns how many changed a heap.
     */
    static long apply(NeighbourUpdates[] buffers, NeighbourHeaps heaps, int threads) {
        int blockSize = Math.max(1024, (heaps.n + 15) / 16);
        long[] changed = new long[ParallelChunks.count(heaps.n, blockSize)];
        ParallelChunks.run(threads, heaps.n, blockSize, (block, from, to) -> {
            long c = 0;
            for (NeighbourUpdates u : buffers) {
                if (u == null) {
                    continue;
                }
                for (int e = 0; e < u.size; e++) {
                    int t = u.targets[e];
                    if (t >= from && t < to && heaps.push(t, u.candidates[e], u.distances[e], true)) {
                        c++;
                    }
                }
            }
            changed[block] = c;
        });
        long total = 0;
        for (long c : changed) {
            total += c;
        }
        return total;
    }
}
