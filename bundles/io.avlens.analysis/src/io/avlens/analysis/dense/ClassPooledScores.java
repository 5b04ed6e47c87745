package io.avlens.analysis.dense;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pixels pooled per prompt class, as DenseAV's evaluation pools them: each prompt adds its heatmap's pixels (scores)
 * and the prompted object's mask (labels) to its class; {@link #summary} scores each class ({@link PixelScores}) and
 * averages over the classes. Not thread-safe.
 */
public final class ClassPooledScores {

    /**
     * The scores of one heatmap source on one prompt kind.
     *
     * @param averagePrecision mean over classes of the pooled pixels' AP (NaN without classes)
     * @param bestIou          mean over classes of the best IoU over 20 thresholds
     * @param instants         prompts pooled
     * @param classes          classes with at least one positive pixel
     * @param perClass         per class: {@code [ap, iou, instants]}
     */
    public record Summary(double averagePrecision, double bestIou, int instants, int classes,
            Map<String, double[]> perClass) {
    }

    private static final class Pool {
        float[] scores = new float[1 << 12];
        boolean[] labels = new boolean[1 << 12];
        int size;
        int instants;

        void add(float[] s, boolean[] l) {
            if (size + s.length > scores.length) {
                int capacity = Math.max(scores.length * 2, size + s.length);
                scores = Arrays.copyOf(scores, capacity);
                labels = Arrays.copyOf(labels, capacity);
            }
            System.arraycopy(s, 0, scores, size, s.length);
            System.arraycopy(l, 0, labels, size, l.length);
            size += s.length;
            instants++;
        }
    }

    private final Map<String, Pool> pools = new TreeMap<>();

    /** Adds one prompt's heatmap ({@code scores}) against its ground-truth mask ({@code labels}), same length. */
    public void add(String label, float[] scores, boolean[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("a heatmap of " + scores.length + " pixels against a mask of "
                    + labels.length);
        }
        pools.computeIfAbsent(label, l -> new Pool()).add(scores, labels);
    }

    /** Scores every class and averages over those with a positive pixel. */
    public Summary summary() {
        Map<String, double[]> perClass = new TreeMap<>();
        double ap = 0;
        double iou = 0;
        int instants = 0;
        int classes = 0;
        for (Map.Entry<String, Pool> e : pools.entrySet()) {
            Pool p = e.getValue();
            instants += p.instants;
            double a = PixelScores.averagePrecision(p.scores, p.labels, p.size);
            double i = PixelScores.bestIou(p.scores, p.labels, p.size);
            perClass.put(e.getKey(), new double[] {a, i, p.instants});
            if (!Double.isNaN(a)) {
                ap += a;
                iou += i;
                classes++;
            }
        }
        return new Summary(classes == 0 ? Double.NaN : ap / classes, classes == 0 ? Double.NaN : iou / classes,
                instants, classes, perClass);
    }
}
