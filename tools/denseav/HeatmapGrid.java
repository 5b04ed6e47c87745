import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.analysis.dense.AvShapesPrompts;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.analysis.dense.Prompt;
import io.avlens.analysis.dense.PromptHeatmap;
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
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A picture of what a DenseAV model's heatmaps light up: one row per prompt (the first sound prompt of each of the
 * split's first clips, then the first word prompt of the next clips), columns the frame at the prompt's instant, the
 * prompted object's mask (other objects grey), and each head's and the heads' maximum heatmap at the prompt's audio
 * steps, min-max normalised as the eval does (16 × 16 cells drawn as blocks): {@code java -cp "$CP"
 * tools/denseav/HeatmapGrid.java DATA SPLIT MODEL.json|shipped OUT.png [SOUNDS [WORDS]]}.
 */
public class HeatmapGrid {
    static final int S = 160;

    public static void main(String[] a) throws Exception {
        Path data = Path.of(a[0]);
        List<Path> clips = TrainSplit.select(data, DenseAvData.clips(data), a[1]);
        int sounds = a.length > 4 ? Integer.parseInt(a[4]) : 10;
        int words = a.length > 5 ? Integer.parseInt(a[5]) : 5;
        Path tmp = Files.createTempDirectory("heatmap-grid");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.deleteQuietly(tmp))); // features: gone at exit
        try (DenseAvHeatmaps dense = a[2].equals("shipped") ? DenseAvHeatmaps.shipped(tmp.resolve("models"), 0)
                : DenseAvHeatmaps.open(Path.of(a[2]), 0)) {
            int heads = -1;
            BufferedImage img = null;
            Graphics2D g = null;
            int row = 0;
            for (Path mp4 : clips) {
                if (row >= sounds + words) {
                    break;
                }
                Prompt.Kind want = row < sounds ? Prompt.Kind.SOUND : Prompt.Kind.WORD;
                String id = mp4.getFileName().toString().replace(".mp4", "");
                JsonObject side = JsonParser.parseString(Files.readString(mp4.resolveSibling(id + ".json")))
                        .getAsJsonObject();
                Prompt p = AvShapesPrompts.of(side).stream().filter(x -> x.kind() == want).findFirst().orElse(null);
                if (p == null) {
                    continue;
                }
                NpyArray masks = Npy.read(mp4.resolveSibling(id + ".masks.npy"));
                int[] s = masks.shape();
                double fps = side.get("fps").getAsDouble();
                int f = Math.min(s[0] - 1, (int) Math.floor(p.seconds() * fps + 1e-9));
                DenseFeatures feat = dense.compute(mp4, tmp.resolve(id)).features();
                if (img == null) {
                    heads = feat.heads();
                    img = new BufferedImage((3 + heads) * (S + 4), (sounds + words) * (S + 18),
                            BufferedImage.TYPE_INT_RGB);
                    g = img.createGraphics();
                }
                int y0 = row * (S + 18);
                g.setColor(Color.WHITE);
                g.drawString(id + " " + p.kind().id() + " '" + p.label() + "' obj " + p.objectId() + " t="
                        + p.seconds() + " frame " + f, 2, y0 + 13);
                y0 += 16;
                FloatTensor rgb = new FrameReader(new VideoSpec(fps, s[2], s[1], FrameFit.STRETCH)).read(mp4).tensor();
                for (int y = 0; y < S; y++) {
                    for (int x = 0; x < S; x++) {
                        int py = y * s[1] / S;
                        int px = x * s[2] / S;
                        int q = 3 * ((f * s[1] + py) * s[2] + px);
                        img.setRGB(x, y0 + y, rgb(rgb.getFlat(q), rgb.getFlat(q + 1), rgb.getFlat(q + 2)));
                        int o = (int) masks.getLong((f * s[1] + py) * s[2] + px);
                        float m = o == p.objectId() ? 1f : o > 0 ? 0.35f : 0f;
                        img.setRGB(S + 4 + x, y0 + y, rgb(m, m, m));
                    }
                }
                int[] st = p.steps(feat);
                int ff = feat.frameAt(p.seconds());
                for (int k = 0; k <= heads; k++) {
                    int head = k < heads ? k : PromptHeatmap.AGGREGATE;
                    float[] map = PromptHeatmap.normalise(PromptHeatmap.timeAveraged(feat, ff, head, st[0], st[1]));
                    int x0 = (2 + k) * (S + 4);
                    for (int y = 0; y < S; y++) {
                        for (int x = 0; x < S; x++) {
                            float v = map[(y * feat.height() / S) * feat.width() + x * feat.width() / S];
                            img.setRGB(x0 + x, y0 + y, heat(v));
                        }
                    }
                }
                row++;
            }
            javax.imageio.ImageIO.write(img, "png", Path.of(a[3]).toFile());
            System.out.println(row + " rows, columns: frame, mask, " + heads + " heads, max; " + a[3]);
        }
    }

    static int rgb(float r, float g, float b) {
        return (c(r) << 16) | (c(g) << 8) | c(b);
    }

    static int c(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }

    /** Black → red → yellow → white. */
    static int heat(float v) {
        return rgb(Math.min(1, 3 * v), Math.max(0, Math.min(1, 3 * v - 1)), Math.max(0, Math.min(1, 3 * v - 2)));
    }
}
