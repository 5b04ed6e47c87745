package io.avlens.analysis.search;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernel on the JDK Vector API (the widest float species of the CPU: 16 lanes with AVX-512). A single query
 * streams the table once, four rows at a time with one accumulator each (memory bandwidth is the limit). A batch is
 * a small matrix product: a block of {@code 4 * lanes} rows is transposed to {@code [dim, rows]} (it fits the L1
 * cache), then each group of four queries is multiplied against it with 16 register accumulators (four queries ×
 * four vectors of rows), so every loaded row vector serves four queries; the 4 × rows score tile is then compared with
 * each query's top-k threshold. Loaded only when {@code jdk.incubator.vector} is present.
 */
final class VectorScanKernel implements ScanKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** The lanes of the vectors this kernel uses (for reports). */
    static int lanes() {
        return L;
    }

    @Override
    public void scan(float[] table, int dim, int from, int to, float[] query, TopK heap) {
        int bound = S.loopBound(dim);
        int r = from;
        for (; r + 4 <= to; r += 4) {
            int o0 = r * dim;
            int o1 = o0 + dim;
            int o2 = o1 + dim;
            int o3 = o2 + dim;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S);
            FloatVector a3 = FloatVector.zero(S);
            for (int j = 0; j < bound; j += L) {
                FloatVector qv = FloatVector.fromArray(S, query, j);
                a0 = FloatVector.fromArray(S, table, o0 + j).fma(qv, a0);
                a1 = FloatVector.fromArray(S, table, o1 + j).fma(qv, a1);
                a2 = FloatVector.fromArray(S, table, o2 + j).fma(qv, a2);
                a3 = FloatVector.fromArray(S, table, o3 + j).fma(qv, a3);
            }
            float s0 = a0.reduceLanes(VectorOperators.ADD) + tail(table, o0, query, bound, dim);
            float s1 = a1.reduceLanes(VectorOperators.ADD) + tail(table, o1, query, bound, dim);
            float s2 = a2.reduceLanes(VectorOperators.ADD) + tail(table, o2, query, bound, dim);
            float s3 = a3.reduceLanes(VectorOperators.ADD) + tail(table, o3, query, bound, dim);
            offer(heap, s0, r);
            offer(heap, s1, r + 1);
            offer(heap, s2, r + 2);
            offer(heap, s3, r + 3);
        }
        for (; r < to; r++) {
            int o = r * dim;
            FloatVector a = FloatVector.zero(S);
            for (int j = 0; j < bound; j += L) {
                a = FloatVector.fromArray(S, table, o + j).fma(FloatVector.fromArray(S, query, j), a);
            }
            offer(heap, a.reduceLanes(VectorOperators.ADD) + tail(table, o, query, bound, dim), r);
        }
    }

    @Override
    public void scanBatch(float[] table, int dim, int from, int to, float[] queries, int count, TopK[] heaps) {
        int rb = 4 * L;
        float[] tt = new float[dim * rb];
        float[] tile = new float[4 * rb];
        int base = from;
        for (; base + rb <= to; base += rb) {
            for (int r = 0; r < rb; r++) {
                int o = (base + r) * dim;
                for (int d = 0; d < dim; d++) {
                    tt[d * rb + r] = table[o + d];
                }
            }
            for (int q = 0; q < count; q += 4) {
                block(tt, rb, dim, queries, q, count, heaps, base, tile);
            }
        }
        for (int q = 0; q < count; q++) {
            scan(table, dim, base, to, java.util.Arrays.copyOfRange(queries, q * dim, (q + 1) * dim), heaps[q]);
        }
    }

    /** Queries q..q+3 (the array is padded to a multiple of four) against the transposed block. */
    private static void block(float[] tt, int rb, int dim, float[] queries, int q, int count, TopK[] heaps, int base,
            float[] tile) {
        int qo = q * dim;
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c02 = FloatVector.zero(S);
        FloatVector c03 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c12 = FloatVector.zero(S);
        FloatVector c13 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c22 = FloatVector.zero(S);
        FloatVector c23 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c32 = FloatVector.zero(S);
        FloatVector c33 = FloatVector.zero(S);
        for (int d = 0; d < dim; d++) {
            FloatVector b0 = FloatVector.fromArray(S, tt, d * rb);
            FloatVector b1 = FloatVector.fromArray(S, tt, d * rb + L);
            FloatVector b2 = FloatVector.fromArray(S, tt, d * rb + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, tt, d * rb + 3 * L);
            FloatVector q0 = FloatVector.broadcast(S, queries[qo + d]);
            FloatVector q1 = FloatVector.broadcast(S, queries[qo + dim + d]);
            FloatVector q2 = FloatVector.broadcast(S, queries[qo + 2 * dim + d]);
            FloatVector q3 = FloatVector.broadcast(S, queries[qo + 3 * dim + d]);
            c00 = b0.fma(q0, c00);
            c01 = b1.fma(q0, c01);
            c02 = b2.fma(q0, c02);
            c03 = b3.fma(q0, c03);
            c10 = b0.fma(q1, c10);
            c11 = b1.fma(q1, c11);
            c12 = b2.fma(q1, c12);
            c13 = b3.fma(q1, c13);
            c20 = b0.fma(q2, c20);
            c21 = b1.fma(q2, c21);
            c22 = b2.fma(q2, c22);
            c23 = b3.fma(q2, c23);
            c30 = b0.fma(q3, c30);
            c31 = b1.fma(q3, c31);
            c32 = b2.fma(q3, c32);
            c33 = b3.fma(q3, c33);
        }
        // the tile is stored, not handed to a method: vectors passed to a call that is not inlined get boxed
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c02.intoArray(tile, 2 * L);
        c03.intoArray(tile, 3 * L);
        c10.intoArray(tile, rb);
        c11.intoArray(tile, rb + L);
        c12.intoArray(tile, rb + 2 * L);
        c13.intoArray(tile, rb + 3 * L);
        c20.intoArray(tile, 2 * rb);
        c21.intoArray(tile, 2 * rb + L);
        c22.intoArray(tile, 2 * rb + 2 * L);
        c23.intoArray(tile, 2 * rb + 3 * L);
        c30.intoArray(tile, 3 * rb);
        c31.intoArray(tile, 3 * rb + L);
        c32.intoArray(tile, 3 * rb + 2 * L);
        c33.intoArray(tile, 3 * rb + 3 * L);
        for (int i = 0; i < 4 && q + i < count; i++) {
            TopK heap = heaps[q + i];
            float threshold = heap.threshold();
            int o = i * rb;
            for (int r = 0; r < rb; r++) {
                if (tile[o + r] >= threshold) {
                    heap.offer(tile[o + r], base + r);
                    threshold = heap.threshold();
                }
            }
        }
    }

    private static void offer(TopK heap, float score, int row) {
        if (score >= heap.threshold()) {
            heap.offer(score, row);
        }
    }

    private static float tail(float[] table, int o, float[] query, int from, int dim) {
        float s = 0;
        for (int j = from; j < dim; j++) {
            s += table[o + j] * query[j];
        }
        return s;
    }
}
