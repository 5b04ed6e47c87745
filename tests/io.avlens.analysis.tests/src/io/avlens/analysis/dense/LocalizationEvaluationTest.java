package io.avlens.analysis.dense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.avlens.analysis.similarity.TimeBase;
import io.avlens.core.tensor.FloatTensor;

/**
 * A constructed two-head clip: object 1 fills the top-left quadrant, object 2 the bottom-right one. Head 0 lights
 * each object while that object sounds, head 1 while a word names it; the scores and selectivities follow by hand.
 */
class LocalizationEvaluationTest {

    private static final int FRAMES = 4;
    private static final int HEADS = 2;
    private static final int C = 2;
    private static final int S = 4;
    private static final int T = 8;
    private static final int M = 8;

    /** Object o's quadrant at a resolution of n × n. */
    private static boolean inObject(int o, int y, int x, int n) {
        boolean top = y < n / 2;
        boolean left = x < n / 2;
        return o == 1 ? top && left : !top && !left;
    }

    private static DenseFeatures features() {
        float[] image = new float[FRAMES * HEADS * C * S * S];
        for (int f = 0; f < FRAMES; f++) {
            for (int k = 0; k < HEADS; k++) {
                for (int c = 0; c < C; c++) {
                    for (int y = 0; y < S; y++) {
                        for (int x = 0; x < S; x++) {
                            image[(((f * HEADS + k) * C + c) * S + y) * S + x] = inObject(c + 1, y, x, S) ? 1 : 0;
                        }
                    }
                }
            }
        }
        float[] audio = new float[HEADS * C * T];
        // 8 steps at 8 Hz: object 1 sounds at steps 2-3 (head 0), the word naming object 2 at steps 5-6 (head 1)
        audio[(0 * C + 0) * T + 2] = 1;
        audio[(0 * C + 0) * T + 3] = 1;
        audio[(1 * C + 1) * T + 5] = 1;
        audio[(1 * C + 1) * T + 6] = 1;
        boolean[] voiced = new boolean[T];
        java.util.Arrays.fill(voiced, true);
        return DenseFeatures.of(FloatTensor.of(new int[] {FRAMES, HEADS, C, S, S}, image),
                FloatTensor.of(new int[] {HEADS, C, 1, T}, audio), voiced, TimeBase.ofRate(4), TimeBase.ofRate(8));
    }

    private static LocalizationEvaluation.Masks masks() {
        byte[] ids = new byte[FRAMES * M * M];
        for (int f = 0; f < FRAMES; f++) {
            for (int y = 0; y < M; y++) {
                for (int x = 0; x < M; x++) {
                    ids[(f * M + y) * M + x] = (byte) (inObject(1, y, x, M) ? 1 : inObject(2, y, x, M) ? 2 : 0);
                }
            }
        }
        return new LocalizationEvaluation.Masks(ids, FRAMES, M, M, 4);
    }

    private static final List<Prompt> PROMPTS = List.of(
            new Prompt(Prompt.Kind.SOUND, "glass", 1, 0.25, 0.25, 0.4),
            new Prompt(Prompt.Kind.WORD, "blue", 2, 0.6, 0.6, 0.8));

    @Test
    void eachHeadLocalisesItsOwnPromptsAndTheUniformBaselineScoresThePositiveRate() {
        LocalizationEvaluation eval = new LocalizationEvaluation();
        eval.add(features(), masks(), PROMPTS, null);
        LocalizationEvaluation.Report r = eval.report();
        assertThat(r.heads()).isEqualTo(2);
        assertThat(r.clips()).isEqualTo(1);
        var head0 = r.scores().get("head0");
        var head1 = r.scores().get("head1");
        assertThat(head0.get(Prompt.Kind.SOUND).averagePrecision()).isEqualTo(1.0);
        assertThat(head0.get(Prompt.Kind.SOUND).bestIou()).isEqualTo(1.0);
        assertThat(head1.get(Prompt.Kind.WORD).averagePrecision()).isEqualTo(1.0);
        // a quadrant of the frame: positive rate 1/4
        assertThat(head0.get(Prompt.Kind.WORD).averagePrecision()).isCloseTo(0.25, within(1e-9));
        assertThat(head1.get(Prompt.Kind.SOUND).averagePrecision()).isCloseTo(0.25, within(1e-9));
        assertThat(r.scores().get(LocalizationEvaluation.AGGREGATE).get(Prompt.Kind.SOUND).averagePrecision())
                .isEqualTo(1.0);
        var uniform = r.scores().get(LocalizationEvaluation.UNIFORM);
        assertThat(uniform.get(Prompt.Kind.SOUND).averagePrecision()).isCloseTo(0.25, within(1e-9));
        assertThat(uniform.get(Prompt.Kind.WORD).bestIou()).isCloseTo(0.25, within(1e-9));
        assertThat(uniform.get(Prompt.Kind.SOUND).instants()).isEqualTo(1);
        assertThat(uniform.get(Prompt.Kind.SOUND).classes()).isEqualTo(1);
        assertThat(uniform.get(Prompt.Kind.SOUND).perClass()).containsOnlyKeys("glass");
        // no luma given: the motion baseline has nothing pooled
        assertThat(r.scores().get(LocalizationEvaluation.MOTION).get(Prompt.Kind.SOUND).instants()).isZero();
    }

    @Test
    void selectivityTellsTheSoundHeadFromTheWordHead() {
        LocalizationEvaluation eval = new LocalizationEvaluation();
        eval.add(features(), masks(), PROMPTS, null);
        List<HeadSelectivity> s = eval.report().selectivity();
        assertThat(s).hasSize(2);
        assertThat(s.get(0).soundSelectivity()).isEqualTo(1.0);
        assertThat(s.get(0).prefers()).isEqualTo("sound");
        assertThat(s.get(1).wordSelectivity()).isEqualTo(1.0);
        assertThat(s.get(1).prefers()).isEqualTo("word");
        assertThat(s.get(0).nSound()).isEqualTo(1);
        assertThat(s.get(0).nWord()).isEqualTo(1);
        assertThat(s.get(0).aSound()).isBetween(0.5, 1.0);
    }

    @Test
    void theMotionBaselineFollowsFrameDifferences() {
        // object 1's quadrant flickers between frames 0 and 1 and nothing else changes
        float[] luma = new float[FRAMES * M * M];
        for (int y = 0; y < M; y++) {
            for (int x = 0; x < M; x++) {
                luma[M * M + y * M + x] = inObject(1, y, x, M) ? 1 : 0;
            }
        }
        LocalizationEvaluation eval = new LocalizationEvaluation();
        eval.add(features(), masks(), PROMPTS, luma);
        var motion = eval.report().scores().get(LocalizationEvaluation.MOTION);
        // the sound prompt at 0.25 s shows frame 1: its differences with frames 0 and 2 are exactly object 1
        assertThat(motion.get(Prompt.Kind.SOUND).averagePrecision()).isEqualTo(1.0);
        assertThat(motion.get(Prompt.Kind.SOUND).bestIou()).isEqualTo(1.0);
        // the word prompt at 0.6 s shows frame 2, whose difference to frame 1 is object 1, not the named object 2:
        // object 1 ranks first (no hit), the rest ties at 0 with 16 of 48 positive -> AP = 16 / 64
        assertThat(motion.get(Prompt.Kind.WORD).averagePrecision()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void aPromptWhoseObjectIsNotInItsFrameIsSkippedAndHeadCountsMustAgree() {
        LocalizationEvaluation eval = new LocalizationEvaluation();
        eval.add(features(), masks(), List.of(new Prompt(Prompt.Kind.SOUND, "wood", 3, 0, 0, 0.1)), null);
        assertThat(eval.report().skipped()).isEqualTo(1);
        assertThat(eval.report().scores().get("head0").get(Prompt.Kind.SOUND).averagePrecision()).isNaN();
        DenseFeatures oneHead = DenseFeatures.of(FloatTensor.of(new int[] {1, 1, 1, 1, 1}, new float[1]),
                FloatTensor.of(new int[] {1, 1, 1, 1}, new float[1]), new boolean[] {true}, TimeBase.ofRate(4),
                TimeBase.ofRate(8));
        assertThatThrownBy(() -> eval.add(oneHead, masks(), List.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 heads among clips with 2");
    }
}
