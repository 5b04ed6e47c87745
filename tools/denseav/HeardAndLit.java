import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.core.io.FileTrees;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import io.avlens.models.denseav.DenseAvData;
import io.avlens.models.denseav.DenseAvHeatmaps;
import io.avlens.models.denseav.TrainSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;


/**
 * Which object a model's heatmap lights for each sound, by material: for every hit or scratch (at its frame and the
 * audio step holding its time) whose frame shows objects of two or more materials, the object with the highest mean
 * of the heads' maximum over its mask pixels, counted in a table of the heard material (rows) against the lit
 * object's material (columns), and how often that object is the sounding one.
 * {@code java -cp "$CP" tools/denseav/HeardAndLit.java DATA SPLIT MODEL.json...} (MODEL {@code shipped} = the
 * built-in denseav-small).
 */
public class HeardAndLit {
    static final String[] MAT = {"ceramic", "glass", "metal", "rubber", "wood"};
    public static void main(String[] a) throws Exception {
        Path data = Path.of(a[0]);
        List<Path> clips = TrainSplit.select(data, DenseAvData.clips(data), a[1]);
        Path tmp = Files.createTempDirectory("heard-and-lit");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.deleteQuietly(tmp)));
        for (int m = 2; m < a.length; m++) {
            int[][] conf = new int[5][5];
            int[] right = new int[5]; int[] total = new int[5];
            try (DenseAvHeatmaps dense = a[m].equals("shipped") ? DenseAvHeatmaps.shipped(tmp.resolve("models"), 0)
                    : DenseAvHeatmaps.open(Path.of(a[m]), 0)) {
                for (Path mp4 : clips) {
                    String id = mp4.getFileName().toString().replace(".mp4", "");
                    DenseFeatures f = dense.compute(mp4, tmp.resolve(m + "-" + id)).features();
                    JsonObject side = JsonParser.parseString(Files.readString(mp4.resolveSibling(id + ".json")))
                            .getAsJsonObject();
                    java.util.Map<Integer, Integer> mat = new java.util.HashMap<>();
                    for (JsonElement e : side.getAsJsonArray("objects")) {
                        JsonObject o = e.getAsJsonObject();
                        mat.put(o.get("id").getAsInt(), java.util.Arrays.asList(MAT).indexOf(o.get("material").getAsString()));
                    }
                    NpyArray masks = Npy.read(mp4.resolveSibling(id + ".masks.npy"));
                    for (JsonElement e : side.getAsJsonArray("events")) {
                        JsonObject o = e.getAsJsonObject();
                        String type = o.get("type").getAsString();
                        if ((type.equals("hit") || type.equals("scratch")) && o.has("objectId")) {
                            int frame = o.get("frame").getAsInt();
                            int step = f.stepAt(o.get("time").getAsDouble());
                            int h = f.height(), w = f.width(), size = masks.shape()[1], cell = size / h;
                            float[] map = new float[h * w];
                            f.aggregate(frame, step, map);
                            double[] sum = new double[16]; int[] cnt = new int[16];
                            for (int py = 0; py < size; py++) for (int px = 0; px < size; px++) {
                                int v = (int) masks.getDouble((frame * size + py) * size + px);
                                if (v > 0 && v < 16) { sum[v] += map[(py / cell) * w + px / cell]; cnt[v]++; }
                            }
                            int target = o.get("objectId").getAsInt();
                            if (cnt[target] == 0) continue;
                            java.util.Set<Integer> mats = new java.util.HashSet<>();
                            int best = -1;
                            for (int v = 1; v < 16; v++) if (cnt[v] > 0) {
                                mats.add(mat.get(v));
                                if (best < 0 || sum[v] / cnt[v] > sum[best] / cnt[best]) best = v;
                            }
                            if (mats.size() < 2) continue;
                            int heard = mat.get(target);
                            conf[heard][mat.get(best)]++;
                            total[heard]++;
                            if (best == target) right[heard]++;
                        }
                    }
                }
            }
            System.out.println(a[m] + " rows heard, columns lit (object with the highest mean map), frames with >= 2 materials");
            for (int i = 0; i < 5; i++) {
                StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-8s", MAT[i]));
                for (int j = 0; j < 5; j++) b.append(String.format(Locale.ROOT, " %4d", conf[i][j]));
                b.append(String.format(Locale.ROOT, "   own object %d / %d", right[i], total[i]));
                System.out.println(b);
            }
        }
    }
}
