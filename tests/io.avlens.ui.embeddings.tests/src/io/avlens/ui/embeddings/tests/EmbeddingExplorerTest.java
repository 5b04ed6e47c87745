package io.avlens.ui.embeddings.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.core.color.ColorMap;
import io.avlens.model.Clip;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthSpec;
import io.avlens.ui.embeddings.EmbeddedClip;
import io.avlens.ui.embeddings.EmbeddingExplorerView;
import io.avlens.ui.embeddings.OpenEmbeddingTableHandler;
import io.avlens.ui.embeddings.internal.ExplorerExports;
import io.avlens.ui.embeddings.internal.ScatterCanvas;
import io.avlens.ui.media.VideoView;
import io.avlens.ui.project.ProjectExplorerView;
import io.avlens.ui.project.ProjectHandlers;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.testing.EmbedRuns;
import io.avlens.ui.testing.Ui;

/**
 * The embedding explorer on a table the shipped MC3-small computed for a generated AV-Shapes dataset
 * ({@link EmbedRuns}, as `avlens embed` computes it): it projects with every method offered, colours by MC3's consensus,
 * joins each clip's points, filters by text, lassos a group into the shared selection, shows a clip's frame on
 * hover, opens a clip in the Video view by a click, and exports PNG, SVG, CSV and a subset.
 */
class EmbeddingExplorerTest {

    private static final int CLIPS = 16;
    /** Modalities per clip: audio, video, text. */
    private static final int M = 3;

    @TempDir
    Path dir;

    @Test
    void theExplorerShowsMc3SmallEmbeddingsOfAGeneratedDataset() throws Exception {
        IWorkbenchWindow window = Ui.window();
        Path data = dir.resolve("avshapes");
        new AvShapesGenerator(Ui.sessions().store()).generate(SynthSpec.of(CLIPS, 21), data, SynthProgress.NONE);
        ProjectSession session = Ui.sync(() -> {
            try {
                return Ui.sessions().open(data);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        ProjectExplorerView explorer = Ui.sync(() -> ProjectHandlers.reveal(window, session));
        try {
            explore(window, data, explorer);
        } finally {
            Ui.run(() -> Ui.sessions().close(session));
        }
    }

    private void explore(IWorkbenchWindow window, Path data, ProjectExplorerView explorer) throws Exception {
        Path folder = dir.resolve("mc3-table");
        EmbeddingTable table = EmbedRuns.embed(data, "mc3-small", folder);
        assertThat(table.size()).isEqualTo(CLIPS);

        Ui.run(() -> OpenEmbeddingTableHandler.open(folder, window));
        EmbeddingExplorerView view = Ui.part(window, EmbeddingExplorerView.ID, EmbeddingExplorerView.class);
        Ui.waitUntil("the table", 60, () -> view.table() != null && view.table().size() == CLIPS);
        IViewPart part = Ui.sync(() -> window.getActivePage().findView(EmbeddingExplorerView.ID));
        Ui.maximize(part, true);
        assertThat(Ui.sync(view::methods)).contains("pca");
        Ui.waitUntil("the PCA layout", 60, () -> "pca".equals(view.method()) && !view.isProjecting());
        float[] pca = Ui.sync(view::layout);
        assertThat(pca).hasSize(CLIPS * M * 2);
        assertThat(variance(pca, 0)).as("PCA's first axis carries the most variance")
                .isGreaterThanOrEqualTo(variance(pca, 1)).isGreaterThan(0);

        // every method offered (PCA now; t-SNE and UMAP as they land) projects the same points
        for (String method : Ui.sync(view::methods)) {
            Ui.run(() -> view.project(method));
            Ui.waitUntil(method + " layout", 120, () -> method.equals(view.method()) && !view.isProjecting());
            assertThat(Ui.sync(view::problem)).isNull();
            float[] xy = Ui.sync(view::layout);
            assertThat(xy).hasSize(pca.length);
            for (float v : xy) {
                assertThat(Float.isFinite(v)).isTrue();
            }
        }
        Ui.run(() -> view.project("pca"));
        Ui.waitUntil("PCA again", 60, () -> "pca".equals(view.method()) && !view.isProjecting());
        assertThat(Ui.sync(view::layout)).as("deterministic").containsExactly(pca);

        // colour by MC3's consensus (text anchor): the clip whose modalities agree most gets the top colour
        String variable = "consensus";
        Ui.run(() -> view.colourBy(variable));
        assertThat(Ui.sync(() -> view.legend().texts().get(0))).isEqualTo(variable);
        float[] consensus = table.consensus("text");
        int best = 0;
        for (int i = 1; i < CLIPS; i++) {
            best = consensus[i] > consensus[best] ? i : best;
        }
        int bestClip = best;
        assertThat(Ui.sync(() -> view.colouring().colours()[bestClip * M + 1])).isEqualTo(ColorMap.VIRIDIS.argb(1));
        Ui.run(() -> view.setLines(true));
        assertThat(Ui.sync(view::linesChecked)).as("the Lines box says what is drawn").isTrue();
        Ui.waitUntil("a rendered picture", 20, () -> view.canvas().renderedCount() > 0);
        Ui.screenshot(window.getShell(), "embeddings-similarity-lines");

        // colour by the agreement the embed stage wrote (how well each clip's modalities pick each other out)
        assertThat(Ui.sync(() -> io.avlens.ui.embeddings.internal.Colouring.variables(view.table())))
                .contains(io.avlens.analysis.embedding.Agreement.LABEL);
        Ui.run(() -> view.colourBy(io.avlens.analysis.embedding.Agreement.LABEL));
        assertThat(Ui.sync(() -> view.legend().texts().get(0))).isEqualTo(io.avlens.analysis.embedding.Agreement.LABEL);
        int mostAgreeing = 0;
        int leastAgreeing = 0;
        for (int i = 1; i < CLIPS; i++) {
            double a = Double.parseDouble(table.item(i).label(io.avlens.analysis.embedding.Agreement.LABEL));
            mostAgreeing = a > agreement(table, mostAgreeing) ? i : mostAgreeing;
            leastAgreeing = a < agreement(table, leastAgreeing) ? i : leastAgreeing;
        }
        int most = mostAgreeing;
        int least = leastAgreeing;
        assertThat(agreement(table, most)).isGreaterThan(agreement(table, least));
        assertThat(Ui.sync(() -> view.colouring().colours()[most * M])).isEqualTo(ColorMap.VIRIDIS.argb(1));
        assertThat(Ui.sync(() -> view.colouring().colours()[least * M + 2])).isEqualTo(ColorMap.VIRIDIS.argb(0));
        Ui.waitUntil("a rendered picture", 20, () -> view.canvas().renderedCount() > 0);
        Ui.screenshot(window.getShell(), "embeddings-agreement");
        Ui.run(() -> view.colourBy(variable));

        // filter: only clips whose narration or labels say "metal"
        Ui.run(() -> view.filter("metal"));
        long metal = table.items().stream().filter(i -> (i.narration() + i.labels()).toLowerCase().contains("metal"))
                .count();
        assertThat(Ui.sync(view::statusText)).contains(metal + " shown");
        Ui.run(() -> view.filter(""));

        // lasso a band at the left of the picture, as wide as to reach the points of three clips (each clip has a
        // point per modality, so the band's edge lies between the third and fourth clips' leftmost points): those
        // clips, and nothing else, are shared
        Ui.run(() -> window.getActivePage().activate(part));
        Point size = Ui.sync(() -> view.canvas().getSize());
        int[] leftmost = new int[CLIPS];
        java.util.Arrays.fill(leftmost, Integer.MAX_VALUE);
        Point[] screen = new Point[CLIPS * M];
        for (int p = 0; p < CLIPS * M; p++) {
            int pp = p;
            screen[p] = Ui.sync(() -> view.canvas().screenOf(pp));
            if (screen[p].y >= 0 && screen[p].y < size.y) {
                leftmost[p / M] = Math.min(leftmost[p / M], screen[p].x);
            }
        }
        int[] sorted = leftmost.clone();
        java.util.Arrays.sort(sorted);
        int edge = (sorted[2] + sorted[3]) / 2;
        BitSet expected = new BitSet();
        for (int p = 0; p < CLIPS * M; p++) {
            if (screen[p].x < edge && screen[p].y >= 0 && screen[p].y < size.y) {
                expected.set(p / M);
            }
        }
        assertThat(expected.cardinality()).isBetween(1, CLIPS - 1);
        Ui.run(() -> view.select(view.canvas().lassoOfScreen(new int[] {-1, -1, edge, -1,
            edge, size.y / 2, edge, size.y, -1, size.y})));
        assertThat(Ui.sync(view::selection)).isEqualTo(expected);
        Object shared = Ui.sync(() -> window.getSelectionService().getSelection());
        assertThat(shared).isInstanceOf(IStructuredSelection.class);
        List<String> ids = new ArrayList<>();
        for (Object o : ((IStructuredSelection) shared).toList()) {
            ids.add(((EmbeddedClip) o).id());
        }
        assertThat(ids).containsExactlyElementsOf(expected.stream().mapToObj(i -> table.item(i).id()).toList());
        // the Project Explorer follows: the generated project's clips of those files are selected there
        List<String> explorerIds = Ui.sync(() -> {
            List<String> out = new ArrayList<>();
            for (Object o : explorer.viewer().getStructuredSelection().toList()) {
                String file = Path.of(((Clip) o).getMediaLocation()).getFileName().toString();
                out.add(file.substring(0, file.lastIndexOf('.')));
            }
            return out;
        });
        assertThat(explorerIds).containsExactlyInAnyOrderElementsOf(ids);
        Ui.screenshot(window.getShell(), "embeddings-lasso");

        // hover a point: the card shows the clip's narration, similarity and frame
        int target = expected.nextSetBit(0);
        Point at = Ui.sync(() -> view.canvas().screenOf(target * M + 1));
        // the real pointer goes there too, or the display's own motion events would hover whatever lies under it
        Ui.run(() -> {
            Ui.display().setCursorLocation(view.canvas().toDisplay(at.x, at.y));
            view.canvas().notifyListeners(SWT.MouseMove, Ui.mouse(at.x, at.y));
        });
        Ui.waitUntil("the hover card's frame line", 30, () -> view.card().lines().size() == 5);
        assertThat(Ui.sync(() -> view.card().clip())).as("the card shows the clip").isEqualTo(target);
        assertThat(Ui.sync(() -> view.card().hasFrame())).as("the frame, %s", Ui.sync(() -> view.card().lines()))
                .isTrue();
        assertThat(Ui.sync(() -> view.card().lines())).contains("“" + table.item(target).narration() + "”")
                .anyMatch(l -> l.startsWith("audio–video ") && l.endsWith(String.format(java.util.Locale.ROOT,
                        "agreement %.3f", agreement(table, target))))
                .anyMatch(l -> l.startsWith("frame at ") && (l.contains("first sound event") || l.contains("middle")));
        Ui.screenshot(window.getShell(), "embeddings-hover");

        // click it: the clip opens in the Video view
        Ui.run(() -> {
            view.canvas().setTool(ScatterCanvas.Tool.PAN);
            Event e = Ui.mouse(at.x, at.y);
            view.canvas().notifyListeners(SWT.MouseDown, e);
            view.canvas().notifyListeners(SWT.MouseUp, Ui.mouse(at.x, at.y));
        });
        Path clip = data.resolve(table.item(target).media());
        Ui.waitUntil("the clicked clip to open", 30, () -> Ui.contexts().active().map(c -> c.file().equals(clip))
                .orElse(false));
        VideoView video = Ui.part(window, VideoView.ID, VideoView.class);
        Ui.waitUntil("the Video view on the clip", 30, () -> clip.equals(video.clip())
                && !Double.isNaN(video.shownTime()));

        // exports
        Path png = dir.resolve("view.png");
        Path csv = dir.resolve("xy.csv");
        Path svg = dir.resolve("view.svg");
        Path subset = dir.resolve("subset.txt");
        Ui.run(() -> {
            try {
                ExplorerExports.write(view, "PNG", png);
                ExplorerExports.write(view, "CSV", csv);
                ExplorerExports.write(view, "SVG", svg);
                ExplorerExports.subset(view.table(), view.selection(), view.folder(), subset);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        ImageData picture = new ImageLoader().load(png.toString())[0];
        Point canvasSize = Ui.sync(() -> view.canvas().getSize());
        assertThat(picture.width).isEqualTo(canvasSize.x);
        assertThat(picture.height).isEqualTo(canvasSize.y);
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(1 + CLIPS * M);
        assertThat(rows.get(2)).startsWith(table.item(0).id() + ",video,");
        int inView = Ui.sync(() -> {
            int k = 0;
            for (int p = 0; p < CLIPS * M; p++) {
                Point q = view.canvas().screenOf(p);
                k += q.x >= 0 && q.y >= 0 && q.x < canvasSize.x && q.y < canvasSize.y ? 1 : 0;
            }
            return k;
        });
        assertThat(inView).isPositive();
        assertThat(Files.readString(svg).split("<circle", -1)).as("the points in view").hasSize(1 + inView);
        assertThat(Files.readAllLines(subset).subList(1, 1 + ids.size())).containsExactlyElementsOf(ids);
        Ui.maximize(part, false);
        // leave the workbench as found: an open view would react to every clip later tests activate
        Ui.run(() -> window.getActivePage().hideView(part));
    }

    private static double agreement(EmbeddingTable table, int clip) {
        return Double.parseDouble(table.item(clip).label(io.avlens.analysis.embedding.Agreement.LABEL));
    }

    private static double variance(float[] xy, int axis) {
        double mean = 0;
        int n = xy.length / 2;
        for (int p = 0; p < n; p++) {
            mean += xy[2 * p + axis] / n;
        }
        double v = 0;
        for (int p = 0; p < n; p++) {
            v += (xy[2 * p + axis] - mean) * (xy[2 * p + axis] - mean) / n;
        }
        return v;
    }
}
