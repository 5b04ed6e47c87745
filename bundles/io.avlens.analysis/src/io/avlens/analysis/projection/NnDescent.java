package io.avlens.analysis.projection;

/**
 * Approximate k-nearest-neighbour graph by NN-descent (Dong, Moses &amp; Li 2011, as pynndescent does it): heaps
 * started from the leaves of random-projection trees, then rounds in which each point's sampled new and old
 * neighbours are compared with one another ("a neighbour of a neighbour is likely a neighbour") until fewer than
 * {@code delta * n * k} heap entries change. Proposals are gathered while the heaps are read-only and applied in a
 * fixed order, so the graph depends on the seed only, not on the thread count.
 */
public final class NnDescent implements KnnGraphBuilder {

    private static final int POINTS_PER_CHUNK = 512;
    private static final int CHUNKS_PER_WAVE = 16;
    private static final String PHASE = "nearest neighbours";

    private final int threads;
    private final long seed;
    private final int trees;
    private final double delta;

    /** On {@code threads} threads with the given seed, 8 trees and delta 0.001. */
    public NnDescent(int threads, long seed) {
        this(threads, seed, 8, 0.001);
    }

    /**
     * @param trees random-projection trees for the start (more: better start, slower)
     * @param delta stop when a round changes fewer than {@code delta * n * k} heap entries
     */
    public NnDescent(int threads, long seed, int trees, double delta) {
        this.threads = Math.max(1, threads);
        this.seed = seed;
        this.trees = Math.max(0, trees);
        this.delta = delta;
    }

    @Override
    public KnnGraph build(Points points, int k, ProjectionMonitor monitor) {
        int n = points.n();
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException(k + " neighbours need more than " + k + " points; got " + n);
        }
        int rounds = Math.max(5, (int) Math.round(Math.log(n) / Math.log(2)));
        long total = rounds + 1L;
        monitor.progress(PHASE, 0, total);
        NeighbourHeaps heaps = new NeighbourHeaps(n, k);
        start(points, heaps, monitor);
        monitor.progress(PHASE, 1, total);
        int m = Math.min(60, Math.max(k, 15));
        for (int round = 0; round < rounds; round++) {
            ParallelChunks.checkCancelled(monitor);
            CandidateHeaps fresh = new CandidateHeaps(n, m);
            CandidateHeaps old = new CandidateHeaps(n, m);
            sample(heaps, fresh, old, round);
            long changed = join(points, heaps, fresh, old, monitor);
            monitor.progress(PHASE, round + 2, total);
            if (changed <= delta * n * k) {
                break;
            }
        }
        monitor.progress(PHASE, total, total);
        return heaps.toGraph();
    }

    /** Fills the heaps from tree leaves (every pair in a leaf), then tops up any heap still short at random. */
    private void start(Points points, NeighbourHeaps heaps, ProjectionMonitor monitor) {
        int n = points.n();
        int k = heaps.k;
        int leafSize = Math.max(30, 2 * k);
        RandomProjectionTree.Leaves[] forest = new RandomProjectionTree.Leaves[trees];
        ParallelChunks.run(threads, trees, 1, (t, from, to) -> forest[t] = RandomProjectionTree.build(points,
                leafSize, CandidateHeaps.priority(seed, -1, t, 0)));
        float[] x = points.values();
        int d = points.d();
        for (RandomProjectionTree.Leaves leaves : forest) {
            ParallelChunks.checkCancelled(monitor);
            int chunk = 64;
            NeighbourUpdates[] buffers = new NeighbourUpdates[ParallelChunks.count(leaves.count(), chunk)];
            ParallelChunks.run(threads, leaves.count(), chunk, (c, from, to) -> {
                NeighbourUpdates u = new NeighbourUpdates();
                for (int l = from; l < to; l++) {
                    for (int a = leaves.starts()[l]; a < leaves.starts()[l + 1]; a++) {
                        int p = leaves.points()[a];
                        for (int b = a + 1; b < leaves.starts()[l + 1]; b++) {
                            int q = leaves.points()[b];
                            propose(u, heaps, p, q, NeighbourHeaps.distance(x, d, p, q));
                        }
                    }
                }
                buffers[c] = u;
            });
            NeighbourUpdates.apply(buffers, heaps, threads);
        }
        for (int i = 0; i < n; i++) {
            int next = (int) Math.floorMod(CandidateHeaps.priority(seed, -2, i, 0), (long) n);
            while (heaps.worst(i) == Float.POSITIVE_INFINITY) {
                heaps.push(i, next, NeighbourHeaps.distance(x, d, i, next), true);
                next = next + 1 == n ? 0 : next + 1;
            }
        }
    }

    /**
     * Samples each point's new and old candidates (its own and reverse neighbours, the reverse ones found through
     * a transposed list so every point fills only its own lists, in parallel); the sampled new turn old.
     */
    private void sample(NeighbourHeaps heaps, CandidateHeaps fresh, CandidateHeaps old, int round) {
        int n = heaps.n;
        int k = heaps.k;
        int[] starts = new int[n + 1];
        for (int e = 0; e < n * k; e++) {
            starts[heaps.ids[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            starts[i + 1] += starts[i];
        }
        int[] reverse = new int[n * k];
        int[] fill = java.util.Arrays.copyOf(starts, n);
        for (int e = 0; e < n * k; e++) {
            reverse[fill[heaps.ids[e]]++] = e;
        }
        ParallelChunks.run(threads, n, POINTS_PER_CHUNK, (c, from, to) -> {
            for (int i = from; i < to; i++) {
                for (int r = 0; r < k; r++) {
                    int j = heaps.ids[i * k + r];
                    (heaps.fresh[i * k + r] ? fresh : old).offer(i, j, CandidateHeaps.priority(seed, round, i, j));
                }
                for (int t = starts[i]; t < starts[i + 1]; t++) {
                    int e = reverse[t];
                    int j = e / k;
                    (heaps.fresh[e] ? fresh : old).offer(i, j, CandidateHeaps.priority(seed, round, i, j));
                }
            }
        });
        ParallelChunks.run(threads, n, POINTS_PER_CHUNK, (c, from, to) -> {
            for (int i = from; i < to; i++) {
                for (int r = 0; r < k; r++) {
                    if (heaps.fresh[i * k + r] && fresh.contains(i, heaps.ids[i * k + r])) {
                        heaps.fresh[i * k + r] = false;
                    }
                }
            }
        });
    }

    /** Compares new candidates with new and old ones, wave by wave; returns the heap entries changed. */
    private long join(Points points, NeighbourHeaps heaps, CandidateHeaps fresh, CandidateHeaps old,
            ProjectionMonitor monitor) {
        float[] x = points.values();
        int d = points.d();
        int n = points.n();
        int m = fresh.m;
        int wave = POINTS_PER_CHUNK * CHUNKS_PER_WAVE;
        long changed = 0;
        for (int start = 0; start < n; start += wave) {
            ParallelChunks.checkCancelled(monitor);
            int base = start;
            int size = Math.min(wave, n - start);
            NeighbourUpdates[] buffers = new NeighbourUpdates[ParallelChunks.count(size, POINTS_PER_CHUNK)];
            ParallelChunks.run(threads, size, POINTS_PER_CHUNK, (c, from, to) -> {
                NeighbourUpdates u = new NeighbourUpdates();
                for (int i = base + from; i < base + to; i++) {
                    int nf = fresh.counts[i];
                    int no = old.counts[i];
                    for (int a = 0; a < nf; a++) {
                        int p = fresh.ids[i * m + a];
                        for (int b = a + 1; b < nf; b++) {
                            int q = fresh.ids[i * m + b];
                            propose(u, heaps, p, q, x, d);
                        }
                        for (int b = 0; b < no; b++) {
                            int q = old.ids[i * m + b];
                            if (q != p) {
                                propose(u, heaps, p, q, x, d);
                            }
                        }
                    }
                }
                buffers[c] = u;
            });
            changed += NeighbourUpdates.apply(buffers, heaps, threads);
        }
        return changed;
    }

    private static void propose(NeighbourUpdates u, NeighbourHeaps heaps, int p, int q, float[] x, int d) {
        float distance = NeighbourHeaps.distanceBelow(x, d, p, q, Math.max(heaps.worst(p), heaps.worst(q)));
        propose(u, heaps, p, q, distance);
    }

    private static void propose(NeighbourUpdates u, NeighbourHeaps heaps, int p, int q, float distance) {
        if (distance < heaps.worst(p)) {
            u.add(p, q, distance);
        }
        if (distance < heaps.worst(q)) {
            u.add(q, p, distance);
        }
    }
}
