import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.GuidanceSettings;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.inference.*;
import io.avlens.inference.descriptor.*;
import io.avlens.media.WavWriter;
import io.avlens.models.cavp.StepAlignedClip;
import io.avlens.models.difffoley.*;
import java.nio.file.*;
import java.util.*;
import org.eclipse.core.runtime.NullProgressMonitor;

/**
 * Generates sample records for the first N clips of an AV-Shapes folder, one folder per guidance cell, from a plain
 * classpath (tools/difffoley/classpath.sh):
 * {@code java -cp "$CP" tools/difffoley/GenerateSamples.java DESCRIPTOR DATA N OUT "1,0;4.5,0;4.5,50" [SEED]}
 * writes OUT/CELL/clip-NNNNN.{wav,mel.npy,json} (DPM-Solver++, 25 steps, seed 21 unless given), the layout
 * {@code avlens eval --task generation --samples OUT/CELL} and tools/difffoley/JudgeSamples.java score. For designing
 * weights before a product build; the product's {@code avlens generate} writes the same records, from the same noise
 * (a clip's noise comes from the seed and the clip's name, {@code GuidanceSettings.noiseSeed}, so one seed gives
 * every clip noise of its own and the cells of a clip the same noise).
 */
public class GenerateSamples {
    public static void main(String[] a) throws Exception {
        Path df = Path.of(a[0]);
        Path data = Path.of(a[1]);
        int n = Integer.parseInt(a[2]);
        Path out = Path.of(a[3]);
        DiffFoleyModel model = DiffFoleyModel.open(df, DiffFoleyConfig.small(), 1);
        ModelDescriptor d = model.descriptor();
        DiffFoleyGenerator g = model.generator();
        List<GuidanceSettings> cells = new ArrayList<>();
        long seed = a.length > 5 ? Long.parseLong(a[5]) : 21;
        for (String c : a[4].split(";")) {
            String[] p = c.split(",");
            cells.add(new GuidanceSettings(Double.parseDouble(p[0]), Double.parseDouble(p[1]), 25, "dpm", seed));
        }
        List<Path> clips;
        try (var s = Files.list(data.resolve("media"))) {
            clips = s.filter(x -> x.toString().endsWith(".mp4")).sorted().limit(n).toList();
        }
        List<Path> folders = new ArrayList<>();
        for (GuidanceSettings c : cells) {
            folders.add(Files.createDirectories(out.resolve(c.stem())));
        }
        long t0 = System.nanoTime();
        for (int k = 0; k < clips.size(); k++) {
            Path mp4 = clips.get(k);
            ClipCondition clip = ClipCondition.of(StepAlignedClip.decode(mp4, d.profile()), d.profile());
            List<GuidanceSettings> these = cells;
            List<FloatTensor> mels = g.generate(clip, DiffFoleyGenerator.clipName(mp4), these,
                    new NullProgressMonitor());
            for (int i = 0; i < cells.size(); i++) {
                Path f = folders.get(i);
                String stem = mp4.getFileName().toString().replace(".mp4", "");
                GeneratedSample s = new GeneratedSample(mp4.toAbsolutePath().toString(), d.id(), these.get(i), stem,
                        false, Map.of());
                WavWriter.write(s.wav(f), g.vocode(mels.get(i)), WavWriter.Encoding.PCM_16);
                Npy.write(s.mel(f), mels.get(i));
                s.write(f);
            }
        }
        System.out.printf("%d clips %.1f s%n", clips.size(), (System.nanoTime() - t0) / 1e9);
    }
}
