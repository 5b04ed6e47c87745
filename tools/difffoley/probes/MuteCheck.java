package io.avlens.models.difffoley;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Experiment: does the guidance classifier notice one on-screen hit taken out of the real sound (its span cleared to
 * the clip's per-bin floor), split by what the object hit (floor, wall, another object)? Paired AUC own > muted.
 * java ... MuteCheck DATA N CLASSIFIER.params...
 */
public final class MuteCheck {
    public static void main(String[] a) throws Exception {
        DiffFoleyConfig c = DiffFoleyConfig.small();
        List<TrainingClip> clips = Retime.clips(a[0], a[1]);
        int bins = c.melBins(), frames = c.melFrames();
        NoiseSchedule s = NoiseSchedule.diffFoley();
        for (int p = 2; p < a.length; p++) {
            try (DiffFoleyPart<AlignmentClassifierBlock> model = Retime.classifier(a[p])) {
                for (int n : new int[] {0, 300}) {
                    String[] kinds = {"floor", "wall", "object"};
                    double[] win = new double[3], drop = new double[3]; int[] cnt = new int[3];
                    for (TrainingClip clip : clips) {
                        JsonObject side = JsonParser.parseString(Files.readString(Path.of(a[0]).resolve("media").resolve(clip.id() + ".json"))).getAsJsonObject();
                        double own = RetimeCheck.logit(model, c, clip, clip.mel(), n, 5, s);
                        for (JsonElement el : side.getAsJsonArray("events")) {
                            JsonObject e = el.getAsJsonObject();
                            if (!e.get("type").getAsString().equals("hit") || e.get("objectId").getAsInt() <= 0) continue;
                            int k = Arrays.asList(kinds).indexOf(e.get("surface").getAsString());
                            int start = (int) Math.round(e.get("time").getAsDouble() * 64);
                            if (k < 0 || start >= frames - 2) continue;
                            float[] mel = mute(clip.mel(), bins, frames, start);
                            double z = RetimeCheck.logit(model, c, clip, mel, n, 5, s);
                            win[k] += own > z ? 1 : 0; drop[k] += own - z; cnt[k]++;
                        }
                    }
                    StringBuilder sb = new StringBuilder(Path.of(a[p]).getParent().getFileName() + " n=" + n + ":");
                    for (int k = 0; k < 3; k++) sb.append(String.format("  %s %d hits: AUC %.3f, mean logit drop %.2f", kinds[k], cnt[k], win[k] / cnt[k], drop[k] / cnt[k]));
                    System.out.println(sb);
                }
            }
        }
    }

    /** The span from one frame before the hit to 0.3 s after it (or until the next rise) cleared to the floor. */
    static float[] mute(float[] mel, int bins, int frames, int start) {
        float[] out = mel.clone();
        float[] row = new float[frames];
        for (int m = 0; m < bins; m++) {
            System.arraycopy(mel, m * frames, row, 0, frames);
            Arrays.sort(row);
            float floor = row[frames / 5];
            for (int f = Math.max(0, start - 1); f < Math.min(frames, start + 19); f++) {
                out[m * frames + f] = Math.min(out[m * frames + f], floor);
            }
        }
        return out;
    }
}
