package io.avlens.models.difffoley;

import com.google.gson.JsonObject;
import io.avlens.analysis.generation.FrechetDistance;
import io.avlens.analysis.generation.OnsetMetrics;
import io.avlens.analysis.generation.SoundingEvents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The generation metrics of a set of {@link SoundScore}s, one row per group (the real audio, or one guidance
 * setting), as JSON:
 * <ul>
 * <li>{@code n}; {@code alignAcc}: the share judged aligned (P ≥ {@value #THRESHOLD});</li>
 * <li>{@code onsetAcc}, {@code detectionAcc}, {@code onsetAP} ({@link OnsetMetrics}, tolerance 0.1 s) with the
 * target, detection and match counts;</li>
 * <li>{@code onsetRecallByKind}: per kind of target ({@code hit/floor}, {@code hit/wall}, {@code hit/object},
 * {@code scratch/floor}, …; {@link SoundingEvents#kinds()}), its {@code targets}, the {@code found} ones (matched
 * within the tolerance) and {@code recall}, so a researcher sees which events a generator misses; only over the
 * sounds whose kinds are known;</li>
 * <li>{@code syncN}, {@code syncMeanAbsSeconds}, {@code syncWithinOneFrame}: over the sounds with an offset, the
 * mean |offset| and the share within one video frame (1/8 s);</li>
 * <li>{@code materialN}, {@code materialAcc}: over the sounds whose clip has a sounding material on screen;</li>
 * <li>{@code fad}: the Fréchet distance between the material-judge embeddings of the group's sounds of the
 * even-indexed clips and the <em>real</em> sounds of the odd-indexed clips (so the real audio's own row is the
 * held-out-half baseline with the same set sizes), {@code fadAll}: the group's sounds against the real sounds of
 * all clips (0 for the real audio itself), with their set sizes.</li>
 * </ul>
 * Stateless.
 */
public final class GenerationReport {

    /** The alignment judge's decision threshold. */
    public static final double THRESHOLD = 0.5;

    private GenerationReport() {
    }

    /**
     * The rows of {@code scores} by group, in first-seen order.
     *
     * @param realByClip the real audio's embedding by clip id, clips in the order their indices split them
     * @param fps        video frames per second (one frame: {@code 1 / fps})
     */
    public static Map<String, JsonObject> rows(List<SoundScore> scores, Map<String, float[]> realByClip,
            double fps) {
        Map<String, List<SoundScore>> groups = new LinkedHashMap<>();
        for (SoundScore s : scores) {
            groups.computeIfAbsent(s.group(), g -> new ArrayList<>()).add(s);
        }
        Map<String, JsonObject> rows = new LinkedHashMap<>();
        groups.forEach((g, list) -> rows.put(g, row(list, realByClip, fps)));
        return rows;
    }

    /** One row. */
    static JsonObject row(List<SoundScore> list, Map<String, float[]> realByClip, double fps) {
        JsonObject o = new JsonObject();
        int n = list.size();
        o.addProperty("n", n);
        o.addProperty("alignAcc", number(list.stream().filter(s -> s.aligned() >= THRESHOLD).count() / (double) n));
        o.addProperty("meanAlignScore", number(list.stream().mapToDouble(SoundScore::aligned).average().orElse(
                Double.NaN)));
        OnsetMetrics.Summary on = OnsetMetrics.summarize(list.stream().map(SoundScore::onsets).toList());
        o.addProperty("onsetAcc", number(on.onsetAccuracy()));
        o.addProperty("detectionAcc", number(on.detectionAccuracy()));
        o.addProperty("onsetAP", number(on.ap()));
        o.addProperty("targets", on.targets());
        o.addProperty("detections", on.detections());
        o.addProperty("matched", on.matched());
        JsonObject byKind = recallByKind(list);
        if (byKind.size() > 0) {
            o.add("onsetRecallByKind", byKind);
        }
        List<Double> offsets = list.stream().map(SoundScore::syncOffset).filter(d -> !d.isNaN()).toList();
        o.addProperty("syncN", offsets.size());
        o.addProperty("syncMeanAbsSeconds", number(offsets.stream().mapToDouble(Math::abs).average()
                .orElse(Double.NaN)));
        o.addProperty("syncWithinOneFrame", number(offsets.isEmpty() ? Double.NaN
                : offsets.stream().filter(d -> Math.abs(d) <= 1 / fps + 1e-6).count() / (double) offsets.size()));
        List<Boolean> materials = list.stream().map(SoundScore::materialRight).filter(b -> b != null).toList();
        o.addProperty("materialN", materials.size());
        o.addProperty("materialAcc", number(materials.isEmpty() ? Double.NaN
                : materials.stream().filter(b -> b).count() / (double) materials.size()));
        List<String> order = new ArrayList<>(realByClip.keySet());
        List<float[]> even = new ArrayList<>();
        for (SoundScore s : list) {
            if (order.indexOf(s.clip()) % 2 == 0) {
                even.add(s.embedding());
            }
        }
        List<float[]> odd = new ArrayList<>();
        for (int i = 1; i < order.size(); i += 2) {
            odd.add(realByClip.get(order.get(i)));
        }
        o.addProperty("fad", fad(even, odd));
        o.addProperty("fadN", even.size());
        o.addProperty("fadReferenceN", odd.size());
        o.addProperty("fadAll", fad(list.stream().map(SoundScore::embedding).toList(),
                new ArrayList<>(realByClip.values())));
        return o;
    }

    /** Targets, found targets and recall per kind, kinds sorted; empty when no sound knows its kinds. */
    static JsonObject recallByKind(List<SoundScore> list) {
        Map<String, int[]> counts = new TreeMap<>();
        for (SoundScore s : list) {
            boolean[] hit = s.onsets().hit();
            for (int i = 0; i < s.targetKinds().length; i++) {
                int[] c = counts.computeIfAbsent(s.targetKinds()[i], k -> new int[2]);
                c[0]++;
                c[1] += hit[i] ? 1 : 0;
            }
        }
        JsonObject o = new JsonObject();
        counts.forEach((kind, c) -> {
            JsonObject k = new JsonObject();
            k.addProperty("targets", c[0]);
            k.addProperty("found", c[1]);
            k.addProperty("recall", number((double) c[1] / c[0]));
            o.add(kind, k);
        });
        return o;
    }

    private static Double fad(List<float[]> a, List<float[]> b) {
        if (a.size() < 2 || b.size() < 2) {
            return null;
        }
        return number(FrechetDistance.between(a.toArray(new float[0][]), b.toArray(new float[0][])));
    }

    /** Rounded to 6 decimals; null for NaN (JSON has no NaN). */
    static Double number(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : null;
    }
}
