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
 * Where the heads' maximum peaks, on one split of an AV-Shapes dataset: for every hit or scratch (at its frame and the
 * audio step holding its time) and every spoken colour word (at its middle) whose object is in the frame, is the
 * highest cell on that object, on another object, or on the background (a cell is on an object when its 4×4 block
 * holds a pixel of the object's mask, as in ArgmaxInMask), and, for background peaks, how many lie in the bottom four
 * rows of the map (the floor the objects land and slide on is the bottom 14 % of the frame), and how many peaks (any
 * place) lie on the map's outer ring of cells (the cells whose convolutions see the frame's zero padding).
 * {@code java -cp "$CP" tools/denseav/PeakPlaces.java DATA SPLIT MODEL.json...} (MODEL {@code shipped} = the built-in
 * denseav-small).
 */
public class PeakPlaces {
    public static void main(String[] a) throws Exception {
        Path data = Path.of(a[0]);
        List<Path> clips = TrainSplit.select(data, DenseAvData.clips(data), a[1]);
        Path tmp = Files.createTempDirectory("peak-places");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.deleteQuietly(tmp))); // features: gone at exit
        for (int m = 2; m < a.length; m++) {
            int[][] count = new int[2][5]; // [sound, word][on object, other object, background, background low, ring]
            try (DenseAvHeatmaps dense = a[m].equals("shipped") ? DenseAvHeatmaps.shipped(tmp.resolve("models"), 0)
                    : DenseAvHeatmaps.open(Path.of(a[m]), 0)) {
                for (Path mp4 : clips) {
                    String id = mp4.getFileName().toString().replace(".mp4", "");
                    DenseFeatures f = dense.compute(mp4, tmp.resolve(m + "-" + id)).features();
                    JsonObject side = JsonParser.parseString(Files.readString(mp4.resolveSibling(id + ".json")))
                            .getAsJsonObject();
                    NpyArray masks = Npy.read(mp4.resolveSibling(id + ".masks.npy"));
                    for (JsonElement e : side.getAsJsonArray("events")) {
                        JsonObject o = e.getAsJsonObject();
                        String type = o.get("type").getAsString();
                        if ((type.equals("hit") || type.equals("scratch")) && o.has("objectId")) {
                            place(f, masks, o.get("frame").getAsInt(), f.stepAt(o.get("time").getAsDouble()),
                                    o.get("objectId").getAsInt(), count[0]);
                        }
                    }
                    if (side.has("words")) {
                        for (JsonElement e : side.getAsJsonArray("words")) {
                            JsonObject o = e.getAsJsonObject();
                            double mid = o.get("time").getAsDouble() + o.get("duration").getAsDouble() / 2;
                            place(f, masks, f.frameAt(mid), f.stepAt(mid), o.get("objectId").getAsInt(), count[1]);
                        }
                    }
                }
            }
            String[] kinds = {"sounds", "words"};
            for (int k = 0; k < 2; k++) {
                int[] c = count[k];
                System.out.printf(Locale.ROOT, "%s %s: n %d, peak on the object %d, on another object %d, on the "
                        + "background %d (in the bottom four rows %d); on the map's outer ring %d%n", a[m], kinds[k],
                        c[0] + c[1] + c[2], c[0], c[1], c[2], c[3], c[4]);
            }
        }
    }

    private static void place(DenseFeatures f, NpyArray masks, int frame, int step, int object, int[] count) {
        int h = f.height();
        int w = f.width();
        int size = masks.shape()[1];
        int cell = size / h;
        float[] map = new float[h * w];
        f.aggregate(frame, step, map);
        int best = 0;
        for (int p = 1; p < map.length; p++) {
            best = map[p] > map[best] ? p : best;
        }
        int by = best / w;
        int bx = best % w;
        boolean present = false;
        boolean on = false;
        boolean other = false;
        for (int py = 0; py < size; py++) {
            for (int px = 0; px < size; px++) {
                int v = (int) masks.getDouble((frame * size + py) * size + px);
                present |= v == object;
                if (py / cell == by && px / cell == bx) {
                    on |= v == object;
                    other |= v != 0 && v != object;
                }
            }
        }
        if (!present) {
            return;
        }
        int where = on ? 0 : other ? 1 : 2;
        count[where]++;
        if (where == 2 && by >= h - 4) {
            count[3]++;
        }
        if (by == 0 || bx == 0 || by == h - 1 || bx == w - 1) {
            count[4]++;
        }
    }
}
