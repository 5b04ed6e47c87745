package io.avlens.models.difffoley;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.analysis.generation.OnsetMetrics.Detection;
import io.avlens.core.profile.Profiles;
import io.avlens.media.AudioReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Experiment: for each on-screen hit a generated sample misses (no detected onset within 0.1 s), the classifier's
 * logit on the sample, and on the sample with the real sound's span of that hit pasted in (max, one frame before
 * to 0.3 s after). Does the classifier reward adding the missed hit? java ... PasteCheck DATA N CLASSIFIER FOLDER
 */
public final class PasteCheck {
    public static void main(String[] a) throws Exception {
        DiffFoleyConfig c = DiffFoleyConfig.small();
        List<TrainingClip> clips = Retime.clips(a[0], a[1]);
        int bins = c.melBins(), frames = c.melFrames();
        NoiseSchedule s = NoiseSchedule.diffFoley();
        WaveOnsets det = new WaveOnsets(Profiles.AVSHAPES_SMALL);
        Path folder = Path.of(a[3]);
        try (DiffFoleyPart<AlignmentClassifierBlock> model = Retime.classifier(a[2])) {
            for (int n : new int[] {0, 300, 600}) {
                String[] kinds = {"floor", "wall", "object"};
                double[] up = new double[3], base = new double[3]; int[] cnt = new int[3];
                for (TrainingClip clip : clips) {
                    Path wav = folder.resolve(clip.id() + ".wav");
                    if (!Files.exists(wav)) continue;
                    List<Detection> d = det.detect(AudioReader.read(wav, 16000));
                    float[] gen = SampleLogits.npy(folder.resolve(clip.id() + ".mel.npy"));
                    for (int i = 0; i < gen.length; i++) gen[i] = 2 * gen[i] - 1;
                    double z0 = RetimeCheck.logit(model, c, clip, gen, n, 5, s);
                    JsonObject side = JsonParser.parseString(Files.readString(Path.of(a[0]).resolve("media").resolve(clip.id() + ".json"))).getAsJsonObject();
                    for (JsonElement el : side.getAsJsonArray("events")) {
                        JsonObject e = el.getAsJsonObject();
                        if (!e.get("type").getAsString().equals("hit") || e.get("objectId").getAsInt() <= 0) continue;
                        double x = e.get("time").getAsDouble();
                        int k = java.util.Arrays.asList(kinds).indexOf(e.get("surface").getAsString());
                        int start = (int) Math.round(x * 64);
                        if (k < 0 || start >= frames - 2) continue;
                        double mm = 1e9; for (Detection y : d) mm = Math.min(mm, Math.abs(y.time() - x));
                        if (mm <= 0.1) continue;
                        float[] mel = gen.clone();
                        for (int m = 0; m < bins; m++) for (int f = Math.max(0, start - 1); f < Math.min(frames, start + 19); f++)
                            mel[m * frames + f] = Math.max(mel[m * frames + f], clip.mel()[m * frames + f]);
                        double z = RetimeCheck.logit(model, c, clip, mel, n, 5, s);
                        up[k] += z - z0; base[k] += z0; cnt[k]++;
                    }
                }
                StringBuilder sb = new StringBuilder("n=" + n + ":");
                for (int k = 0; k < 3; k++) sb.append(String.format("  %s %d missed: logit %.2f, pasting the real hit %+.2f", kinds[k], cnt[k], base[k] / cnt[k], up[k] / cnt[k]));
                System.out.println(sb);
            }
        }
    }
}
