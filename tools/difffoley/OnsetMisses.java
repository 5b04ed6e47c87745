import io.avlens.analysis.generation.SoundingEvents;
import io.avlens.analysis.generation.OnsetMetrics.Detection;
import io.avlens.core.profile.Profiles;
import io.avlens.media.AudioReader;
import io.avlens.models.cavp.AvShapesData;
import io.avlens.models.difffoley.WaveOnsets;
import java.nio.file.*;
import java.util.*;

/**
 * Where the onsets of generated sounds miss, from a plain classpath (tools/difffoley/classpath.sh):
 * {@code java -cp "$CP" tools/difffoley/OnsetMisses.java DATA N FOLDER|real...} prints, for the first N clips of an
 * AV-Shapes folder, how far each ground-truth on-screen event is from the nearest detected onset of each sample
 * folder (or of the clip's real audio) in bands of 0.1, 0.2, 0.3, 0.5 s and beyond, the signed distances below
 * 0.3 s in 0.05 s bins (negative: the sound comes early), and how far each detection is from the nearest event;
 * the detector is the one {@code avlens eval --task generation} uses ({@link WaveOnsets}).
 */
public class OnsetMisses {
    public static void main(String[] a) throws Exception {
        Path data = Path.of(a[0]); int n = Integer.parseInt(a[1]);
        List<Path> clips;
        try (var s = Files.list(data.resolve("media"))) { clips = s.filter(x -> x.toString().endsWith(".mp4")).sorted().limit(n).toList(); }
        var p = Profiles.AVSHAPES_SMALL; WaveOnsets det = new WaveOnsets(p);
        double[] edges = {0.1, 0.2, 0.3, 0.5, 1e9};
        for (int f = 1; f < a.length; f++) {
            int[] tb = new int[5]; int[] db = new int[5]; int targets = 0, dets = 0; int[] sh = new int[13];
            for (Path mp4 : clips) {
                double[] t = SoundingEvents.read(AvShapesData.sidecar(mp4)).targets();
                Path wav = a[f].equals("real") ? mp4 : Path.of(a[f]).resolve(mp4.getFileName().toString().replace(".mp4", ".wav"));
                if (!Files.exists(wav)) continue;
                List<Detection> d = det.detect(AudioReader.read(wav, p.sampleRate()));
                for (double x : t) { double m = 1e9; double sg = 0; for (Detection y : d) if (Math.abs(y.time() - x) < m) { m = Math.abs(y.time() - x); sg = y.time() - x; } if (m < 0.3) sh[(int) Math.max(0, Math.min(12, Math.round(sg / 0.05) + 6))]++;
                    int k = 0; while (m > edges[k]) k++; tb[k]++; targets++; }
                for (Detection y : d) { double m = 1e9; for (double x : t) m = Math.min(m, Math.abs(y.time() - x));
                    int k = 0; while (m > edges[k]) k++; db[k]++; dets++; }
            }
            System.out.println("  signed det-target (-0.3..0.3 by 0.05): " + Arrays.toString(sh));
            System.out.printf("%-40s targets %d nearest det <=.1 %d, .1-.2 %d, .2-.3 %d, .3-.5 %d, >.5/none %d | dets %d nearest target <=.1 %d .1-.2 %d .2-.3 %d .3-.5 %d >.5 %d%n",
                a[f].length() > 40 ? a[f].substring(a[f].length() - 40) : a[f], targets, tb[0], tb[1], tb[2], tb[3], tb[4], dets, db[0], db[1], db[2], db[3], db[4]);
        }
    }
}
