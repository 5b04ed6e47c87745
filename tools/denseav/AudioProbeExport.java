import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.core.io.FileTrees;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.models.denseav.DenseAvData;
import io.avlens.models.denseav.DenseAvHeatmaps;
import io.avlens.models.denseav.TrainSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports, for the linear probe of tools/denseav/probe.py, the audio encoder's features at every hit or scratch of the
 * split's first CLIPS clips (all heads, channels and frequencies of the audio step holding the event's time) with the
 * sounding object's material (1 ceramic, 2 glass, 3 metal, 4 rubber, 5 wood; colour the same, as in
 * ProbeExport): {@code java -cp "$CP" tools/denseav/AudioProbeExport.java DATA SPLIT MODEL.json|shipped OUT_PREFIX
 * [CLIPS]}. Writes OUT_PREFIX.{x,mat,col,row}.npy (row: 0).
 */
public class AudioProbeExport {
    public static void main(String[] a) throws Exception {
        Path data = Path.of(a[0]);
        List<Path> clips = TrainSplit.select(data, DenseAvData.clips(data), a[1]);
        int max = a.length > 4 ? Integer.parseInt(a[4]) : clips.size();
        Path tmp = Files.createTempDirectory("audio-probe");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.deleteQuietly(tmp))); // features: gone at exit
        List<float[]> rows = new java.util.ArrayList<>();
        List<Integer> labels = new java.util.ArrayList<>();
        try (DenseAvHeatmaps dense = a[2].equals("shipped") ? DenseAvHeatmaps.shipped(tmp.resolve("models"), 0)
                : DenseAvHeatmaps.open(Path.of(a[2]), 0)) {
            for (Path mp4 : clips.subList(0, Math.min(max, clips.size()))) {
                String id = mp4.getFileName().toString().replace(".mp4", "");
                JsonObject side = JsonParser.parseString(Files.readString(mp4.resolveSibling(id + ".json")))
                        .getAsJsonObject();
                Map<Integer, Integer> material = new HashMap<>();
                for (JsonElement e : side.getAsJsonArray("objects")) {
                    JsonObject o = e.getAsJsonObject();
                    material.put(o.get("id").getAsInt(),
                            1 + ProbeExport.MATERIALS.indexOf(o.get("material").getAsString()));
                }
                DenseFeatures f = dense.compute(mp4, tmp.resolve(id)).features();
                FloatTensor au = f.audio(); // [K, C, F, T]
                int k = f.heads(), c = f.channels(), fr = f.freqs(), t = f.steps();
                for (JsonElement e : side.getAsJsonArray("events")) {
                    JsonObject o = e.getAsJsonObject();
                    String type = o.get("type").getAsString();
                    if ((type.equals("hit") || type.equals("scratch")) && o.has("objectId")) {
                        int step = f.stepAt(o.get("time").getAsDouble());
                        float[] v = new float[k * c * fr];
                        for (int i = 0; i < k * c * fr; i++) {
                            v[i] = au.getFlat(i * t + step);
                        }
                        rows.add(v);
                        labels.add(material.get(o.get("objectId").getAsInt()));
                    }
                }
            }
        }
        int n = rows.size();
        int d = rows.get(0).length;
        float[] x = new float[n * d];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows.get(i), 0, x, i * d, d);
            y[i] = labels.get(i);
        }
        Npy.write(Path.of(a[3] + ".x.npy"), FloatTensor.of(new int[] {n, d}, x));
        Npy.write(Path.of(a[3] + ".mat.npy"), FloatTensor.of(new int[] {n}, y));
        Npy.write(Path.of(a[3] + ".col.npy"), FloatTensor.of(new int[] {n}, y));
        Npy.write(Path.of(a[3] + ".row.npy"), FloatTensor.of(new int[] {n}, new float[n]));
        System.out.println(a[3] + ": " + n + " sound events, " + d + " features");
    }
}
