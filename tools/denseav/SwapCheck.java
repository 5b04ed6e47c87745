import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import io.avlens.models.denseav.BackgroundSwap;
import io.avlens.models.denseav.DenseAvConfig;
import io.avlens.models.denseav.DenseAvData;
import io.avlens.models.denseav.DenseClip;
import io.avlens.models.denseav.TrainSplit;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the background swap (BackgroundSwap) shows the image encoder: a PNG of frame 12 of the first 8 of N clips of
 * a split (left as decoded, right with the next clip's background), and the share of object and background pixels
 * left unchanged over every frame: {@code java -cp "$CP" tools/denseav/SwapCheck.java DATA SPLIT N OUT.png}.
 */
public class SwapCheck {
    public static void main(String[] a) throws Exception {
        Path data = Path.of(a[0]);
        List<Path> files = TrainSplit.select(data, DenseAvData.clips(data), a[1]);
        files = files.subList(0, Math.min(files.size(), Integer.parseInt(a[2])));
        List<DenseClip> clips = new DenseAvData(DenseAvConfig.small()).load(data, files, () -> false);
        BackgroundSwap swap = BackgroundSwap.of(clips, BackgroundSwap.masks(files));
        long objKept = 0, obj = 0, bgKept = 0, bg = 0;
        int rows = Math.min(8, clips.size());
        BufferedImage img = new BufferedImage(2 * 3 * 64 + 4, rows * (3 * 64 + 4), BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < clips.size(); i++) {
            DenseClip c = clips.get(i);
            String id = files.get(i).getFileName().toString().replace(".mp4", "");
            NpyArray m = Npy.read(files.get(i).resolveSibling(id + ".masks.npy"));
            int plane = 64 * 64;
            for (int f = 0; f < Math.min(c.steps(), m.shape()[0]); f++) {
                float[] orig = c.frames(f, 1, 3);
                float[] out = orig.clone();
                swap.apply(i, f, (i + 1) % clips.size(), out, 0);
                for (int p = 0; p < plane; p++) {
                    boolean kept = out[3 * p] == orig[3 * p] && out[3 * p + 1] == orig[3 * p + 1]
                            && out[3 * p + 2] == orig[3 * p + 2];
                    // a pixel replaced by an equal value counts as replaced only when it was background
                    boolean isObj = m.getLong(f * plane + p) > 0;
                    if (isObj) {
                        obj++;
                        objKept += kept ? 1 : 0;
                    } else {
                        bg++;
                        bgKept += kept ? 1 : 0;
                    }
                }
                if (i < rows && f == 12) {
                    for (int y = 0; y < 192; y++) {
                        for (int x = 0; x < 192; x++) {
                            int p = (y / 3) * 64 + x / 3;
                            img.setRGB(x, i * 196 + y, rgb(orig, p));
                            img.setRGB(196 + x, i * 196 + y, rgb(out, p));
                        }
                    }
                }
            }
        }
        javax.imageio.ImageIO.write(img, "png", Path.of(a[3]).toFile());
        System.out.println(String.format(Locale.ROOT, "%d clips: object pixels kept %.3f (n %d), background pixels "
                + "kept %.3f (n %d)", clips.size(), (double) objKept / obj, obj, (double) bgKept / bg, bg));
    }

    static int rgb(float[] x, int p) {
        return (Math.round(x[3 * p] * 255) << 16) | (Math.round(x[3 * p + 1] * 255) << 8)
                | Math.round(x[3 * p + 2] * 255);
    }
}
