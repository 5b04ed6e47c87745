package io.avlens.ui.embeddings.internal;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.core.io.AtomicFiles;

/**
 * Writes the scatter as CSV (every point's 2-D coordinates with its clip id and modality) and as SVG (the points on
 * show as circles in their colours; above {@link #SVG_POINT_LIMIT} points the rendered density picture instead, with
 * a note saying so). Files are written atomically. No SWT.
 */
public final class ScatterExport {

    /** Points up to which the SVG holds one circle per point. */
    public static final int SVG_POINT_LIMIT = 20_000;

    private ScatterExport() {
    }

    /** {@code id,modality,x,y} per point, clip by clip. */
    public static void csv(Path file, List<EmbeddingItem> items, List<String> modalities, float[] xy)
            throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write("id,modality,x,y\n");
            int m = modalities.size();
            for (int p = 0; p < xy.length / 2; p++) {
                w.write(quote(items.get(p / m).id()) + "," + quote(modalities.get(p % m)) + ","
                        + xy[2 * p] + "," + xy[2 * p + 1] + "\n");
            }
            w.flush();
        });
    }

    /**
     * The view as SVG.
     *
     * @param png the rendered view as PNG bytes, embedded when there are more than {@link #SVG_POINT_LIMIT} points
     *            on show
     * @return whether the points were written one by one (false: the density picture was embedded)
     */
    public static boolean svg(Path file, Scene scene, Viewport viewport, String title, byte[] png)
            throws IOException {
        int shown = 0;
        for (int p = 0; p < scene.points(); p++) {
            if (scene.isShown(p) && inView(scene, viewport, p)) {
                shown++;
            }
        }
        boolean points = shown <= SVG_POINT_LIMIT;
        int count = shown;
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                    + " viewBox=\"0 0 %d %d\">\n", viewport.width(), viewport.height(), viewport.width(),
                    viewport.height()));
            w.write("<title>" + escape(title) + "</title>\n");
            w.write("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
            if (points) {
                for (int p = 0; p < scene.points(); p++) {
                    if (scene.isShown(p) && inView(scene, viewport, p)) {
                        w.write(String.format(Locale.ROOT,
                                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#%06x\" class=\"m%d\"/>\n",
                                viewport.screenX(scene.xy()[2 * p]), viewport.screenY(scene.xy()[2 * p + 1]),
                                scene.colours()[p] & 0xFFFFFF, p % scene.modalities()));
                    }
                }
            } else {
                w.write("<!-- " + count + " points on show, more than " + SVG_POINT_LIMIT
                        + ": the rendered density picture is embedded instead of one circle per point -->\n");
                w.write(String.format(Locale.ROOT, "<image width=\"%d\" height=\"%d\" href=\"data:image/png;base64,",
                        viewport.width(), viewport.height()));
                w.write(Base64.getEncoder().encodeToString(png));
                w.write("\"/>\n");
                w.write("<text x=\"8\" y=\"16\" font-size=\"12\" fill=\"#555\">" + count
                        + " points: density picture (more than " + SVG_POINT_LIMIT + " points)</text>\n");
            }
            w.write("</svg>\n");
            w.flush();
        });
        return points;
    }

    private static boolean inView(Scene scene, Viewport v, int p) {
        double x = v.screenX(scene.xy()[2 * p]);
        double y = v.screenY(scene.xy()[2 * p + 1]);
        return x >= 0 && y >= 0 && x < v.width() && y < v.height();
    }

    static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
