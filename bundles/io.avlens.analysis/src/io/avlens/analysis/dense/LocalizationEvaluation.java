package io.avlens.analysis.dense;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Localisation of prompted objects by dense heatmaps over many clips (DenseAV's {@code eval_utils.py}, see
 * {@link PromptHeatmap} and {@link ClassPooledScores}), per head, for the heads' maximum and for two baselines made
 * the same way (a uniform heatmap, and the motion energy around the prompt's frame), separately for sound- and
 * word-prompted instants; and each head's selectivity ({@link HeadSelectivity}). Add clips with {@link #add}, then
 * read {@link #report}. Not thread-safe.
 */
public final class LocalizationEvaluation {

    /** The source name of the heads' element-wise maximum. */
    public static final String AGGREGATE = "aggregate";
    /** The source name of the uniform baseline. */
    public static final String UNIFORM = "uniform";
    /** The source name of the motion-energy baseline. */
    public static final String MOTION = "motionEnergy";

    /**
     * A clip's ground-truth masks: object id per pixel (0 = background), {@code uint8 [frames, height, width]}.
     *
     * @param ids    the ids, row-major
     * @param fps    frames per second of the masks (the video's)
     */
    public record Masks(byte[] ids, int frames, int height, int width, double fps) {

        /** The frame shown at picture time {@code seconds}. */
        public int frameAt(double seconds) {
            return (int) Math.max(0, Math.min(frames - 1, Math.floor(seconds * fps + 1e-9)));
        }
    }

    /**
     * What the evaluation found.
     *
     * @param heads       heads of the model
     * @param scores      per source (head0…, aggregate, uniform, motionEnergy) and prompt kind
     * @param selectivity per head
     * @param clips       clips added
     * @param skipped     prompts left out because the prompted object is not in its frame's mask
     */
    public record Report(int heads, Map<String, Map<Prompt.Kind, ClassPooledScores.Summary>> scores,
            List<HeadSelectivity> selectivity, int clips, int skipped) {
    }

    private final Map<String, Map<Prompt.Kind, ClassPooledScores>> pools = new LinkedHashMap<>();
    private HeadSelectivity.Tally[] selectivity;
    private int heads = -1;
    private int clips;
    private int skipped;

    /** The source name of head {@code k}. */
    public static String head(int k) {
        return "head" + k;
    }

    /**
     * Adds one clip.
     *
     * @param features the clip's dense features
     * @param masks    its ground-truth masks
     * @param prompts  its prompts
     * @param luma     its frames' luma at the masks' resolution and rate, {@code [frames, height, width]} in [0, 1],
     *                 for the motion-energy baseline; null leaves that baseline out
     * @throws IllegalArgumentException when the clip's head count differs from the clips before
     */
    public void add(DenseFeatures features, Masks masks, List<Prompt> prompts, float[] luma) {
        if (heads < 0) {
            heads = features.heads();
            selectivity = new HeadSelectivity.Tally[heads];
            for (int k = 0; k < heads; k++) {
                selectivity[k] = new HeadSelectivity.Tally();
                pools.put(head(k), pools());
            }
            pools.put(AGGREGATE, pools());
            pools.put(UNIFORM, pools());
            pools.put(MOTION, pools());
        } else if (features.heads() != heads) {
            throw new IllegalArgumentException("a clip with " + features.heads() + " heads among clips with " + heads);
        }
        clips++;
        int plane = masks.height() * masks.width();
        float[][] range = null;
        for (Prompt p : prompts) {
            int maskFrame = masks.frameAt(p.seconds());
            boolean[] truth = new boolean[plane];
            int positives = 0;
            for (int i = 0; i < plane; i++) {
                truth[i] = (masks.ids()[maskFrame * plane + i] & 0xff) == p.objectId();
                positives += truth[i] ? 1 : 0;
            }
            if (positives == 0) {
                skipped++;
                continue;
            }
            if (range == null) {
                range = HeadSelectivity.clipRanges(features);
            }
            int frame = features.frameAt(p.seconds());
            int[] steps = p.steps(features);
            for (int k = PromptHeatmap.AGGREGATE; k < heads; k++) {
                float[] raw = PromptHeatmap.timeAveraged(features, frame, k, steps[0], steps[1]);
                if (k >= 0) {
                    float[] clipScaled = raw.clone();
                    float min = range[k][0];
                    float span = range[k][1] - min;
                    for (int i = 0; i < clipScaled.length; i++) {
                        clipScaled[i] = span > 0 ? (clipScaled[i] - min) / span : 0f;
                    }
                    selectivity[k].add(p.kind(), meanOn(up(clipScaled, features, masks), truth));
                }
                add(k < 0 ? AGGREGATE : head(k), p, up(PromptHeatmap.normalise(raw), features, masks), truth);
            }
            add(UNIFORM, p, new float[plane], truth);
            if (luma != null) {
                add(MOTION, p, PromptHeatmap.normalise(PromptHeatmap.motionEnergy(luma, masks.frames(),
                        masks.height(), masks.width(), maskFrame)), truth);
            }
        }
    }

    /** The scores and selectivities of the clips added so far. */
    public Report report() {
        Map<String, Map<Prompt.Kind, ClassPooledScores.Summary>> scores = new LinkedHashMap<>();
        pools.forEach((source, byKind) -> {
            Map<Prompt.Kind, ClassPooledScores.Summary> s = new EnumMap<>(Prompt.Kind.class);
            byKind.forEach((kind, pool) -> s.put(kind, pool.summary()));
            scores.put(source, s);
        });
        List<HeadSelectivity> heads = new ArrayList<>();
        for (int k = 0; selectivity != null && k < selectivity.length; k++) {
            heads.add(selectivity[k].result(k));
        }
        return new Report(Math.max(0, this.heads), scores, heads, clips, skipped);
    }

    private static Map<Prompt.Kind, ClassPooledScores> pools() {
        Map<Prompt.Kind, ClassPooledScores> m = new EnumMap<>(Prompt.Kind.class);
        for (Prompt.Kind kind : Prompt.Kind.values()) {
            m.put(kind, new ClassPooledScores());
        }
        return m;
    }

    private void add(String source, Prompt p, float[] scores, boolean[] truth) {
        pools.get(source).get(p.kind()).add(p.label(), scores, truth);
    }

    private static float[] up(float[] map, DenseFeatures f, Masks masks) {
        return PromptHeatmap.bilinear(map, f.height(), f.width(), masks.height(), masks.width());
    }

    private static double meanOn(float[] map, boolean[] region) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < map.length; i++) {
            if (region[i]) {
                sum += map[i];
                n++;
            }
        }
        return sum / n;
    }
}
