package io.avlens.models.difffoley;

import io.avlens.analysis.generation.OnsetMetrics.Detection;
import io.avlens.analysis.generation.SoundingEvents;
import io.avlens.core.profile.Profiles;
import io.avlens.media.AudioReader;
import io.avlens.models.cavp.AvShapesData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Experiment: the guidance classifier's clean logit (n = 0) on generated samples, split by whether the sample misses
 * an on-screen event by more than 0.1 s. java ... SampleLogits DATA N CLASSIFIER.params FOLDER...
 */
public final class SampleLogits {
    public static void main(String[] a) throws Exception {
        System.setProperty("df.data", a[0]);
        DiffFoleyConfig c = DiffFoleyConfig.small();
        List<TrainingClip> clips = Retime.clips(a[0], a[1]);
        WaveOnsets det = new WaveOnsets(Profiles.AVSHAPES_SMALL);
        NoiseSchedule s = NoiseSchedule.diffFoley();
        try (DiffFoleyPart<AlignmentClassifierBlock> model = Retime.classifier(a[2])) {
            for (int f = 3; f < a.length; f++) {
                Path folder = Path.of(a[f]);
                double sumHit = 0, sumMiss = 0, sumReal = 0; int nHit = 0, nMiss = 0; double wins = 0; int pairs = 0;
                double[] hitL = new double[clips.size()], missL = new double[clips.size()];
                for (TrainingClip clip : clips) {
                    Path mp4 = Path.of(a[0]).resolve("media").resolve(clip.id() + ".mp4");
                    double[] t = SoundingEvents.read(AvShapesData.sidecar(mp4)).targets();
                    Path wav = folder.resolve(clip.id() + ".wav");
                    Path npy = folder.resolve(clip.id() + ".mel.npy");
                    if (!Files.exists(wav) || t.length == 0) continue;
                    List<Detection> d = det.detect(AudioReader.read(wav, 16000));
                    int miss = 0;
                    for (double x : t) {
                        double m = 1e9;
                        for (Detection y : d) m = Math.min(m, Math.abs(y.time() - x));
                        if (m > 0.1) miss++;
                    }
                    float[] mel = npy(npy);
                    for (int i = 0; i < mel.length; i++) mel[i] = 2 * mel[i] - 1;
                    double z = RetimeCheck.logit(model, c, clip, mel, 0, 1, s);
                    sumReal += RetimeCheck.logit(model, c, clip, clip.mel(), 0, 1, s);
                    if (miss > 0) { missL[nMiss++] = z; sumMiss += z; } else { hitL[nHit++] = z; sumHit += z; }
                }
                for (int i = 0; i < nHit; i++) for (int j = 0; j < nMiss; j++) { wins += hitL[i] > missL[j] ? 1 : hitL[i] == missL[j] ? 0.5 : 0; pairs++; }
                System.out.printf("%s: clips all-hit %d mean logit %.2f | with a miss %d mean logit %.2f | AUC hit>miss %.3f | real mean %.2f | share of missing clips with logit>2: %.2f%n",
                        folder, nHit, sumHit / nHit, nMiss, sumMiss / nMiss, wins / pairs, sumReal / (nHit + nMiss), share(missL, nMiss, 2));
            }
        }
    }

    static double share(double[] v, int n, double th) { int k = 0; for (int i = 0; i < n; i++) if (v[i] > th) k++; return (double) k / n; }

    static float[] npy(Path p) throws Exception {
        byte[] b = Files.readAllBytes(p);
        int hl = (b[8] & 0xff) | (b[9] & 0xff) << 8;
        ByteBuffer bb = ByteBuffer.wrap(b, 10 + hl, b.length - 10 - hl).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[(b.length - 10 - hl) / 4];
        bb.asFloatBuffer().get(out);
        return out;
    }
}
