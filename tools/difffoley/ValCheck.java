import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.analysis.generation.GuidanceSettings;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.Device;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.inference.djl.DjlInferenceServices;
import io.avlens.inference.djl.internal.DjlProgramEngine;
import io.avlens.media.AudioReader;
import io.avlens.media.AudioSignal;
import io.avlens.media.dsp.OnsetDetector;
import io.avlens.models.cavp.StepAlignedClip;
import io.avlens.models.difffoley.ClipCondition;
import io.avlens.models.difffoley.DiffFoleyBlockFactory;
import io.avlens.models.difffoley.DiffFoleyGenerator;
import io.avlens.runner.task.ModelParts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.core.runtime.NullProgressMonitor;

/**
 * A design check of Diff-Foley-small weights on held-out AV-Shapes clips, from a plain classpath
 * (tools/difffoley/classpath.sh): {@code java -cp "$CP" tools/difffoley/ValCheck.java DESCRIPTOR DATA N [STEPS]}.
 * For the first N clips with an on-screen sounding event and the cells (ω, γ) = (1, 0), (4.5, 0), (4.5, 50)
 * (DPM-Solver++, seed 21) it prints per cell: onset precision and recall within 0.1 s against the sidecar's hit and
 * scratch times, the mean |sync offset| of CAVP-small's estimate, the classifier score, and the same onset figures
 * for the real audio (the ceiling).
 */
public class ValCheck {
    public static void main(String[] a) throws Exception {
        Path descriptorFile = Path.of(a[0]);
        Path data = Path.of(a[1]);
        int n = Integer.parseInt(a[2]);
        int steps = a.length > 3 ? Integer.parseInt(a[3]) : 25;
        ModelDescriptor d = ModelDescriptors.read(descriptorFile);
        var service = DjlInferenceServices.cpu(List.of(new DiffFoleyBlockFactory()));
        Map<String, LoadedModel> parts = new LinkedHashMap<>();
        for (ModelDescriptor.Component part : d.parts()) {
            parts.put(part.role(), service.load(ModelDescriptors.toSpec(descriptorFile, d, part,
                    ModelSpec.Options.DEFAULT.withDevice(Device.CPU).withThreads(2))));
        }
        DiffFoleyGenerator g = new DiffFoleyGenerator(ModelParts.of(parts), new DjlProgramEngine(), d.profile());
        double[][] cellsSpec = a.length > 4 ? parse(a[4]) : new double[][] {{1, 0}, {4.5, 0}, {4.5, 50}};
        List<GuidanceSettings> cells = new ArrayList<>();
        for (double[] c : cellsSpec) {
            cells.add(new GuidanceSettings(c[0], c[1], steps, "dpm", 21));
        }
        OnsetDetector onsets = OnsetDetector.of(d.profile());
        int m = cells.size();
        double[] tp = new double[m + 1], np = new double[m + 1], hit = new double[m + 1], sync = new double[m + 1],
                score = new double[m];
        double truths = 0;
        int used = 0;
        long t0 = System.nanoTime();
        List<Path> clips;
        try (var s = Files.list(data.resolve("media"))) {
            clips = s.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
        }
        for (Path mp4 : clips) {
            if (used >= n) {
                break;
            }
            double[] events = events(mp4);
            if (events.length == 0) {
                continue;
            }
            used++;
            truths += events.length;
            StepAlignedClip decoded = StepAlignedClip.decode(mp4, d.profile());
            ClipCondition clip = ClipCondition.of(decoded, d.profile());
            List<FloatTensor> mels = g.generate(clip, DiffFoleyGenerator.clipName(mp4), cells, new NullProgressMonitor());
            double[] sc = g.classifierScores(g.videoFeatures(clip), mels);
            for (int i = 0; i <= m; i++) {
                AudioSignal sound = i < m ? g.vocode(mels.get(i)) : AudioReader.read(mp4, d.profile().sampleRate());
                double[] found = onsets.onsets(sound);
                np[i] += found.length;
                tp[i] += matched(found, events);
                hit[i] += matched(events, found);
                sync[i] += Math.abs(g.syncOffset(clip, i < m ? mels.get(i) : decoded.mel()));
                if (i < m) {
                    score[i] += sc[i];
                }
            }
        }
        System.out.printf(Locale.ROOT, "n = %d clips, %d on-screen events, %.1f s%n", used, (int) truths,
                (System.nanoTime() - t0) / 1e9);
        for (int i = 0; i <= m; i++) {
            String name = i < m ? "w" + cellsSpec[i][0] + " g" + cellsSpec[i][1] : "real";
            System.out.printf(Locale.ROOT, "%-12s onsetPrecision %.3f recall %.3f  |sync| %.3f s  classifier %s%n",
                    name, tp[i] / Math.max(1, np[i]), hit[i] / truths, sync[i] / used,
                    i < m ? String.format(Locale.ROOT, "%.3f", score[i] / used) : "-");
        }
    }

    static double[][] parse(String s) {
        String[] cells = s.split(";");
        double[][] out = new double[cells.length][];
        for (int i = 0; i < cells.length; i++) {
            String[] p = cells[i].split(",");
            out[i] = new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])};
        }
        return out;
    }

    /** How many of {@code a} lie within 0.1 s of some {@code b}. */
    static int matched(double[] a, double[] b) {
        int k = 0;
        for (double x : a) {
            for (double y : b) {
                if (Math.abs(x - y) <= 0.1) {
                    k++;
                    break;
                }
            }
        }
        return k;
    }

    static double[] events(Path mp4) throws Exception {
        Path json = mp4.resolveSibling(mp4.getFileName().toString().replace(".mp4", ".json"));
        JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        List<Double> t = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("events")) {
            String type = e.getAsJsonObject().get("type").getAsString();
            if (type.equals("hit") || type.equals("scratch")) {
                t.add(e.getAsJsonObject().get("time").getAsDouble());
            }
        }
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
