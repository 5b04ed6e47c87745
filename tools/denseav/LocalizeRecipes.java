import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.analysis.dense.AvShapesPrompts;
import io.avlens.analysis.dense.ClassPooledScores;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.analysis.dense.HeadSelectivity;
import io.avlens.analysis.dense.LocalizationEvaluation;
import io.avlens.analysis.dense.Prompt;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code avlens eval --task localize --data DATA --split SPLIT} for several DenseAV-family models at once, from a
 * plain classpath without the product (the clips of the split, each model's dense features, the sidecar's prompts,
 * the masks and the luma for motion energy exactly as the CLI's LocalizeClips feeds LocalizationEvaluation), one
 * line per model and source: {@code java -cp "$CP" tools/denseav/LocalizeRecipes.java DATA SPLIT MODEL.json...}
 * (MODEL {@code shipped} = the built-in denseav-small); with {@code -DperClass=true} each prompt class's pooled AP
 * and number of prompts follow in brackets.
 */
public class LocalizeRecipes {
    public static void main(String[] a) throws Exception {
        boolean perClass = Boolean.getBoolean("perClass"); // -DperClass=true: also each class's AP
        Path data = Path.of(a[0]);
        List<Path> clips = TrainSplit.select(data, DenseAvData.clips(data), a[1]);
        Path tmp = Files.createTempDirectory("localize-recipes");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.deleteQuietly(tmp))); // features: gone at exit
        for (int m = 2; m < a.length; m++) {
            LocalizationEvaluation eval = new LocalizationEvaluation();
            try (DenseAvHeatmaps dense = a[m].equals("shipped") ? DenseAvHeatmaps.shipped(tmp.resolve("models"), 0)
                    : DenseAvHeatmaps.open(Path.of(a[m]), 0)) {
                for (Path mp4 : clips) {
                    String id = mp4.getFileName().toString().replace(".mp4", "");
                    DenseFeatures f = dense.compute(mp4, tmp.resolve(m + "-" + id)).features();
                    JsonObject side = JsonParser.parseString(Files.readString(mp4.resolveSibling(id + ".json")))
                            .getAsJsonObject();
                    List<Prompt> prompts = AvShapesPrompts.of(side);
                    NpyArray masks = Npy.read(mp4.resolveSibling(id + ".masks.npy"));
                    int[] s = masks.shape();
                    byte[] ids = new byte[s[0] * s[1] * s[2]];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = (byte) masks.getLong(i);
                    }
                    var mk = new LocalizationEvaluation.Masks(ids, s[0], s[1], s[2], side.get("fps").getAsDouble());
                    eval.add(f, mk, prompts, luma(mp4, mk));
                }
            }
            LocalizationEvaluation.Report r = eval.report();
            System.out.println("model " + a[m] + " split " + a[1] + " clips " + r.clips() + " skipped " + r.skipped());
            for (Map.Entry<String, Map<Prompt.Kind, ClassPooledScores.Summary>> e : r.scores().entrySet()) {
                StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-13s", e.getKey()));
                for (var k : e.getValue().entrySet()) {
                    ClassPooledScores.Summary x = k.getValue();
                    b.append(String.format(Locale.ROOT, " %s AP %.3f IoU %.3f (n %d)", k.getKey(),
                            x.averagePrecision(), x.bestIou(), x.instants()));
                    if (perClass) { // each class's pooled AP and its prompts
                        b.append(" [");
                        for (var c : x.perClass().entrySet()) {
                            b.append(String.format(Locale.ROOT, " %s %.3f/%d", c.getKey(), c.getValue()[0],
                                    (int) c.getValue()[2]));
                        }
                        b.append(" ]");
                    }
                }
                System.out.println(b);
            }
            for (HeadSelectivity h : r.selectivity()) {
                System.out.println(String.format(Locale.ROOT, "  head%d aSound %.3f aWord %.3f soundSelectivity %.3f"
                        + " (n %d / %d)", h.head(), h.aSound(), h.aWord(), h.soundSelectivity(), h.nSound(),
                        h.nWord()));
            }
        }
    }

    private static float[] luma(Path media, LocalizationEvaluation.Masks m) throws Exception {
        FloatTensor rgb = new FrameReader(new VideoSpec(m.fps(), m.width(), m.height(), FrameFit.STRETCH)).read(media)
                .tensor();
        int plane = m.width() * m.height();
        float[] luma = new float[m.frames() * plane];
        int n = Math.min(m.frames(), rgb.dim(0));
        for (int i = 0; i < n * plane; i++) {
            luma[i] = (float) (0.299 * rgb.getFlat(3 * i) + 0.587 * rgb.getFlat(3 * i + 1)
                    + 0.114 * rgb.getFlat(3 * i + 2));
        }
        return luma;
    }
}
