package io.avlens.analysis.dense;

/**
 * Whether a head binds sounds or words to their objects (DenseAV's "heads specialise"): the head's mean activation on
 * the prompted object's mask during sound-prompted instants ({@code aSound}) and during word-prompted instants
 * ({@code aWord}), each heatmap scaled by the min and max of that head over the clip's whole volume (every frame at
 * every audio step) so clips are comparable, and the selectivity {@code sSound = aSound / (aSound + aWord)}
 * ({@code sWord = 1 − sSound}).
 *
 * @param head    the head
 * @param aSound  mean scaled activation on the object during its sounds (NaN without any)
 * @param aWord   the same during words naming it
 * @param nSound  sound-prompted instants
 * @param nWord   word-prompted instants
 */
public record HeadSelectivity(int head, double aSound, double aWord, int nSound, int nWord) {

    /** {@code aSound / (aSound + aWord)} in [0, 1]; NaN when either is unknown or both are 0. */
    public double soundSelectivity() {
        double sum = aSound + aWord;
        return sum > 0 ? aSound / sum : Double.NaN;
    }

    /** {@code 1 − soundSelectivity()}. */
    public double wordSelectivity() {
        return 1 - soundSelectivity();
    }

    /** {@code sound} or {@code word}: the prompt kind the head prefers; {@code none} when undecided. */
    public String prefers() {
        double s = soundSelectivity();
        return Double.isNaN(s) || s == 0.5 ? "none" : s > 0.5 ? "sound" : "word";
    }

    /** Per head {@code {min, max}} of its heatmaps over every frame and audio step of the clip. */
    static float[][] clipRanges(DenseFeatures f) {
        float[][] range = new float[f.heads()][];
        float[] map = new float[f.height() * f.width()];
        for (int k = 0; k < f.heads(); k++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int frame = 0; frame < f.frames(); frame++) {
                for (int t = 0; t < f.steps(); t++) {
                    f.slice(frame, k, t, map);
                    for (float v : map) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
            range[k] = new float[] {min, max};
        }
        return range;
    }

    /** Sums of one head's activations. Not thread-safe. */
    static final class Tally {
        private double sound;
        private double word;
        private int nSound;
        private int nWord;

        void add(Prompt.Kind kind, double activation) {
            if (kind == Prompt.Kind.SOUND) {
                sound += activation;
                nSound++;
            } else {
                word += activation;
                nWord++;
            }
        }

        HeadSelectivity result(int head) {
            return new HeadSelectivity(head, nSound == 0 ? Double.NaN : sound / nSound,
                    nWord == 0 ? Double.NaN : word / nWord, nSound, nWord);
        }
    }
}
