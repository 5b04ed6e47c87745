import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.core.profile.Profiles;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.media.AudioReader;
import io.avlens.media.dsp.LogMelSpectrogram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the log-mel front end (avshapes-small: 16 kHz, 64 bands, 64 frames a second) keeps of each on-screen hit, for a
 * probe of how far material and size can be read from the input alone (tools/mc3/front_end_probe.py), from a plain
 * classpath (tools/mc3/classpath.sh): {@code java -cp "$CP" tools/mc3/HitPatches.java DATA N OUT_PREFIX}. For every
 * hit of an object in view in the first N clips whose nearest other sounding event is at least 0.25 s away, the
 * log-mel frames from its onset to 0.25 s after (64 bands x 16 frames) go to OUT_PREFIX.x.npy, and material index
 * (wood, metal, glass, ceramic, rubber), radius (px) and clip index to OUT_PREFIX.y.npy ([n, 3]).
 */
public class HitPatches {
    static final List<String> MATERIALS = List.of("wood", "metal", "glass", "ceramic", "rubber");

    public static void main(String[] a) throws Exception {
        Path data = Path.of(a[0]);
        int n = Integer.parseInt(a[1]);
        List<Path> clips;
        try (var s = Files.list(data.resolve("media"))) {
            clips = s.filter(x -> x.toString().endsWith(".mp4")).sorted().limit(n).toList();
        }
        var profile = Profiles.AVSHAPES_SMALL;
        LogMelSpectrogram mel = LogMelSpectrogram.of(profile);
        int frames = 16;
        List<float[]> xs = new ArrayList<>();
        List<float[]> ys = new ArrayList<>();
        for (int ci = 0; ci < clips.size(); ci++) {
            Path mp4 = clips.get(ci);
            JsonObject side = JsonParser.parseString(Files.readString(
                    mp4.resolveSibling(mp4.getFileName().toString().replace(".mp4", ".json")))).getAsJsonObject();
            if (side.has("lagSeconds") && side.get("lagSeconds").getAsDouble() != 0) {
                continue;
            }
            java.util.Map<Integer, JsonObject> objects = new java.util.HashMap<>();
            for (JsonElement o : side.getAsJsonArray("objects")) {
                objects.put(o.getAsJsonObject().get("id").getAsInt(), o.getAsJsonObject());
            }
            List<Double> sounding = new ArrayList<>(); // the time of every event that makes a sound
            for (JsonElement el : side.getAsJsonArray("events")) {
                if (!el.getAsJsonObject().get("type").getAsString().equals("silent")) {
                    sounding.add(el.getAsJsonObject().get("time").getAsDouble());
                }
            }
            float[] v = null; // the clip's log-mel [bins, cols], decoded at its first lone hit
            int bins = 0;
            int cols = 0;
            for (JsonElement el : side.getAsJsonArray("events")) {
                JsonObject e = el.getAsJsonObject();
                int id = e.has("objectId") ? e.get("objectId").getAsInt() : 0;
                if (!e.get("type").getAsString().equals("hit") || id <= 0) {
                    continue;
                }
                double t = e.get("time").getAsDouble();
                if (sounding.stream().filter(o -> Math.abs(o - t) < 0.25).count() > 1) {
                    continue; // another sound within 0.25 s (or at the same instant): not this hit's alone
                }
                if (v == null) {
                    FloatTensor m = mel.compute(AudioReader.read(mp4, profile.sampleRate()));
                    v = m.toArray();
                    bins = m.shape()[0];
                    cols = m.shape()[1];
                }
                int start = (int) Math.round(t * profile.melFramesPerSecond());
                if (start + frames > cols) {
                    continue;
                }
                float[] x = new float[bins * frames];
                for (int b = 0; b < bins; b++) {
                    System.arraycopy(v, b * cols + start, x, b * frames, frames);
                }
                JsonObject obj = objects.get(id);
                xs.add(x);
                ys.add(new float[] {MATERIALS.indexOf(obj.get("material").getAsString()),
                    obj.get("radius").getAsFloat(), ci});
            }
        }
        int bins = xs.isEmpty() ? 0 : xs.get(0).length / frames;
        float[] x = new float[xs.size() * bins * frames];
        float[] y = new float[ys.size() * 3];
        for (int i = 0; i < xs.size(); i++) {
            System.arraycopy(xs.get(i), 0, x, i * bins * frames, bins * frames);
            System.arraycopy(ys.get(i), 0, y, i * 3, 3);
        }
        Npy.write(Path.of(a[2] + ".x.npy"), FloatTensor.wrap(new int[] {xs.size(), bins, frames}, x));
        Npy.write(Path.of(a[2] + ".y.npy"), FloatTensor.wrap(new int[] {ys.size(), 3}, y));
        System.out.println(xs.size() + " lone hits from " + clips.size() + " clips");
    }
}
