package io.avlens.models.denseav;

import io.avlens.core.io.MediaFiles;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A training augmentation that takes the clip's identity out of its background: each training frame keeps its
 * objects' pixels and shows another training clip's background everywhere else. Which pixels are objects comes from
 * the dataset's instance masks ({@code clip.masks.npy}, object id per pixel, 0 background): the augmentation uses
 * labels that DenseAV's self-supervised training does not have (a copy-paste augmentation), so a recipe with it
 * answers whether the background is what the heatmaps learn, not how to train without masks. A clip's background
 * is, per pixel and channel, the median over the frames where that pixel is background; a pixel that an object never
 * leaves takes the median of the clip's background values in its row (AV-Shapes backgrounds vary mostly with
 * height). Without the swap a clip's static textured background and its constant ambient bed of sound are a pair
 * that tells one training clip from the batch's others, and the heatmaps light the background (weights README,
 * recipe E). Immutable after construction.
 */
public final class BackgroundSwap {

    private final List<byte[]> masks;
    private final byte[][] backgrounds;

    private BackgroundSwap(List<byte[]> masks, byte[][] backgrounds) {
        this.masks = masks;
        this.backgrounds = backgrounds;
    }

    /**
     * @param clips the clips
     * @param masks each clip's object ids, {@code [T', H, W]} with {@code T' ≥} the clip's steps
     */
    public static BackgroundSwap of(List<DenseClip> clips, List<byte[]> masks) {
        if (clips.size() != masks.size() || clips.size() < 2) {
            throw new IllegalArgumentException("the background swap needs at least 2 clips and a mask for each, not "
                    + clips.size() + " clips and " + masks.size() + " masks");
        }
        byte[][] b = new byte[clips.size()][];
        for (int i = 0; i < b.length; i++) {
            b[i] = background(clips.get(i), masks.get(i));
        }
        return new BackgroundSwap(List.copyOf(masks), b);
    }

    /** The object ids of the clips' media files' masks ({@code DIR/clip.masks.npy} beside {@code DIR/clip.mp4}). */
    public static List<byte[]> masks(List<Path> media) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (Path mp4 : media) {
            Path file = MediaFiles.sibling(mp4, ".masks.npy");
            NpyArray a = Npy.read(file);
            byte[] ids = new byte[(int) a.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (byte) a.getLong(i);
            }
            out.add(ids);
        }
        return out;
    }

    /** A clip's background, {@code [H·W·3]} bytes (upper medians). */
    public static byte[] background(DenseClip clip, byte[] mask) {
        int n = clip.frames().length / clip.steps();
        int plane = n / 3;
        int side = (int) Math.round(Math.sqrt(plane));
        if (mask.length < clip.steps() * plane || side * side != plane) {
            throw new IllegalArgumentException(clip.id() + ": a mask of " + mask.length + " values for "
                    + clip.steps() + " square frames of " + plane + " pixels");
        }
        byte[] out = new byte[n];
        boolean[] known = new boolean[plane];
        int[] values = new int[clip.steps()];
        for (int p = 0; p < plane; p++) {
            for (int ch = 0; ch < 3; ch++) {
                int k = 0;
                for (int t = 0; t < clip.steps(); t++) {
                    if (mask[t * plane + p] == 0) {
                        values[k++] = clip.frames()[t * n + 3 * p + ch] & 0xff;
                    }
                }
                if (k > 0) {
                    Arrays.sort(values, 0, k);
                    out[3 * p + ch] = (byte) values[k / 2];
                    known[p] = true;
                }
            }
        }
        for (int y = 0; y < side; y++) {
            for (int ch = 0; ch < 3; ch++) {
                int[] row = new int[side];
                int k = 0;
                for (int x = 0; x < side; x++) {
                    if (known[y * side + x]) {
                        row[k++] = out[3 * (y * side + x) + ch] & 0xff;
                    }
                }
                Arrays.sort(row, 0, k);
                for (int x = 0; x < side; x++) {
                    if (!known[y * side + x]) {
                        out[3 * (y * side + x) + ch] = (byte) (k > 0 ? row[k / 2] : 0);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Replaces, in frame {@code frame} of clip {@code index} already written to {@code out} at {@code offset} as RGB
     * floats in [0, 1] ({@code [H·W·3]}, {@link DenseClip#frame}), every background pixel by clip {@code other}'s
     * background.
     *
     * @return the number of object pixels kept
     */
    public int apply(int index, int frame, int other, float[] out, int offset) {
        byte[] mask = masks.get(index);
        byte[] replacement = backgrounds[other];
        int plane = replacement.length / 3;
        int kept = 0;
        for (int p = 0; p < plane; p++) {
            if (mask[frame * plane + p] != 0) {
                kept++;
                continue;
            }
            for (int ch = 0; ch < 3; ch++) {
                out[offset + 3 * p + ch] = (replacement[3 * p + ch] & 0xff) / 255f;
            }
        }
        return kept;
    }
}
