import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.core.io.FileTrees;
import io.avlens.core.profile.FrameFit;
import io.avlens.core.profile.VideoSpec;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import io.avlens.media.FrameReader;
import io.avlens.models.denseav.DenseAvData;
import io.avlens.models.denseav.DenseAvHeatmaps;
import io.avlens.models.denseav.TrainSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports, for a linear probe (tools/denseav/probe.py), the image encoder's feature vector of every cell of the
 * 16 × 16 map of every STEP-th frame of the split's first CLIPS clips, with the cell's label: the object covering most
 * of the cell's pixels (background if none covers more than background does), as its material and its colour, and
 * the cell's own pixels (a pixels-only probe for contrast): {@code java -cp "$CP" tools/denseav/ProbeExport.java DATA
 * SPLIT MODEL.json|shipped OUT_PREFIX [CLIPS [STEP]]}. Writes OUT_PREFIX.{x,pix,mat,col,row}.npy (float32;
 * materials: 0 background, then ceramic, glass, metal, rubber, wood; colours: 0 background, then COLOURS).
 */
public class ProbeExport {
    static final List<String> MATERIALS = List.of("ceramic", "glass", "metal", "rubber", "wood");
    static final List<String> COLOURS = List.of("blue", "brown", "red", "silver", "white");

    public static void main(String[] a) throws Exception {
        Path data = Path.of(a[0]);
        List<Path> clips = TrainSplit.select(data, DenseAvData.clips(data), a[1]);
        int max = a.length > 4 ? Integer.parseInt(a[4]) : clips.size();
        int step = a.length > 5 ? Integer.parseInt(a[5]) : 4;
        Path tmp = Files.createTempDirectory("probe-export");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.deleteQuietly(tmp))); // features: gone at exit
        FloatList x = new FloatList(), pix = new FloatList(), mat = new FloatList(), col = new FloatList(),
                row = new FloatList();
        int dim = -1;
        int cellsH = 0, cellsW = 0;
        try (DenseAvHeatmaps dense = a[2].equals("shipped") ? DenseAvHeatmaps.shipped(tmp.resolve("models"), 0)
                : DenseAvHeatmaps.open(Path.of(a[2]), 0)) {
            for (Path mp4 : clips.subList(0, Math.min(max, clips.size()))) {
                String id = mp4.getFileName().toString().replace(".mp4", "");
                JsonObject side = JsonParser.parseString(Files.readString(mp4.resolveSibling(id + ".json")))
                        .getAsJsonObject();
                Map<Integer, Integer> material = new HashMap<>();
                Map<Integer, Integer> colour = new HashMap<>();
                for (JsonElement e : side.getAsJsonArray("objects")) {
                    JsonObject o = e.getAsJsonObject();
                    material.put(o.get("id").getAsInt(), 1 + MATERIALS.indexOf(o.get("material").getAsString()));
                    int c = COLOURS.indexOf(o.get("colour").getAsString());
                    if (c < 0) {
                        throw new IllegalStateException("unknown colour " + o.get("colour") + " in " + id);
                    }
                    colour.put(o.get("id").getAsInt(), 1 + c);
                }
                NpyArray masks = Npy.read(mp4.resolveSibling(id + ".masks.npy"));
                int[] s = masks.shape();
                int h = s[1], w = s[2];
                double fps = side.get("fps").getAsDouble();
                DenseFeatures feat = dense.compute(mp4, tmp.resolve(id)).features();
                FloatTensor img = feat.image();
                FloatTensor rgb = new FrameReader(new VideoSpec(fps, w, h, FrameFit.STRETCH)).read(mp4).tensor();
                int heads = feat.heads(), ch = feat.channels();
                cellsH = feat.height();
                cellsW = feat.width();
                dim = heads * ch;
                int ph = h / cellsH, pw = w / cellsW;
                int frames = Math.min(Math.min(s[0], feat.frames()), rgb.dim(0));
                for (int f = 0; f < frames; f += step) {
                    for (int cy = 0; cy < cellsH; cy++) {
                        for (int cx = 0; cx < cellsW; cx++) {
                            Map<Integer, Integer> votes = new HashMap<>();
                            for (int y = cy * ph; y < (cy + 1) * ph; y++) {
                                for (int xx = cx * pw; xx < (cx + 1) * pw; xx++) {
                                    int o = (int) masks.getLong((f * h + y) * w + xx);
                                    votes.merge(o, 1, Integer::sum);
                                    int q = 3 * ((f * h + y) * w + xx);
                                    for (int k = 0; k < 3; k++) {
                                        pix.add(rgb.getFlat(q + k));
                                    }
                                }
                            }
                            int best = votes.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
                            mat.add(best > 0 ? material.get(best) : 0);
                            col.add(best > 0 ? colour.get(best) : 0);
                            row.add(cy);
                            for (int k = 0; k < heads; k++) {
                                for (int c = 0; c < ch; c++) {
                                    x.add(img.getFlat((((f * heads + k) * ch + c) * cellsH + cy) * cellsW + cx));
                                }
                            }
                        }
                    }
                }
            }
        }
        int n = mat.size;
        Npy.write(Path.of(a[3] + ".x.npy"), FloatTensor.of(new int[] {n, dim}, x.array()));
        Npy.write(Path.of(a[3] + ".pix.npy"), FloatTensor.of(new int[] {n, pix.size / n}, pix.array()));
        Npy.write(Path.of(a[3] + ".mat.npy"), FloatTensor.of(new int[] {n}, mat.array()));
        Npy.write(Path.of(a[3] + ".col.npy"), FloatTensor.of(new int[] {n}, col.array()));
        Npy.write(Path.of(a[3] + ".row.npy"), FloatTensor.of(new int[] {n}, row.array()));
        System.out.println(a[3] + ": " + n + " cells (" + cellsH + " x " + cellsW + " per frame), " + dim
                + " features");
    }

    static final class FloatList {
        float[] v = new float[1 << 16];
        int size;

        void add(float f) {
            if (size == v.length) {
                v = java.util.Arrays.copyOf(v, v.length * 2);
            }
            v[size++] = f;
        }

        float[] array() {
            return java.util.Arrays.copyOf(v, size);
        }
    }
}
