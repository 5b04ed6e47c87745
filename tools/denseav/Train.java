import io.avlens.models.denseav.DenseAvFamilyTrainer;
import io.avlens.models.training.TrainRequest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code avlens train --family denseav --data DIR --out OUT --steps N --seed S} with a recipe's options would
 * do, from a plain classpath without the product (the recipes compared in
 * bundles/io.avlens.models.denseav/weights/denseav-small/README.md; only the batch, the local cells and the centring
 * weight are command-line options of DenseAvFamilyTrainer): {@code java -cp "$CP" tools/denseav/Train.java DIR OUT
 * STEPS SEED [WINDOW [AMBIENT_FACTOR [BATCH [DISENTANGLE [MOTION [PAIRS_PER_CLIP [BACKGROUND_SWAP [SPACE_CONTRAST
 * [BORDER_CELLS [WIDTH [HEAD_CHANNELS [HEADS_APART [LOCAL_CELLS [CENTRE_WEIGHT]]]]]]]]]]]]]]}. An argument left out
 * takes its option's default, the shipped recipe's: LOCAL_CELLS 1 and CENTRE_WEIGHT 5 since the cell-local weights
 * (the recipes before them need {@code ... 0 0}, every argument before spelled out).
 * <p>
 * MOTION 1: the image encoder also reads each frame's change since the previous frame; PAIRS_PER_CLIP 2: two
 * instants of each clip per batch; BACKGROUND_SWAP 1: each training frame shows another clip's background
 * (BackgroundSwap), 2: every frame of a batch shows one background drawn per batch; SPACE_CONTRAST c: the score is
 * the maximum over space less c times the mean; BORDER_CELLS r: the outer r rings of the image map's cells are left
 * out of the score; WIDTH: the encoders' hidden width, 32 shipped; HEAD_CHANNELS: channels per head, 16 shipped;
 * HEADS_APART 1: each head scored alone, the loss the mean of the heads' InfoNCE; LOCAL_CELLS 1: each cell of the
 * image map computed from its own 4×4 pixels only (0: the 3×3 encoder); CENTRE_WEIGHT w: plus w times the centring
 * term, each image cell's mean similarity to the batch's audio squared (0: the InfoNCE alone). Prints a progress line
 * every logged step to stderr and the result to stdout.
 */
public class Train {
    public static void main(String[] a) throws Exception {
        Map<String, Number> options = new LinkedHashMap<>();
        options.put("batch", a.length > 6 ? Integer.parseInt(a[6]) : 16);
        if (a.length > 4) {
            options.put("window", Double.parseDouble(a[4]));
        }
        if (a.length > 5) {
            options.put("ambient-factor", Double.parseDouble(a[5]));
        }
        if (a.length > 7) {
            options.put("disentangle-weight", Double.parseDouble(a[7]));
        }
        if (a.length > 8) {
            options.put("motion", Integer.parseInt(a[8]));
        }
        if (a.length > 9) {
            options.put("pairs-per-clip", Integer.parseInt(a[9]));
        }
        if (a.length > 10) {
            options.put("background-swap", Integer.parseInt(a[10]));
        }
        if (a.length > 11) {
            options.put("space-contrast", Double.parseDouble(a[11]));
        }
        if (a.length > 12) {
            options.put("border-cells", Integer.parseInt(a[12]));
        }
        if (a.length > 13) {
            options.put("width", Integer.parseInt(a[13]));
        }
        if (a.length > 14) {
            options.put("head-channels", Integer.parseInt(a[14]));
        }
        if (a.length > 15) {
            options.put("heads-apart", Integer.parseInt(a[15]));
        }
        if (a.length > 16) {
            options.put("local-cells", Integer.parseInt(a[16]));
        }
        if (a.length > 17) {
            options.put("centre-weight", Double.parseDouble(a[17]));
        }
        TrainRequest r = new TrainRequest(Path.of(a[0]), Path.of(a[1]), Integer.parseInt(a[2]),
                Long.parseLong(a[3]), 200, options);
        long t0 = System.nanoTime();
        var res = new DenseAvFamilyTrainer().train(r, p -> System.err.println(p.phase() + " " + p.step() + " "
                + p.values() + " t=" + (System.nanoTime() - t0) / 1e9));
        System.out.println(res);
    }
}
