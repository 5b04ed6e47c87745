package io.avlens.models.difffoley;

import io.avlens.analysis.generation.OnsetMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Whether one way of generating is better than another on the same clips, as the claim "each guidance step is
 * better than the one before it" needs: Align Acc and onset AP of both, their difference B − A, and its 95 %
 * interval from a paired bootstrap over clips (each round draws clips with replacement and scores both on the
 * same draw, so what the clips have in common cancels). Samples pair by clip; a clip with several samples in a set
 * pairs its k-th sample of A with its k-th of B. Onset AP is pooled over the drawn clips, as
 * {@link OnsetMetrics#summarize} pools it. Deterministic for a seed. Stateless.
 */
public final class GuidanceComparison {

    /** Bootstrap rounds. */
    public static final int ROUNDS = 2000;

    /**
     * One metric of the comparison.
     *
     * @param a        A's value on the paired samples
     * @param b        B's value
     * @param low      2.5 % quantile of B − A over the rounds
     * @param high     97.5 % quantile
     * @param notAbove share of rounds where B − A ≤ 0
     */
    public record Difference(double a, double b, double low, double high, double notAbove) {

        /** B − A. */
        public double diff() {
            return b - a;
        }

        /** Whether the whole interval lies above zero. */
        public boolean better() {
            return low > 0;
        }
    }

    /**
     * The comparison of two sets of samples.
     *
     * @param n      paired samples
     * @param align  Align Acc (share judged aligned, {@link GenerationReport#THRESHOLD})
     * @param onsetAP onset AP
     */
    public record Result(int n, Difference align, Difference onsetAP) {
    }

    private GuidanceComparison() {
    }

    /**
     * Compares {@code b} with {@code a} over their common clips, {@code rounds} bootstrap rounds from {@code seed}.
     *
     * @throws IllegalArgumentException when no clip has a sample in both
     */
    public static Result of(List<SoundScore> a, List<SoundScore> b, int rounds, long seed) {
        List<SoundScore[]> pairs = pairs(a, b);
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no clip has a sample in both sets");
        }
        double[] base = stats(pairs, null);
        SplittableRandom random = new SplittableRandom(seed);
        double[] dAlign = new double[rounds];
        double[] dAp = new double[rounds];
        int[] draw = new int[pairs.size()];
        for (int k = 0; k < rounds; k++) {
            for (int i = 0; i < draw.length; i++) {
                draw[i] = random.nextInt(draw.length);
            }
            double[] s = stats(pairs, draw);
            dAlign[k] = s[1] - s[0];
            dAp[k] = s[3] - s[2];
        }
        return new Result(pairs.size(), difference(base[0], base[1], dAlign), difference(base[2], base[3], dAp));
    }

    /** The pairs (A, B) by clip id, the k-th sample of a clip in A with its k-th in B, in A's order. */
    static List<SoundScore[]> pairs(List<SoundScore> a, List<SoundScore> b) {
        Map<String, List<SoundScore>> byClip = new LinkedHashMap<>();
        for (SoundScore s : b) {
            byClip.computeIfAbsent(s.clip(), c -> new ArrayList<>()).add(s);
        }
        Map<String, Integer> used = new LinkedHashMap<>();
        List<SoundScore[]> pairs = new ArrayList<>();
        for (SoundScore s : a) {
            List<SoundScore> candidates = byClip.get(s.clip());
            int k = used.merge(s.clip(), 1, Integer::sum) - 1;
            if (candidates != null && k < candidates.size()) {
                pairs.add(new SoundScore[] {s, candidates.get(k)});
            }
        }
        return pairs;
    }

    /** Align Acc of A and B, onset AP of A and B, over the pairs drawn ({@code null}: every pair once). */
    private static double[] stats(List<SoundScore[]> pairs, int[] draw) {
        int n = draw == null ? pairs.size() : draw.length;
        double[] out = new double[4];
        for (int side = 0; side < 2; side++) {
            int aligned = 0;
            List<OnsetMetrics.ClipScore> onsets = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                SoundScore s = pairs.get(draw == null ? i : draw[i])[side];
                aligned += s.aligned() >= GenerationReport.THRESHOLD ? 1 : 0;
                onsets.add(s.onsets());
            }
            out[side] = aligned / (double) n;
            out[2 + side] = OnsetMetrics.summarize(onsets).ap();
        }
        return out;
    }

    private static Difference difference(double a, double b, double[] rounds) {
        double[] sorted = rounds.clone();
        Arrays.sort(sorted);
        long notAbove = Arrays.stream(sorted).filter(d -> d <= 0).count();
        return new Difference(a, b, quantile(sorted, 0.025), quantile(sorted, 0.975),
                notAbove / (double) sorted.length);
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }
}
