package io.avlens.ui.embeddings.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.ui.embeddings.internal.Colouring;
import io.avlens.ui.embeddings.internal.Lasso;
import io.avlens.ui.embeddings.internal.ScatterExport;
import io.avlens.ui.embeddings.internal.ScatterRenderer;
import io.avlens.ui.embeddings.internal.Scene;
import io.avlens.ui.embeddings.internal.SpatialGrid;
import io.avlens.ui.embeddings.internal.Viewport;

/**
 * The embedding explorer's logic that needs no display: zoom and pan maths, hit-testing through the spatial grid
 * against brute force, lasso containment, colour mapping, the renderer's markers, density and lines, and the SVG and
 * CSV exports.
 */
class ScatterLogicTest {

    @TempDir
    Path dir;

    @Test
    void zoomKeepsTheDataPointUnderTheCursorAndPanMovesByPixels() {
        Viewport v = new Viewport(3, -2, 40, 800, 600);
        assertThat(v.dataX(v.screenX(1.25))).isCloseTo(1.25, within(1e-9));
        assertThat(v.dataY(v.screenY(-7.5))).isCloseTo(-7.5, within(1e-9));
        assertThat(v.screenY(-2 + 1)).as("y points up").isLessThan(v.screenY(-2));
        double x = v.dataX(123);
        double y = v.dataY(456);
        Viewport z = v.zoomAt(123, 456, 2.5);
        assertThat(z.scale()).isCloseTo(100, within(1e-9));
        assertThat(z.screenX(x)).isCloseTo(123, within(1e-6));
        assertThat(z.screenY(y)).isCloseTo(456, within(1e-6));
        Viewport p = v.pan(30, -20);
        assertThat(p.screenX(x)).isCloseTo(153, within(1e-6));
        assertThat(p.screenY(y)).isCloseTo(436, within(1e-6));
        Viewport f = Viewport.fit(new float[] {-5, 1, 15, 3, 0, -9}, 400, 300, 10);
        for (float[] q : new float[][] {{-5, 1}, {15, 3}, {0, -9}}) {
            assertThat(f.screenX(q[0])).isBetween(9.99, 390.01);
            assertThat(f.screenY(q[1])).isBetween(9.99, 290.01);
        }
    }

    @Test
    void aRefittedViewportKeepsItsCentreAndShowsTheSamePoints() {
        float[] corners = {-5, 1, 15, 3, 0, -9};
        Viewport f = Viewport.fit(corners, 800, 600, 16);
        for (int[] size : new int[][] {{200, 600}, {800, 150}, {120, 90}, {1600, 400}}) {
            Viewport r = f.refit(size[0], size[1]);
            assertThat(r.cx()).isEqualTo(f.cx());
            assertThat(r.cy()).isEqualTo(f.cy());
            for (int i = 0; i < corners.length; i += 2) {
                assertThat(r.screenX(corners[i])).as("x of point %d at %s", i / 2, size[0])
                        .isBetween(-1e-9, size[0] + 1e-9);
                assertThat(r.screenY(corners[i + 1])).as("y of point %d at %s", i / 2, size[1])
                        .isBetween(-1e-9, size[1] + 1e-9);
            }
        }
        // every area fits whole: a view half as wide shows the points at half the scale, not cropped
        assertThat(f.refit(400, 600).scale()).isCloseTo(f.scale() / 2, within(1e-12));
        assertThat(f.refit(800, 600)).isEqualTo(f);
        Viewport zoomed = f.zoomAt(100, 100, 3);
        assertThat(zoomed.refit(800, 600).scale()).isCloseTo(zoomed.scale(), within(1e-9));
    }

    @Test
    void theGridFindsTheNearestPointAsBruteForceDoes() {
        Random r = new Random(3);
        float[] xy = new float[2 * 20_000];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = (float) (r.nextGaussian() * (i % 2 == 0 ? 10 : 3));
        }
        SpatialGrid grid = new SpatialGrid(xy);
        assertThat(grid.cellsPerSide()).isGreaterThan(10);
        for (int q = 0; q < 300; q++) {
            double x = r.nextGaussian() * 10;
            double y = r.nextGaussian() * 3;
            double radius = 0.05 + r.nextDouble() * 0.5;
            int expected = -1;
            double best = radius * radius;
            for (int p = 0; p < xy.length / 2; p++) {
                double d = (xy[2 * p] - x) * (xy[2 * p] - x) + (xy[2 * p + 1] - y) * (xy[2 * p + 1] - y);
                if (p % 7 != 0 && d <= best) {
                    best = d;
                    expected = p;
                }
            }
            assertThat(grid.nearest(x, y, radius, p -> p % 7 != 0)).isEqualTo(expected);
        }
        List<Integer> inBox = new ArrayList<>();
        grid.inBox(-2, -1, 3, 0.5, inBox::add);
        long brute = 0;
        for (int p = 0; p < xy.length / 2; p++) {
            brute += xy[2 * p] >= -2 && xy[2 * p] <= 3 && xy[2 * p + 1] >= -1 && xy[2 * p + 1] <= 0.5 ? 1 : 0;
        }
        assertThat(inBox).hasSize((int) brute).doesNotHaveDuplicates();
    }

    @Test
    void aLassoHoldsWhatIsInsideEvenWhenConcaveAndSelectsWholeClips() {
        // an L: the notch (2..4, 2..4) is outside
        Lasso l = new Lasso(new double[] {0, 0, 4, 0, 4, 2, 2, 2, 2, 4, 0, 4});
        assertThat(l.contains(1, 1)).isTrue();
        assertThat(l.contains(3, 1)).isTrue();
        assertThat(l.contains(1, 3)).isTrue();
        assertThat(l.contains(3, 3)).as("in the notch").isFalse();
        assertThat(l.contains(-1, 1)).isFalse();
        assertThat(Lasso.box(5, 5, 1, 1).contains(2, 3)).isTrue();
        // 3 clips x 2 modalities: clip 0 has one point inside, clip 1 none, clip 2 both (but is filtered out)
        float[] xy = {1, 1, 10, 10, 20, 20, 30, 30, 1.5f, 0.5f, 0.5f, 1.5f};
        BitSet items = l.items(new SpatialGrid(xy), xy, 2, p -> p / 2 != 2);
        assertThat(items.stream().toArray()).containsExactly(0);
        assertThat(l.items(new SpatialGrid(xy), xy, 2, p -> true).stream().toArray()).containsExactly(0, 2);
    }

    @Test
    void coloursAreCategoricalOrContinuousByTheValues() {
        EmbeddingTable table = table(30);
        assertThat(Colouring.variables(table)).startsWith("modality", "consensus", "similarity audio–video",
                "similarity audio–text", "similarity video–text", "split").contains("material", "size");
        Colouring modality = Colouring.of(table, "modality");
        assertThat(modality.isContinuous()).isFalse();
        assertThat(modality.legend()).extracting(Colouring.Entry::label).containsExactly("audio", "video", "text");
        assertThat(modality.colours()[0]).isNotEqualTo(modality.colours()[1]).isEqualTo(modality.colours()[3]);
        Colouring material = Colouring.of(table, "material");
        assertThat(material.isContinuous()).isFalse();
        assertThat(material.legend()).extracting(Colouring.Entry::label).containsExactly("wood", "metal");
        assertThat(material.legend()).extracting(Colouring.Entry::count).containsExactly(60, 30);
        Colouring size = Colouring.of(table, "size");
        assertThat(size.isContinuous()).as("30 distinct numbers").isTrue();
        assertThat(size.min()).isEqualTo(0);
        assertThat(size.max()).isEqualTo(29);
        Colouring objects = Colouring.of(table, "objects");
        assertThat(objects.isContinuous()).as("two distinct numbers are categories").isFalse();
        Colouring consensus = Colouring.of(table, "consensus");
        float[] expected = table.consensus("text");
        assertThat(consensus.isContinuous()).isTrue();
        assertThat(consensus.min()).isCloseTo(min(expected), within(1e-6));
        assertThat(consensus.colours()[3 * 4 + 1]).isEqualTo(
                io.avlens.core.color.ColorMap.VIRIDIS.argb((expected[4] - consensus.min())
                        / (consensus.max() - consensus.min())));
        int[] hist = consensus.histogram(10, p -> p / 3 < 20);
        assertThat(java.util.Arrays.stream(hist).sum()).isEqualTo(60);
        assertThat(Colouring.of(table, "similarity audio–video").valueText(5 * 3))
                .isEqualTo(String.format(Locale.ROOT, "%.3f", table.similarity(5, 0, 1)));
        // more categories than colours: the rare ones share "other"
        Colouring ids = Colouring.of(table, "name");
        assertThat(ids.legend()).hasSize(Colouring.MAX_CATEGORIES);
        assertThat(ids.legend().get(Colouring.MAX_CATEGORIES - 1).label()).startsWith("other (11 values)");
        assertThat(Colouring.matches(table.item(1), "METAL clip")).isTrue();
        assertThat(Colouring.matches(table.item(1), "wood")).isFalse();
        assertThat(Colouring.matches(table.item(0), "material=wood")).isTrue();

        // the agreement embed writes is a number even with two distinct values among few clips
        EmbeddingTable scored = io.avlens.analysis.embedding.EmbeddingExports.withScores(table(3));
        assertThat(Colouring.variables(scored)).contains("agreement");
        Colouring agreement = Colouring.of(scored, "agreement");
        assertThat(agreement.isContinuous()).isTrue();
        assertThat((double) agreement.max()).isCloseTo(
                Double.parseDouble(scored.item(maxAgreement(scored)).label("agreement")), within(1e-6));
    }

    private static int maxAgreement(EmbeddingTable t) {
        int best = 0;
        for (int i = 1; i < t.size(); i++) {
            double a = Double.parseDouble(t.item(i).label("agreement"));
            if (a > Double.parseDouble(t.item(best).label("agreement"))) {
                best = i;
            }
        }
        return best;
    }

    /** A model trained with the audio anchor colours by its own consensus, not the text's. */
    @Test
    void theConsensusColourUsesTheAnchorTheModelWasTrainedWith() {
        EmbeddingTable plain = table(30);
        EmbeddingTable audio = new EmbeddingTable("test", plain.modalities(), plain.dimension(), plain.values(),
                plain.items(), "audio");
        assertThat(Colouring.consensusAnchor(plain)).isEqualTo("text");
        assertThat(Colouring.consensusAnchor(audio)).isEqualTo("audio");
        float[] expected = audio.consensus("audio");
        assertThat(expected).isNotEqualTo(audio.consensus("text"));
        Colouring c = Colouring.of(audio, "consensus");
        assertThat(c.min()).isCloseTo(min(expected), within(1e-6));
        assertThat(c.valueText(4 * 3)).isEqualTo(String.format(Locale.ROOT, "%.3f", expected[4]));
    }

    @Test
    void theRendererDrawsMarkersByModalityLinesAndDensityWherePointsPileUp() {
        Viewport v = new Viewport(0, 0, 10, 200, 100);
        // one clip, three modalities far apart; a second clip filtered out
        float[] xy = {-5, 0, 0, 0, 5, 0, 0, 3, 0, 3, 0, 3};
        int[] colours = {0xFFFF0000, 0xFF00FF00, 0xFF0000FF, 0xFF000000, 0xFF000000, 0xFF000000};
        Scene scene = new Scene(xy, 3, colours, new boolean[] {true, false}, new BitSet(), false, -1);
        ScatterRenderer r = new ScatterRenderer();
        int[] px = r.render(scene, v, null);
        assertThat(px[50 * 200 + 50]).as("audio's disc at its point").isEqualTo(0xFFFF0000);
        assertThat(px[50 * 200 + 100]).isEqualTo(0xFF00FF00);
        assertThat(px[50 * 200 + 150]).isEqualTo(0xFF0000FF);
        // a few points: markers of radius 5
        assertThat(px[50 * 200 + 55]).as("a disc reaches 5 px sideways").isEqualTo(0xFFFF0000);
        assertThat(px[50 * 200 + 105]).as("a square does not").isEqualTo(0xFFFFFFFF);
        assertThat(px[46 * 200 + 96]).as("but fills its corners").isEqualTo(0xFF00FF00);
        assertThat(px[46 * 200 + 54]).as("which a disc leaves empty").isEqualTo(0xFFFFFFFF);
        assertThat(px[45 * 200 + 150]).as("a triangle's tip").isEqualTo(0xFF0000FF);
        assertThat(px[45 * 200 + 148]).as("is narrow").isEqualTo(0xFFFFFFFF);
        assertThat(px[20 * 200 + 100]).as("the filtered clip is faint").isNotEqualTo(0xFF000000)
                .isNotEqualTo(0xFFFFFFFF);
        assertThat(px[50 * 200 + 75]).as("no lines").isEqualTo(0xFFFFFFFF);
        int[] lined = r.render(new Scene(xy, 3, colours, new boolean[] {true, false}, new BitSet(), true, -1), v,
                null);
        assertThat(lined[50 * 200 + 75]).as("the audio–video line").isNotEqualTo(0xFFFFFFFF);

        // density: more points than markers are drawn for; a pixel hit 100 times is darker than one hit once
        int n = ScatterRenderer.MARKER_LIMIT + 1000;
        float[] many = new float[2 * n];
        int[] black = new int[n];
        java.util.Arrays.fill(black, 0xFF000000);
        for (int p = 0; p < n; p++) {
            many[2 * p] = p < 100 ? -5 : p == 100 ? 5 : 100; // 100 on one pixel, one alone, the rest out of view
            many[2 * p + 1] = 0;
        }
        for (int p = 101; p < ScatterRenderer.MARKER_LIMIT + 500; p++) {
            many[2 * p] = -9.9f + (p % 190) * 0.1f; // spread over the top rows
            many[2 * p + 1] = 4.5f;
        }
        int[] dense = r.render(new Scene(many, 1, black, null, new BitSet(), false, -1), v, null);
        int pile = dense[50 * 200 + 50] & 0xFF;
        int alone = dense[50 * 200 + 150] & 0xFF;
        assertThat(pile).as("100 points on one pixel").isLessThan(alone);
        assertThat(alone).as("one point is still visible").isLessThan(255);
        assertThat(dense[50 * 200 + 51]).as("density draws pixels, not markers").isEqualTo(0xFFFFFFFF);
    }

    @Test
    void csvHoldsEveryPointAndSvgCirclesOrADensityPictureAboveTheLimit() throws Exception {
        EmbeddingTable table = table(4);
        float[] xy = new float[4 * 3 * 2];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = i * 0.5f;
        }
        Path csv = dir.resolve("xy.csv");
        ScatterExport.csv(csv, table.items(), table.modalities(), xy);
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(13);
        assertThat(rows.get(0)).isEqualTo("id,modality,x,y");
        assertThat(rows.get(6)).isEqualTo("clip-1,text,5.0,5.5");
        Colouring c = Colouring.of(table, "modality");
        Viewport v = Viewport.fit(xy, 300, 200, 10);
        Path svg = dir.resolve("a.svg");
        assertThat(ScatterExport.svg(svg, new Scene(xy, 3, c.colours(), null, new BitSet(), false, -1), v, "t",
                new byte[0])).isTrue();
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertThat(text.split("<circle", -1)).hasSize(13);
        int n = ScatterExport.SVG_POINT_LIMIT + 1;
        float[] big = new float[2 * n];
        int[] grey = new int[n];
        Path dense = dir.resolve("b.svg");
        assertThat(ScatterExport.svg(dense, new Scene(big, 1, grey, null, new BitSet(), false, -1),
                new Viewport(0, 0, 1, 50, 50), "t", new byte[] {1, 2, 3})).isFalse();
        String d = Files.readString(dense, StandardCharsets.UTF_8);
        assertThat(d).doesNotContain("<circle").contains("data:image/png;base64,AQID")
                .contains(n + " points: density picture");
    }

    @Test
    void renderTimesAtOneHundredThousandAndOneMillionPoints() {
        // reported, not asserted (timings on a shared machine are noise); the picture must not be empty
        Random r = new Random(5);
        int[] byModality = Colouring.of(table(1), "modality").colours();
        for (int n : new int[] {100_000, 1_000_000}) {
            float[] xy = new float[2 * n];
            int[] colours = new int[n];
            for (int p = 0; p < n; p++) {
                xy[2 * p] = (float) r.nextGaussian();
                xy[2 * p + 1] = (float) r.nextGaussian();
                colours[p] = byModality[p % 3];
            }
            Scene scene = new Scene(xy, 3, colours, null, new BitSet(), false, -1);
            Viewport v = Viewport.fit(xy, 1200, 800, 10);
            ScatterRenderer renderer = new ScatterRenderer();
            int[] px = renderer.render(scene, v, null);
            long t0 = System.nanoTime();
            int frames = 10;
            for (int k = 0; k < frames; k++) {
                v = v.pan(3, 1);
                px = renderer.render(scene, v, px);
            }
            double ms = (System.nanoTime() - t0) / 1e6 / frames;
            long t1 = System.nanoTime();
            new SpatialGrid(xy);
            double gridMs = (System.nanoTime() - t1) / 1e6;
            System.out.printf(Locale.ROOT, "scatter render %d points 1200x800: %.1f ms/frame (n=%d); grid %.1f ms%n",
                    n, ms, frames, gridMs);
            long painted = java.util.Arrays.stream(px).filter(c -> c != 0xFFFFFFFF).count();
            assertThat(painted).isGreaterThan(1000);
        }
    }

    private static float min(float[] v) {
        float m = Float.POSITIVE_INFINITY;
        for (float x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    /** n clips x (audio, video, text) x 4 of random vectors, every third of metal, a numeric "size" label. */
    private static EmbeddingTable table(int n) {
        Random r = new Random(1);
        float[] values = new float[n * 3 * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) r.nextGaussian();
        }
        List<EmbeddingItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new EmbeddingItem("clip-" + i, "media/clip-" + i + ".mp4", i % 2 == 0 ? "train" : "test",
                    "a " + (i % 3 == 1 ? "metal" : "wooden") + " ball", Map.of("material", i % 3 == 1 ? "metal" : "wood",
                            "size", Integer.toString(i), "objects", Integer.toString(1 + i % 2),
                            "name", i < 10 ? "n" + (i % 2) : "n" + i)));
        }
        return new EmbeddingTable("test", List.of("audio", "video", "text"), 4, values, items);
    }
}
