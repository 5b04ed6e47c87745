package io.avlens.ui.embeddings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import com.google.gson.JsonObject;

import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.analysis.projection.Points;
import io.avlens.ui.embeddings.internal.Colouring;
import io.avlens.ui.embeddings.internal.ExplorerExports;
import io.avlens.ui.embeddings.internal.ExplorerToolbar;
import io.avlens.ui.embeddings.internal.HoverCard;
import io.avlens.ui.embeddings.internal.HoverController;
import io.avlens.ui.embeddings.internal.Lasso;
import io.avlens.ui.embeddings.internal.LegendPanel;
import io.avlens.ui.embeddings.internal.MediaPaths;
import io.avlens.ui.embeddings.internal.ProjectionJob;
import io.avlens.ui.embeddings.internal.ProjectionRegistry;
import io.avlens.ui.embeddings.internal.ScatterCanvas;
import io.avlens.ui.embeddings.internal.Scene;
import io.avlens.ui.embeddings.internal.SharedSelection;
import io.avlens.ui.media.OpenClipHandler;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * The consensus-embedding explorer: every (clip, modality) vector of an embedding table as a point in 2-D (three per
 * clip for audio, video and text, shaped by modality), placed by PCA, t-SNE or UMAP in a job whose layout animates
 * while it iterates, coloured by consensus, a pair's similarity or any label (legend and histogram beside), filtered by
 * text. Hover shows a clip's frame, narration and pairwise similarities; a click opens it in the Video and Timeline
 * views; a lasso or box puts its clips in the shared selection ({@link EmbeddedClip}s) and can be saved as a subset.
 * Opened by File › Open Embedding Table… or {@link #open}. UI thread throughout.
 */
public class EmbeddingExplorerView implements ExplorerToolbar.Actions {

    /** The view id. */
    public static final String ID = "io.avlens.ui.embeddings.views.explorer";

    private final SharedSelection shared = new SharedSelection();
    private final ProjectionRegistry registry = new ProjectionRegistry();
    private ScatterCanvas canvas;
    private LegendPanel legend;
    private ExplorerToolbar toolbar;
    private Label status;
    private HoverController hover;
    private EmbeddingTable table;
    private Path folder;
    private MediaPaths media;
    private float[] xy;
    private String method;
    private Colouring colouring;
    private String query = "";
    private boolean[] shown;
    private BitSet selected = new BitSet();
    private boolean lines;
    private int highlighted = -1;
    private ProjectionJob job;
    private String problem;
    /** Whether the projection running has shown no layout yet (its first one frames all points). */
    private boolean firstLayout;

    @jakarta.inject.Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void setSelectionService(org.eclipse.e4.ui.workbench.modeling.ESelectionService service) {
        shared.setPartService(service);
    }

    @PostConstruct
    void createControls(Composite parent) {
        GridLayoutFactory.fillDefaults().numColumns(2).margins(2, 2).spacing(4, 2).applyTo(parent);
        toolbar = new ExplorerToolbar(parent, registry.names(), this);
        canvas = new ScatterCanvas(parent);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(canvas);
        legend = new LegendPanel(parent);
        GridDataFactory.fillDefaults().grab(false, true).hint(200, SWT.DEFAULT).applyTo(legend);
        status = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(status);
        status.setText("File › Open Embedding Table… shows a table written by avlens embed");
        hover = new HoverController(canvas);
        canvas.onClick(this::openClip);
        canvas.onLasso(this::select);
        canvas.onHover(e -> hover(e.index, e.x, e.y));
    }

    /**
     * Shows {@code t} (read from {@code tableFolder}, against which relative media paths resolve) and projects it
     * with the first method offered.
     */
    public void open(EmbeddingTable t, Path tableFolder, JsonObject description) {
        stopProjection();
        shared.install(canvas, ID);
        table = t;
        folder = tableFolder;
        media = new MediaPaths(tableFolder, description);
        selected = new BitSet();
        highlighted = -1;
        xy = null;
        List<String> variables = Colouring.variables(t);
        String first = variables.contains(Colouring.CONSENSUS) ? Colouring.MODALITY : variables.get(0);
        toolbar.setVariables(variables, first);
        toolbar.setTableOpen(true);
        colouring = Colouring.of(t, first);
        showLines();
        filter(query);
        if (!registry.names().isEmpty()) {
            project(registry.names().get(0));
        }
    }

    @Override
    public void project(String name) {
        if (table == null) {
            return;
        }
        stopProjection();
        method = name;
        toolbar.showMethod(name);
        problem = null;
        firstLayout = true;
        Points points = new Points(table.size() * table.modalities().size(), table.dimension(), table.values());
        ProjectionJob[] self = new ProjectionJob[1];
        self[0] = new ProjectionJob(registry.create(name), points,
                (layout, iteration) -> ui(() -> layout(self[0], layout, false)),
                layout -> ui(() -> layout(self[0], layout, true)),
                message -> ui(() -> {
                    problem = message;
                    status.setText(message);
                }));
        job = self[0];
        job.schedule();
        status.setText("Projecting " + points.n() + " points with " + name + "…");
    }

    private void layout(ProjectionJob from, float[] layout, boolean last) {
        if (from != job || canvas.isDisposed()) {
            return;
        }
        // follow the animation until the user moves the view (a resize does not count)
        boolean fit = firstLayout || canvas.isFitted();
        firstLayout = false;
        xy = layout;
        showScene(fit);
        if (last) {
            job = null;
            status.setText(summary());
        }
    }

    @Override
    public void stopProjection() {
        if (job != null) {
            job.cancel();
            job = null;
        }
    }

    @Override
    public void colourBy(String variable) {
        colouring = Colouring.of(table, variable);
        toolbar.showVariable(variable);
        showScene(false);
    }

    @Override
    public void filter(String text) {
        query = text == null ? "" : text;
        toolbar.showFilter(query);
        if (table == null) {
            return;
        }
        shown = new boolean[table.size()];
        for (int i = 0; i < shown.length; i++) {
            shown[i] = Colouring.matches(table.item(i), query);
        }
        showScene(false);
        if (job == null) {
            status.setText(summary());
        }
    }

    @Override
    public void setLines(boolean on) {
        lines = on;
        showLines();
        showScene(false);
    }

    /**
     * The checkbox says what the canvas draws: lines join a clip's points only when it has two or more (a table of
     * one modality has nothing to join, so the box is unchecked and disabled there, the choice kept for the next).
     */
    private void showLines() {
        boolean joinable = table == null || table.modalities().size() > 1;
        toolbar.showLines(lines && joinable, joinable);
    }

    /** Whether each clip's points are joined by lines in what the canvas draws. */
    public boolean linesDrawn() {
        return lines && table != null && table.modalities().size() > 1;
    }

    /** The Lines checkbox: whether it is checked. */
    public boolean linesChecked() {
        return toolbar.linesChecked();
    }

    /** The Lines checkbox, clicked by the user (tests): toggles it and tells the view, as SWT does. */
    public void clickLines() {
        toolbar.clickLines();
    }

    @Override
    public void setTool(ScatterCanvas.Tool tool) {
        canvas.setTool(tool);
    }

    /** Selects the clips with a point inside {@code lasso} (data coordinates) and shares them. */
    public void select(Lasso lasso) {
        if (xy == null) {
            return;
        }
        int m = table.modalities().size();
        selected = lasso.items(canvas.grid(), xy, m, p -> shown[p / m]);
        List<EmbeddedClip> clips = new ArrayList<>();
        for (int i = selected.nextSetBit(0); i >= 0; i = selected.nextSetBit(i + 1)) {
            clips.add(new EmbeddedClip(table.item(i).id(), media.resolve(table.item(i).media()), i, table.model()));
        }
        shared.install(canvas, ID);
        shared.setSelection(new StructuredSelection(clips));
        showScene(false);
        status.setText(summary());
    }

    /** Opens clip {@code item} in the Video and Timeline views. */
    public void openClip(int item) {
        Path file = media.resolve(table.item(item).media());
        var workbench = org.eclipse.ui.PlatformUI.getWorkbench();
        var window = workbench.getActiveWorkbenchWindow() != null ? workbench.getActiveWorkbenchWindow()
                : workbench.getWorkbenchWindows()[0];
        OpenClipHandler.open(file, window);
    }

    private void hover(int item, int x, int y) {
        highlighted = item;
        showScene(false);
        hover.hover(table, media, colouring, item, x, y);
    }

    @Override
    public void saveSubset() {
        ExplorerExports.askSubset(canvas.getShell(), this);
    }

    @Override
    public void export(String format) {
        ExplorerExports.ask(canvas.getShell(), this, format);
    }

    private void showScene(boolean fit) {
        if (table == null || xy == null || canvas.isDisposed()) {
            return;
        }
        canvas.setScene(scene(), fit);
        int m = table.modalities().size();
        legend.show(colouring, table.modalities(), colouring.histogram(24, p -> shown[p / m]));
    }

    /** What the canvas draws now. */
    public Scene scene() {
        return new Scene(xy, table.modalities().size(), colouring.colours(), shown, selected, linesDrawn(),
                highlighted);
    }

    private String summary() {
        int kept = 0;
        for (boolean s : shown) {
            kept += s ? 1 : 0;
        }
        return String.format(Locale.ROOT, "%s · %d clips × %d modalities (%s), %d-D · %s · %d shown · %d selected",
                table.model(), table.size(), table.modalities().size(), String.join(", ", table.modalities()),
                table.dimension(), method == null ? "no projection" : method, kept, selected.cardinality())
                + (problem == null ? "" : " · " + problem);
    }

    private void ui(Runnable r) {
        if (!canvas.isDisposed()) {
            canvas.getDisplay().asyncExec(() -> {
                if (!canvas.isDisposed()) {
                    r.run();
                }
            });
        }
    }

    public EmbeddingTable table() {
        return table;
    }

    public Path folder() {
        return folder;
    }

    public ScatterCanvas canvas() {
        return canvas;
    }

    public LegendPanel legend() {
        return legend;
    }

    public HoverCard card() {
        return hover.card();
    }

    public Colouring colouring() {
        return colouring;
    }

    /** The projection methods offered. */
    public List<String> methods() {
        return registry.names();
    }

    /** The method of the layout shown (or being computed). */
    public String method() {
        return method;
    }

    /** Whether a projection is running. */
    public boolean isProjecting() {
        return job != null;
    }

    /** The layout shown, {@code x, y} per point (the view's own array). */
    public float[] layout() {
        return xy;
    }

    /** The selected clips' rows. */
    public BitSet selection() {
        return (BitSet) selected.clone();
    }

    /** The last projection's failure, or null. */
    public String problem() {
        return problem;
    }

    public String statusText() {
        return status.getText();
    }

    @Focus
    void focus() {
        canvas.setFocus();
    }

    @PreDestroy
    void dispose() {
        stopProjection();
        hover.close();
    }
}
