package io.avlens.models.difffoley;

import java.util.List;
import java.util.Set;

/**
 * The materials the material judge tells apart, in the order of its logits, as AV-Shapes sidecars name them, and
 * how a prediction is scored: a clip with several sounding materials is right when the top prediction is one of
 * them. Stateless.
 */
public final class JudgeMaterials {

    /** Wood, metal, glass, ceramic, rubber. */
    public static final List<String> ALL = List.of("wood", "metal", "glass", "ceramic", "rubber");

    private JudgeMaterials() {
    }

    /** The 0/1 labels of {@code materials} in {@link #ALL} order (unknown names are ignored). */
    public static float[] multiHot(Set<String> materials) {
        float[] y = new float[ALL.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = materials.contains(ALL.get(i)) ? 1 : 0;
        }
        return y;
    }

    /** The material of the largest score. */
    public static String top(float[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return ALL.get(best);
    }

    /** Whether the top of {@code scores} is one of {@code sounding}. */
    public static boolean right(float[] scores, Set<String> sounding) {
        return sounding.contains(top(scores));
    }
}
