package io.avlens.synth.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

import io.avlens.synth.Material;

/**
 * Draws a scene's frames. Java2D rasterises each object's outline (no anti-aliasing, pure stroke control) into an
 * id map, which is the instance mask; the colour frame is then composed from that map: the clip's textured
 * background where the mask is 0, the object's texture (in its own coordinates, so it moves with it) elsewhere. The
 * mask therefore says exactly which pixel shows which object. Objects with a higher id are in front.
 * <p>
 * One renderer per clip and thread (it keeps its drawing surface).
 */
final class FrameRenderer {

    private static final long BACKGROUND_STREAM = 4;
    private static final long TEXTURE_STREAM = 5;

    private final Scene scene;
    private final int size;
    private final int[] background;
    private final int[][] textures;
    private final int[] textureSize;
    private final BufferedImage ids;
    private final int[] idPixels;

    FrameRenderer(Scene scene) {
        this.scene = scene;
        this.size = scene.spec().size();
        this.background = background(scene, size);
        int n = scene.objects().size();
        this.textures = new int[n][];
        this.textureSize = new int[n];
        SplittableRandom random = new SplittableRandom(Seeds.stream(scene.seed(), TEXTURE_STREAM));
        for (int i = 0; i < n; i++) {
            SceneObject o = scene.objects().get(i);
            textureSize[i] = 2 * (int) Math.ceil(o.radius()) + 3;
            textures[i] = texture(o.material(), textureSize[i], random.nextLong());
        }
        this.ids = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        this.idPixels = ((DataBufferInt) ids.getRaster().getDataBuffer()).getData();
    }

    /** The instance mask of frame {@code k} into {@code mask} at {@code offset}: object id per pixel, 0 elsewhere. */
    void mask(int k, byte[] mask, int offset) {
        Graphics2D g = ids.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, size, size);
            for (SceneObject o : scene.objects()) {
                g.setColor(new Color(o.id()));
                g.fill(outline(o, o.x()[k], o.y()[k]));
            }
        } finally {
            g.dispose();
        }
        for (int p = 0; p < idPixels.length; p++) {
            mask[offset + p] = (byte) (idPixels[p] & 0xff);
        }
    }

    /** The colour frame {@code k} (whose mask is at {@code offset} of {@code mask}) as BGR bytes, row by row. */
    void bgr(int k, byte[] mask, int offset, byte[] out) {
        for (int y = 0, p = 0; y < size; y++) {
            for (int x = 0; x < size; x++, p++) {
                int id = mask[offset + p] & 0xff;
                int rgb;
                if (id == 0) {
                    rgb = background[p];
                } else {
                    SceneObject o = scene.objects().get(id - 1);
                    int t = textureSize[id - 1];
                    int tx = clamp((int) Math.floor(x - o.x()[k] + t / 2.0), t);
                    int ty = clamp((int) Math.floor(y - o.y()[k] + t / 2.0), t);
                    rgb = textures[id - 1][ty * t + tx];
                }
                out[3 * p] = (byte) rgb;
                out[3 * p + 1] = (byte) (rgb >> 8);
                out[3 * p + 2] = (byte) (rgb >> 16);
            }
        }
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : v >= n ? n - 1 : v;
    }

    static Shape outline(SceneObject o, double cx, double cy) {
        double r = o.radius();
        return switch (o.shape()) {
            case CIRCLE -> new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
            case SQUARE -> new Rectangle2D.Double(cx - 0.8 * r, cy - 0.8 * r, 1.6 * r, 1.6 * r);
            case TRIANGLE -> {
                Path2D.Double p = new Path2D.Double();
                p.moveTo(cx, cy - r);
                p.lineTo(cx + 0.866 * r, cy + 0.5 * r);
                p.lineTo(cx - 0.866 * r, cy + 0.5 * r);
                p.closePath();
                yield p;
            }
        };
    }

    /**
     * A muted, dark background that varies per clip (noise, stripes, checks or blotches over a vertical gradient)
     * and a darker floor: kept well apart in colour from every material so objects stand out.
     */
    private static int[] background(Scene scene, int size) {
        SplittableRandom r = new SplittableRandom(Seeds.stream(scene.seed(), BACKGROUND_STREAM));
        float hue = r.nextFloat();
        float sat = 0.15f + 0.2f * r.nextFloat();
        float top = 0.22f + 0.12f * r.nextFloat();
        float bottom = 0.22f + 0.12f * r.nextFloat();
        int pattern = r.nextInt(4);
        int period = 4 + r.nextInt(12);
        double amount = 0.04 + 0.05 * r.nextDouble();
        long noiseSeed = r.nextLong();
        double bx = r.nextDouble() * size;
        double by = r.nextDouble() * size;
        int[] px = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double v = top + (bottom - top) * y / (double) size;
                double n = Seeds.noise(noiseSeed, (long) y * size + x);
                v += switch (pattern) {
                    case 0 -> amount * n;
                    case 1 -> amount * (((x + y) / period) % 2 == 0 ? 1 : -1) + 0.3 * amount * n;
                    case 2 -> amount * ((x / period + y / period) % 2 == 0 ? 1 : -1) + 0.3 * amount * n;
                    default -> amount * Math.cos(Math.hypot(x - bx, y - by) / period) + 0.3 * amount * n;
                };
                if (y >= scene.floorY()) {
                    v = 0.12 + 0.03 * n + (y == scene.floorY() ? 0.1 : 0);
                }
                px[y * size + x] = Color.HSBtoRGB(hue, sat, (float) Math.min(1, Math.max(0, v))) & 0xffffff;
            }
        }
        return px;
    }

    /** An object's texture, {@code n × n}, lit from the top left. */
    private static int[] texture(Material m, int n, long seed) {
        int base = m.rgb();
        int[] t = new int[n * n];
        double phase = Seeds.noise(seed, -1) * Math.PI;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double noise = Seeds.noise(seed, (long) y * n + x);
                double shade = 1.08 - 0.16 * (x + y) / (2.0 * n);
                shade += switch (m) {
                    case WOOD -> 0.12 * Math.sin(y * 1.3 + 0.8 * Math.sin(x * 0.35 + phase)) + 0.03 * noise;
                    case METAL -> 0.05 * Seeds.noise(seed, 100_000 + y);
                    case GLASS -> Math.abs(x - y - n / 4.0) < 1.5 ? 0.2 : 0.02 * noise;
                    case CERAMIC -> noise > 0.93 ? -0.35 : 0.02 * noise;
                    case RUBBER -> 0.05 * noise;
                };
                t[y * n + x] = scale(base, shade);
            }
        }
        return t;
    }

    private static int scale(int rgb, double f) {
        int r = (int) Math.min(255, Math.max(0, Math.round(((rgb >> 16) & 0xff) * f)));
        int g = (int) Math.min(255, Math.max(0, Math.round(((rgb >> 8) & 0xff) * f)));
        int b = (int) Math.min(255, Math.max(0, Math.round((rgb & 0xff) * f)));
        return r << 16 | g << 8 | b;
    }
}
