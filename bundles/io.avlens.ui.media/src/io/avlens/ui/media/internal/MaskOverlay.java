package io.avlens.ui.media.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Rectangle;

import io.avlens.core.io.MediaFiles;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import io.avlens.core.tensor.NpyDtype;
import io.avlens.ui.media.LegendEntry;
import io.avlens.ui.media.OverlayFrame;
import io.avlens.ui.media.VideoOverlay;
import io.avlens.ui.widgets.ColorImages;

/**
 * The ground-truth masks of an AV-Shapes clip drawn over its picture: {@code clip.masks.npy} (uint8 [T, H, W], the
 * object id per pixel, 0 background) gives every object a translucent colour of its own, and
 * {@code clip.sounding.npy} (the same ids, kept only where the object sounds on that frame) a bright outline.
 * Mask frame {@code k} covers picture time {@code [k/fps, (k+1)/fps)}.
 * <p>
 * It is the layer of {@link GroundTruthMasks}, the overlay io.avlens.ui.media contributes itself.
 * <p>
 * {@link #load} reads the files on any thread; {@link #paint} and {@link #dispose} belong to the UI thread, which
 * keeps the last drawn overlay as an image until the frame or the picture size changes.
 */
public final class MaskOverlay implements VideoOverlay.Layer {

    /** Opacity of an object's fill, 0–255: the picture stays readable underneath. */
    public static final int FILL_ALPHA = 110;
    /** Width of a sounding object's outline, screen pixels. */
    private static final int OUTLINE = 2;
    /** Distinct RGB colours for object ids 1, 2, ... (Okabe–Ito, readable by colour-blind users); then repeated. */
    private static final int[] PALETTE = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7};

    private final byte[] ids;
    private final byte[] sounding;
    private final int frames;
    private final int height;
    private final int width;
    private final double fps;
    private Image image;
    private int imageFrame = -1;
    private Rectangle imageTarget;

    private MaskOverlay(byte[] ids, byte[] sounding, int[] shape, double fps) {
        this.ids = ids;
        this.sounding = sounding;
        this.frames = shape[0];
        this.height = shape[1];
        this.width = shape[2];
        this.fps = fps;
    }

    /** {@code dir/clip.masks.npy} for {@code dir/clip.mp4}. */
    public static Path masksOf(Path clip) {
        return sibling(clip, ".masks.npy");
    }

    /** {@code dir/clip.sounding.npy} for {@code dir/clip.mp4}. */
    public static Path soundingOf(Path clip) {
        return sibling(clip, ".sounding.npy");
    }

    private static Path sibling(Path clip, String suffix) {
        return MediaFiles.sibling(clip, suffix);
    }

    /**
     * Reads the masks of {@code clip}; a missing sounding file means nothing sounds. Any thread.
     *
     * @param fps the clip's frame rate: mask frames are picture frames
     * @throws IOException naming the file and the problem (not uint8 [T, H, W], shapes that differ)
     */
    public static MaskOverlay load(Path clip, double fps) throws IOException {
        Path masksFile = masksOf(clip);
        NpyArray masks = Npy.read(masksFile);
        int[] shape = masks.shape();
        if (masks.dtype() != NpyDtype.UINT8 || shape.length != 3 || shape[0] < 1) {
            throw new IOException(masksFile + ": not a mask stack: expected uint8 [T, H, W], found "
                    + masks.dtype().numpyName() + " " + Arrays.toString(shape));
        }
        byte[] sounding = new byte[Math.toIntExact(masks.size())];
        Path soundingFile = soundingOf(clip);
        if (Files.isRegularFile(soundingFile)) {
            NpyArray s = Npy.read(soundingFile);
            if (s.dtype() != NpyDtype.UINT8 || !Arrays.equals(s.shape(), shape)) {
                throw new IOException(soundingFile + ": expected uint8 " + Arrays.toString(shape) + " like "
                        + masksFile.getFileName() + ", found " + s.dtype().numpyName() + " " + Arrays.toString(s.shape()));
            }
            s.data().get(sounding);
        }
        byte[] ids = new byte[sounding.length];
        masks.data().get(ids);
        return new MaskOverlay(ids, sounding, shape, fps);
    }

    /** Mask frames. */
    public int frames() {
        return frames;
    }

    /** Mask width, pixels. */
    public int width() {
        return width;
    }

    /** Mask height, pixels. */
    public int height() {
        return height;
    }

    /** The mask frame shown at picture time {@code t}: {@code floor(t·fps)}, clamped to the stack. */
    public int frameAt(double t) {
        return (int) Math.max(0, Math.min(frames - 1, Math.floor(t * fps + 1e-6)));
    }

    /** The object id at mask pixel {@code (x, y)} of {@code frame}, 0 for background. */
    public int objectAt(int frame, int x, int y) {
        return ids[(frame * height + y) * width + x] & 0xff;
    }

    /** The id of the object sounding at mask pixel {@code (x, y)} of {@code frame}, 0 where none sounds. */
    public int soundingAt(int frame, int x, int y) {
        return sounding[(frame * height + y) * width + x] & 0xff;
    }

    /** The fill colour of object {@code id} (1 and up), RGB. */
    public static int colourOf(int id) {
        return PALETTE[(id - 1) % PALETTE.length];
    }

    /** The outline colour of a sounding object: its fill colour halfway to white, RGB. */
    public static int outlineOf(int id) {
        int c = colourOf(id);
        int r = (c >> 16 & 0xff) + (255 - (c >> 16 & 0xff)) / 2;
        int g = (c >> 8 & 0xff) + (255 - (c >> 8 & 0xff)) / 2;
        int b = (c & 0xff) + (255 - (c & 0xff)) / 2;
        return r << 16 | g << 8 | b;
    }

    /**
     * The overlay of {@code frame} at {@code w × h} screen pixels (nearest mask pixel, so edges stay sharp at any
     * zoom): transparent background, translucent fills, opaque outlines {@value #OUTLINE} px wide inside sounding
     * objects. Any thread.
     */
    public ImageData render(int frame, int w, int h) {
        ImageData data = ColorImages.rgb(w, h);
        data.alphaData = new byte[w * h];
        int[] row = new int[w];
        int[] mx = new int[w];
        for (int x = 0; x < w; x++) {
            mx[x] = (int) ((long) x * width / w);
        }
        for (int y = 0; y < h; y++) {
            int my = (int) ((long) y * height / h);
            for (int x = 0; x < w; x++) {
                int id = objectAt(frame, mx[x], my);
                int alpha = 0;
                if (id != 0) {
                    int s = soundingAt(frame, mx[x], my);
                    boolean edge = s != 0 && (soundingAtScreen(frame, x - OUTLINE, y, w, h) != s
                            || soundingAtScreen(frame, x + OUTLINE, y, w, h) != s
                            || soundingAtScreen(frame, x, y - OUTLINE, w, h) != s
                            || soundingAtScreen(frame, x, y + OUTLINE, w, h) != s);
                    row[x] = edge ? outlineOf(s) : colourOf(id);
                    alpha = edge ? 255 : FILL_ALPHA;
                } else {
                    row[x] = 0;
                }
                data.alphaData[y * w + x] = (byte) alpha;
            }
            data.setPixels(0, y, w, row, 0);
        }
        return data;
    }

    private int soundingAtScreen(int frame, int x, int y, int w, int h) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return 0;
        }
        return soundingAt(frame, (int) ((long) x * width / w), (int) ((long) y * height / h));
    }

    /** Draws the mask frame of picture time {@code t} over the picture drawn in {@code target}. UI thread. */
    public void paint(GC gc, double t, Rectangle target) {
        if (target.width <= 0 || target.height <= 0) {
            return;
        }
        int frame = frameAt(t);
        if (image == null || frame != imageFrame || !target.equals(imageTarget)) {
            dispose();
            image = new Image(gc.getDevice(), render(frame, target.width, target.height));
            imageFrame = frame;
            imageTarget = target;
        }
        gc.drawImage(image, target.x, target.y);
    }

    /** A colour per object id found in the stack, then the sounding outline. */
    @Override
    public List<LegendEntry> legend() {
        int max = 0;
        for (byte id : ids) {
            max = Math.max(max, id & 0xff);
        }
        List<LegendEntry> entries = new ArrayList<>();
        for (int id = 1; id <= Math.min(max, PALETTE.length); id++) {
            entries.add(new LegendEntry("object " + id, colourOf(id)));
        }
        entries.add(new LegendEntry("sounding (outline)", outlineOf(1)));
        return entries;
    }

    @Override
    public void paint(GC gc, OverlayFrame frame) {
        paint(gc, frame.videoTime(), frame.picture());
    }

    /** Frees the cached overlay image. UI thread. */
    @Override
    public void dispose() {
        if (image != null) {
            image.dispose();
            image = null;
            imageFrame = -1;
        }
    }
}
