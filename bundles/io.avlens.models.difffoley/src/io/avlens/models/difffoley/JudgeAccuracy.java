package io.avlens.models.difffoley;

import java.util.List;
import java.util.Random;

/**
 * The judges' own accuracy on held-out real clips, the figures that say how far their verdicts on generated sound
 * can be trusted. Alignment: each clip's own sound (should be judged aligned), its sound rolled by 2 to 12 video
 * frames either way (0.25 to 1.5 s, as in training; not aligned) and the next clip's sound (not aligned); the
 * balanced accuracy weights them 50/25/25 as the training pairs. Material: the top material is one that sounds on
 * screen, over the clips with one. Stateless.
 *
 * @param n             clips
 * @param trueAcc       own sound judged aligned
 * @param shiftedAcc    rolled sound judged not aligned
 * @param swappedAcc    another clip's sound judged not aligned
 * @param balancedAcc   {@code 0.5 true + 0.25 shifted + 0.25 swapped}
 * @param materialN     clips with a sounding material on screen
 * @param materialAcc   their material accuracy
 */
public record JudgeAccuracy(int n, double trueAcc, double shiftedAcc, double swappedAcc, double balancedAcc,
        int materialN, double materialAcc) {

    /**
     * Measures {@code judges} on {@code clips} (at least two); rolls drawn from {@code seed}.
     *
     * @throws IllegalArgumentException with fewer than two clips
     */
    public static JudgeAccuracy of(JudgeModel judges, List<JudgeClip> clips, long seed) {
        if (clips.size() < 2) {
            throw new IllegalArgumentException("the judges' accuracy needs at least two clips, not " + clips.size());
        }
        Random random = new Random(seed);
        int own = 0;
        int shifted = 0;
        int swapped = 0;
        int materialN = 0;
        int material = 0;
        for (int i = 0; i < clips.size(); i++) {
            JudgeClip c = clips.get(i);
            int steps = JudgeTrainer.MIN_SHIFT_STEPS
                    + random.nextInt(JudgeTrainer.MAX_SHIFT_STEPS - JudgeTrainer.MIN_SHIFT_STEPS + 1);
            int frames = steps * JudgeBlock.FRAMES / JudgeBlock.STEPS * (random.nextBoolean() ? 1 : -1);
            JudgeModel.Verdict[] v = judges.judge(c, c.withMel(JudgeClip.roll(c.mel(), frames)),
                    c.withMel(clips.get((i + 1) % clips.size()).mel()));
            own += v[0].aligned() >= GenerationReport.THRESHOLD ? 1 : 0;
            shifted += v[1].aligned() < GenerationReport.THRESHOLD ? 1 : 0;
            swapped += v[2].aligned() < GenerationReport.THRESHOLD ? 1 : 0;
            if (!c.events().soundingMaterials().isEmpty()) {
                materialN++;
                material += JudgeMaterials.right(v[0].materials(), c.events().soundingMaterials()) ? 1 : 0;
            }
        }
        double n = clips.size();
        return new JudgeAccuracy(clips.size(), own / n, shifted / n, swapped / n,
                0.5 * own / n + 0.25 * shifted / n + 0.25 * swapped / n, materialN,
                materialN == 0 ? Double.NaN : (double) material / materialN);
    }
}
