import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.analysis.dense.AvShapesPrompts;
import io.avlens.analysis.dense.ClassPooledScores;
import io.avlens.analysis.dense.Prompt;
import io.avlens.analysis.dense.PromptHeatmap;
import io.avlens.core.profile.FrameFit;
import io.avlens.core.profile.VideoSpec;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import io.avlens.media.FrameReader;
import io.avlens.models.denseav.DenseAvData;
import io.avlens.models.denseav.TrainSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ceilings of {@code avlens eval --task localize} for heatmaps that know more than one frame can say, scored as the
 * eval scores a model's (min-max normalised, pixels pooled per class, AP and best IoU, mean over classes, prompts
 * whose object is not in its frame skipped): {@code java -cp "$CP" tools/denseav/Oracles.java DATA SPLIT}.
 * <ul>
 * <li>{@code object16}: the prompted object's coverage of each cell of a 16 × 16 grid, bilinearly upsampled (the
 * resolution ceiling of {@code localize_ceiling.py});</li>
 * <li>{@code material16}: the same for every object of the prompt's class in the frame (a sound: every object of
 * the sounding object's material; a word: every object of the word's colour), all lit equally: a single-frame model
 * that recognises materials and colours perfectly but cannot tell same-class objects apart;</li>
 * <li>{@code motionEnergy}: the eval's motion-energy baseline (luma change to the previous and next frame);</li>
 * <li>{@code motionMaterial}: that motion energy kept only on the pixels of objects of the prompt's class.</li>
 * </ul>
 */
public class Oracles {
    public static void main(String[] a) throws Exception {
        Path data = Path.of(a[0]);
        int cells = 16;
        List<Path> clips = TrainSplit.select(data, DenseAvData.clips(data), a[1]);
        Map<String, Map<Prompt.Kind, ClassPooledScores>> pools = new LinkedHashMap<>();
        for (String s : List.of("object16", "material16", "motionEnergy", "motionMaterial")) {
            Map<Prompt.Kind, ClassPooledScores> m = new LinkedHashMap<>();
            for (Prompt.Kind k : Prompt.Kind.values()) {
                m.put(k, new ClassPooledScores());
            }
            pools.put(s, m);
        }
        int skipped = 0;
        int ambiguous = 0;
        int counted = 0;
        for (Path mp4 : clips) {
            String id = mp4.getFileName().toString().replace(".mp4", "");
            JsonObject side = JsonParser.parseString(Files.readString(mp4.resolveSibling(id + ".json")))
                    .getAsJsonObject();
            Map<Integer, String> material = new HashMap<>();
            Map<Integer, String> colour = new HashMap<>();
            for (JsonElement e : side.getAsJsonArray("objects")) {
                JsonObject o = e.getAsJsonObject();
                material.put(o.get("id").getAsInt(), o.get("material").getAsString());
                colour.put(o.get("id").getAsInt(), o.get("colour").getAsString());
            }
            NpyArray masks = Npy.read(mp4.resolveSibling(id + ".masks.npy"));
            int[] s = masks.shape();
            int frames = s[0];
            int h = s[1];
            int w = s[2];
            int plane = h * w;
            double fps = side.get("fps").getAsDouble();
            float[] luma = luma(mp4, frames, h, w, fps);
            for (Prompt p : AvShapesPrompts.of(side)) {
                int f = Math.min(frames - 1, (int) Math.floor(p.seconds() * fps + 1e-9));
                Map<Integer, String> cls = p.kind() == Prompt.Kind.SOUND ? material : colour;
                String target = cls.get(p.objectId());
                boolean[] truth = new boolean[plane];
                boolean[] same = new boolean[plane];
                int positives = 0;
                java.util.Set<Integer> present = new java.util.HashSet<>();
                for (int i = 0; i < plane; i++) {
                    int o = (int) masks.getLong(f * plane + i);
                    truth[i] = o == p.objectId();
                    positives += truth[i] ? 1 : 0;
                    same[i] = o >= 1 && target.equals(cls.get(o));
                    if (same[i]) {
                        present.add(o);
                    }
                }
                if (positives == 0) {
                    skipped++;
                    continue;
                }
                counted++;
                ambiguous += present.size() > 1 ? 1 : 0;
                add(pools, "object16", p, coarseUp(truth, h, w, cells), truth);
                add(pools, "material16", p, coarseUp(same, h, w, cells), truth);
                float[] motion = PromptHeatmap.motionEnergy(luma, frames, h, w, f);
                add(pools, "motionEnergy", p, PromptHeatmap.normalise(motion.clone()), truth);
                for (int i = 0; i < plane; i++) {
                    motion[i] = same[i] ? motion[i] : 0f;
                }
                add(pools, "motionMaterial", p, PromptHeatmap.normalise(motion), truth);
            }
        }
        System.out.println("data " + data + " split " + a[1] + " clips " + clips.size() + " prompts " + counted
                + " skipped " + skipped + " with another object of the prompt's class in the frame " + ambiguous);
        for (var e : pools.entrySet()) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-15s", e.getKey()));
            for (var k : e.getValue().entrySet()) {
                ClassPooledScores.Summary x = k.getValue().summary();
                b.append(String.format(Locale.ROOT, " %s AP %.3f IoU %.3f (n %d)", k.getKey(), x.averagePrecision(),
                        x.bestIou(), x.instants()));
            }
            System.out.println(b);
        }
    }

    private static void add(Map<String, Map<Prompt.Kind, ClassPooledScores>> pools, String source, Prompt p,
            float[] scores, boolean[] truth) {
        pools.get(source).get(p.kind()).add(p.label(), scores, truth);
    }

    /** The region's coverage of each cell of a {@code cells × cells} grid, normalised and upsampled as in the eval. */
    static float[] coarseUp(boolean[] region, int h, int w, int cells) {
        float[] coarse = new float[cells * cells];
        int ch = h / cells;
        int cw = w / cells;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (region[y * w + x]) {
                    coarse[(y / ch) * cells + x / cw] += 1f / (ch * cw);
                }
            }
        }
        return PromptHeatmap.bilinear(PromptHeatmap.normalise(coarse), cells, cells, h, w);
    }

    static float[] luma(Path media, int frames, int h, int w, double fps) throws Exception {
        FloatTensor rgb = new FrameReader(new VideoSpec(fps, w, h, FrameFit.STRETCH)).read(media).tensor();
        int plane = w * h;
        float[] luma = new float[frames * plane];
        int n = Math.min(frames, rgb.dim(0));
        for (int i = 0; i < n * plane; i++) {
            luma[i] = (float) (0.299 * rgb.getFlat(3 * i) + 0.587 * rgb.getFlat(3 * i + 1)
                    + 0.114 * rgb.getFlat(3 * i + 2));
        }
        return luma;
    }
}
