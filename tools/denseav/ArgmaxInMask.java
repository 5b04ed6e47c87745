import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.core.io.FileTrees;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import io.avlens.models.denseav.DenseAvHeatmaps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A quick sanity check of DenseAV-small's heatmaps on AV-Shapes clips (not the localisation metric of `avlens eval`):
 * for every on-screen sound event (hit or scratch, at its frame and the audio step holding its time) and every spoken
 * colour word (at its middle), is the heatmap's highest cell on the object that sounds or is named? A cell counts as
 * on the object when its 4×4 pixel block holds at least one pixel of the object's mask in that frame; events whose
 * object is not in the frame are left out. Prints, for the heads' maximum and for each head, hits / n, and the chance
 * level (the mean share of cells on the object).
 *
 * <pre>java -cp "$CP" tools/denseav/ArgmaxInMask.java DATA_DIR MODEL_JSON [MAX_CLIPS]</pre>
 */
public class ArgmaxInMask {

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int max = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
        List<Path> clips;
        try (Stream<Path> s = Files.list(data.resolve("media"))) {
            clips = s.filter(p -> p.toString().endsWith(".mp4")).sorted().limit(max).toList();
        }
        // [kind][head+1] hits, n; chance sums
        double[][] hits = new double[2][3];
        int[] n = new int[2];
        double[] chance = new double[2];
        Path out = Files.createTempDirectory("argmax-in-mask");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.deleteQuietly(out))); // features: gone at exit
        try (DenseAvHeatmaps dense = DenseAvHeatmaps.open(Path.of(args[1]), 0)) {
            for (Path mp4 : clips) {
                String id = mp4.getFileName().toString().replace(".mp4", "");
                DenseFeatures f = dense.compute(mp4, out.resolve(id)).features();
                JsonObject side = JsonParser.parseString(Files.readString(mp4.resolveSibling(id + ".json")))
                        .getAsJsonObject();
                NpyArray masks = Npy.read(mp4.resolveSibling(id + ".masks.npy"));
                for (JsonElement e : side.getAsJsonArray("events")) {
                    JsonObject o = e.getAsJsonObject();
                    String type = o.get("type").getAsString();
                    if ((type.equals("hit") || type.equals("scratch")) && o.has("objectId")) {
                        score(f, masks, o.get("frame").getAsInt(), f.stepAt(o.get("time").getAsDouble()),
                                o.get("objectId").getAsInt(), 0, hits, n, chance);
                    }
                }
                JsonElement words = side.get("words");
                for (JsonElement e : words == null ? new com.google.gson.JsonArray() : words.getAsJsonArray()) {
                    JsonObject o = e.getAsJsonObject();
                    double mid = o.get("time").getAsDouble() + o.get("duration").getAsDouble() / 2;
                    score(f, masks, f.frameAt(mid), f.stepAt(mid), o.get("objectId").getAsInt(), 1, hits, n, chance);
                }
            }
        }
        String[] kinds = {"sound events", "spoken words"};
        for (int k = 0; k < 2; k++) {
            System.out.printf(Locale.ROOT, "%s: n = %d, argmax on the object: heads' max %.0f (%.1f %%), head 0 %.0f "
                    + "(%.1f %%), head 1 %.0f (%.1f %%); chance %.1f %%%n", kinds[k], n[k], hits[k][0],
                    100 * hits[k][0] / n[k], hits[k][1], 100 * hits[k][1] / n[k], hits[k][2],
                    100 * hits[k][2] / n[k], 100 * chance[k] / n[k]);
        }
    }

    private static void score(DenseFeatures f, NpyArray masks, int frame, int step, int object, int kind,
            double[][] hits, int[] n, double[] chance) {
        int h = f.height();
        int w = f.width();
        int size = masks.shape()[1];
        int cell = size / h;
        boolean[] on = new boolean[h * w];
        int onCount = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int py = y * cell; py < (y + 1) * cell && !on[y * w + x]; py++) {
                    for (int px = x * cell; px < (x + 1) * cell; px++) {
                        if ((int) masks.getDouble((frame * size + py) * size + px) == object) {
                            on[y * w + x] = true;
                            break;
                        }
                    }
                }
                onCount += on[y * w + x] ? 1 : 0;
            }
        }
        if (onCount == 0) {
            return;
        }
        n[kind]++;
        chance[kind] += (double) onCount / on.length;
        float[] map = new float[h * w];
        for (int head = -1; head < f.heads() && head < 2; head++) {
            if (head < 0) {
                f.aggregate(frame, step, map);
            } else {
                f.slice(frame, head, step, map);
            }
            int best = 0;
            for (int p = 1; p < map.length; p++) {
                best = map[p] > map[best] ? p : best;
            }
            hits[kind][head + 1] += on[best] ? 1 : 0;
        }
    }
}
