package io.avlens.analysis.embedding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Cross-modal retrieval over an {@link EmbeddingTable}: every item's vector of the query modality ranks every
 * item's vector of the gallery modality by cosine similarity; Recall@1/5/10, the median rank of the first relevant
 * item and mAP, under one or more {@link RetrievalRelevance}s. Ties are broken pessimistically (an irrelevant item
 * tied with a relevant one ranks first), as {@link Ranking#averagePrecision} does, so a constant score earns no
 * more than chance.
 * <p>
 * Cost: {@code N² · D} multiply-adds per direction (gallery transposed, so the inner loop is a vectorisable
 * {@code axpy}) and {@code N log R} per query and relevance (R relevant items), no sort of the gallery; queries run
 * in parallel on the common fork-join pool. Stateless; thread-safe.
 */
public final class Retrieval {

    /** Queries scored together in one pass over the gallery. */
    static final int BLOCK = 16;

    private Retrieval() {
    }

    /** Every ordered pair of distinct modalities (A→V, V→A, …), each under every relevance. */
    public static List<RetrievalScores> all(EmbeddingTable table, List<RetrievalRelevance> relevances) {
        List<RetrievalScores> out = new ArrayList<>();
        int m = table.modalities().size();
        for (int q = 0; q < m; q++) {
            for (int g = 0; g < m; g++) {
                if (q != g) {
                    out.addAll(direction(table, q, g, relevances));
                }
            }
        }
        return out;
    }

    /** One direction (query modality → gallery modality), one result per relevance, in their order. */
    public static List<RetrievalScores> direction(EmbeddingTable table, int queryModality, int galleryModality,
            List<RetrievalRelevance> relevances) {
        int n = table.size();
        int d = table.dimension();
        float[] queries = normalisedRows(table.modalityVectors(queryModality), n, d);
        float[] galleryT = transpose(normalisedRows(table.modalityVectors(galleryModality), n, d), n, d);
        int r = relevances.size();
        int[][] groups = new int[r][];
        int[][][] members = new int[r][][];
        for (int k = 0; k < r; k++) {
            groups[k] = relevances.get(k).groups(table);
            members[k] = members(groups[k]);
        }
        double[][] firstRank = new double[r][n];
        double[][] ap = new double[r][n];
        int blocks = (n + BLOCK - 1) / BLOCK;
        ThreadLocal<float[]> scratch = ThreadLocal.withInitial(() -> new float[BLOCK * n]);
        IntStream.range(0, blocks).parallel().forEach(b -> {
            float[] s = scratch.get();
            int first = b * BLOCK;
            int count = Math.min(BLOCK, n - first);
            scores(queries, first, count, d, galleryT, n, s);
            for (int q = 0; q < count; q++) {
                int i = first + q;
                for (int k = 0; k < r; k++) {
                    int g = groups[k][i];
                    if (g < 0) {
                        firstRank[k][i] = Double.NaN;
                        ap[k][i] = Double.NaN;
                    } else if (members[k][g].length == 1) {
                        int rank = rankOfOne(s, q * n, n, i);
                        firstRank[k][i] = rank;
                        ap[k][i] = 1.0 / rank;
                    } else {
                        rank(s, q * n, n, groups[k], members[k][g], g, firstRank[k], ap[k], i);
                    }
                }
            }
        });
        List<RetrievalScores> out = new ArrayList<>();
        String q = table.modalities().get(queryModality);
        String gallery = table.modalities().get(galleryModality);
        for (int k = 0; k < r; k++) {
            out.add(summary(q, gallery, relevances.get(k).name(), firstRank[k], ap[k], groups[k], members[k], n));
        }
        return out;
    }

    /**
     * {@code s[q·n + j] = q_{first+q} · g_j} for {@code count ≤ BLOCK} queries and every gallery item j; the
     * queries of a block share each pass over the gallery.
     */
    static void scores(float[] queries, int first, int count, int d, float[] galleryT, int n, float[] s) {
        Arrays.fill(s, 0, count * n, 0f);
        for (int c = 0; c < d; c++) {
            int row = c * n;
            int q = 0;
            for (; q + 4 <= count; q += 4) {
                float a0 = queries[(first + q) * d + c];
                float a1 = queries[(first + q + 1) * d + c];
                float a2 = queries[(first + q + 2) * d + c];
                float a3 = queries[(first + q + 3) * d + c];
                int o0 = q * n;
                int o1 = o0 + n;
                int o2 = o1 + n;
                int o3 = o2 + n;
                for (int j = 0; j < n; j++) {
                    float g = galleryT[row + j];
                    s[o0 + j] += a0 * g;
                    s[o1 + j] += a1 * g;
                    s[o2 + j] += a2 * g;
                    s[o3 + j] += a3 * g;
                }
            }
            for (; q < count; q++) {
                float a = queries[(first + q) * d + c];
                int o = q * n;
                for (int j = 0; j < n; j++) {
                    s[o + j] += a * galleryT[row + j];
                }
            }
        }
    }

    /** The rank of gallery item {@code i} when it alone is relevant: 1 + the others scoring at least as high. */
    private static int rankOfOne(float[] s, int offset, int n, int i) {
        float own = s[offset + i];
        int above = 0;
        for (int j = 0; j < n; j++) {
            above += s[offset + j] >= own ? 1 : 0;
        }
        return above;
    }

    /**
     * The first relevant item's rank and the AP of query {@code i}: with the relevant scores sorted ascending
     * {@code a_0 ≤ … ≤ a_{R−1}}, the one at {@code m} ranks {@code (R − m) + #(irrelevant with score ≥ a_m)}.
     */
    private static void rank(float[] s, int offset, int n, int[] groups, int[] relevant, int group,
            double[] firstRank, double[] ap, int i) {
        int big = relevant.length;
        float[] a = new float[big];
        for (int m = 0; m < big; m++) {
            a[m] = s[offset + relevant[m]];
        }
        Arrays.sort(a);
        int[] atLeast = new int[big + 1];
        for (int j = 0; j < n; j++) {
            if (groups[j] != group) {
                atLeast[upperBound(a, s[offset + j])]++;
            }
        }
        double sum = 0;
        int above = 0;
        for (int m = big - 1; m >= 0; m--) {
            above += atLeast[m + 1];
            int position = (big - m) + above;
            sum += (double) (big - m) / position;
            if (m == big - 1) {
                firstRank[i] = position;
            }
        }
        ap[i] = sum / big;
    }

    /** How many of the sorted {@code a} are ≤ {@code x}. */
    private static int upperBound(float[] a, float x) {
        // branch-free: the search always takes ceil(log2(R + 1)) steps, and the JIT turns the select into a cmov
        int base = 0;
        int len = a.length;
        while (len > 0) {
            int half = len >>> 1;
            boolean right = a[base + half] <= x;
            base = right ? base + half + 1 : base;
            len = right ? len - half - 1 : half;
        }
        return base;
    }

    private static RetrievalScores summary(String query, String gallery, String relevance, double[] firstRank,
            double[] ap, int[] groups, int[][] members, int n) {
        double[] ranks = Arrays.stream(firstRank).filter(Double::isFinite).sorted().toArray();
        int scored = ranks.length;
        double[] recall = new double[3];
        double[] chance = new double[3];
        int[] ks = {1, 5, 10};
        double apSum = 0;
        double share = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(firstRank[i])) {
                continue;
            }
            int big = members[groups[i]].length;
            apSum += ap[i];
            share += (double) big / n;
            for (int k = 0; k < 3; k++) {
                recall[k] += firstRank[i] <= ks[k] ? 1 : 0;
                chance[k] += chanceRecall(n, big, ks[k]);
            }
        }
        double median = scored == 0 ? Double.NaN : scored % 2 == 1 ? ranks[scored / 2]
                : (ranks[scored / 2 - 1] + ranks[scored / 2]) / 2;
        double per = scored == 0 ? Double.NaN : 1.0 / scored;
        return new RetrievalScores(query, gallery, relevance, scored, n, recall[0] * per, recall[1] * per,
                recall[2] * per, median, apSum * per, chance[0] * per, chance[1] * per, chance[2] * per, share * per);
    }

    /** {@code 1 − C(n − r, k) / C(n, k)}: a random ranking puts one of r relevant items among the first k. */
    static double chanceRecall(int n, int r, int k) {
        double none = 1;
        for (int t = 0; t < Math.min(k, n); t++) {
            none *= Math.max(0, n - r - t) / (double) (n - t);
        }
        return 1 - none;
    }

    private static int[][] members(int[] groups) {
        int count = Arrays.stream(groups).max().orElse(-1) + 1;
        int[] sizes = new int[count];
        for (int g : groups) {
            if (g >= 0) {
                sizes[g]++;
            }
        }
        int[][] members = new int[count][];
        for (int g = 0; g < count; g++) {
            members[g] = new int[sizes[g]];
        }
        int[] fill = new int[count];
        for (int i = 0; i < groups.length; i++) {
            if (groups[i] >= 0) {
                members[groups[i]][fill[groups[i]]++] = i;
            }
        }
        return members;
    }

    static float[] normalisedRows(float[] x, int n, int d) {
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int c = 0; c < d; c++) {
                norm += (double) x[i * d + c] * x[i * d + c];
            }
            float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
            for (int c = 0; c < d; c++) {
                x[i * d + c] *= scale;
            }
        }
        return x;
    }

    static float[] transpose(float[] x, int n, int d) {
        float[] t = new float[x.length];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                t[c * n + i] = x[i * d + c];
            }
        }
        return t;
    }
}
