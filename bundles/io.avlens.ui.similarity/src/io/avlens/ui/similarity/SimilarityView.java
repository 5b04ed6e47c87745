package io.avlens.ui.similarity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.PartInitException;

import io.avlens.analysis.similarity.SimilarityVolume;
import io.avlens.analysis.similarity.SyncEstimate;
import io.avlens.analysis.similarity.SyncOffsetEstimator;
import io.avlens.core.color.ColorMap;
import io.avlens.core.event.AvLensTopics;
import io.avlens.core.event.TimeSelectionChanged;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.context.ClipPin;
import io.avlens.models.BuiltinModels;
import io.avlens.runner.results.ClipResults;
import io.avlens.ui.project.Inference;
import io.avlens.ui.similarity.internal.ActiveClipVolume;
import io.avlens.ui.similarity.internal.ClipSimilarity;
import io.avlens.ui.similarity.internal.SimilarityCanvas;
import io.avlens.ui.similarity.internal.SimilarityExport;
import io.avlens.ui.similarity.internal.VolumeFiles;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * CAVP similarity volumes (audio time × video time) of the active clip, one or two side by side (two clips, or two
 * models on one clip), with their estimated audio-visual offset. Clicking a cell moves the shared cursor to the cell's
 * video time and pairs its audio time with it (the video shows that frame, the timeline marks that sound); moving the
 * cursor elsewhere highlights its row and column here. The model chosen in the view's list (CAVP-small by default)
 * computes the volume of each clip that becomes active, asked of the {@link ClipResults} service (computed once
 * through the model runner and shared with other views; the runner's cache makes a clip seen before instant); volumes also come from experiment runs ({@link #show}) or from a {@code .npy} file computed elsewhere
 * ({@link #open}); each can be exported as PNG, CSV or {@code .npy}.
 * <p>
 * "Pin" keeps the view on its clip when another becomes active; it then follows that clip's own cursor (see
 * {@link ClipPin}). "New View" opens another instance with the same model and colours, e.g. to pin one to each of
 * two clips.
 */
public class SimilarityView {

    /** The view id. */
    public static final String ID = "io.avlens.ui.similarity.views.similarity";
    /** Event topic with a {@link Path} payload: open that .npy file in the first pane, spanning the active clip. */
    public static final String TOPIC_OPEN = "io/avlens/ui/similarity/open";
    /** Event topic with an {@link OpenRequest} payload: open a volume linked to the clip it was computed on. */
    public static final String TOPIC_OPEN_FOR_CLIP = "io/avlens/ui/similarity/openForClip";

    /**
     * A volume to open in the first pane and the clip it belongs to.
     *
     * @param file the {@code .npy} volume
     * @param clip the open analysis of the clip it was computed on (its axes span that clip), or null when the clip
     *             is not known (the axes are then in steps)
     */
    public record OpenRequest(Path file, AnalysisContext clip) {
    }
    /** Largest lag the sync estimate tries either way, seconds. */
    public static final double MAX_LAG_SECONDS = 1.0;
    /** The model list's entry that computes nothing. */
    public static final String OFF = "Off";

    private Composite root;
    private SashForm panes;
    private final SimilarityCanvas[] canvases = new SimilarityCanvas[2];
    private Combo mapCombo;
    private Label hoverLabel;
    private AnalysisContext analysis;
    /** The active analysis, which the view shows unless pinned to another. */
    private AnalysisContext active;
    private ClipPin pin;
    private Button pinButton;
    @Inject
    @Optional
    private MPart part;
    private int activePane;
    private Combo modelCombo;
    private ActiveClipVolume computation;
    /** The clip each pane's volume spans, or null. */
    private final AnalysisContext[] linked = new AnalysisContext[2];

    @Inject
    @Optional
    private ClipResults results;
    @Inject
    @Optional
    private BuiltinModels builtins;

    @PostConstruct
    void createControls(Composite parent) {
        root = parent;
        pin = new ClipPin(part);
        computation = new ActiveClipVolume(parent.getDisplay(), results, builtins, MAX_LAG_SECONDS,
                this::showComputed, clip -> hoverLabel.setText("Cancelled: " + clip.title()));
        GridLayoutFactory.fillDefaults().margins(2, 2).spacing(4, 2).applyTo(parent);
        Composite bar = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        GridLayoutFactory.fillDefaults().numColumns(13).applyTo(bar);
        new Label(bar, SWT.NONE).setText("Model:");
        modelCombo = new Combo(bar, SWT.READ_ONLY);
        modelCombo.setToolTipText("The model that computes the open clip's volume (through the model runner and its"
                + " cache); Off to show only volumes you open");
        ClipSimilarity.modelIds(builtins, Inference.settings().modelsFolder()).forEach(modelCombo::add);
        modelCombo.add(OFF);
        modelCombo.select(0);
        modelCombo.addListener(SWT.Selection, e -> {
            computation.reset();
            computeForActiveClip();
        });
        button(bar, "Open...", "Open a .npy volume [audio steps, video steps] (File > Open Similarity Volume)",
                () -> ask(0));
        button(bar, "Compare...", "Open a second volume beside the first", () -> ask(1));
        button(bar, "Single", "Close the second volume", this::closeComparison);
        new Label(bar, SWT.NONE).setText("Colours:");
        mapCombo = new Combo(bar, SWT.READ_ONLY);
        for (ColorMap m : ColorMap.values()) {
            mapCombo.add(m.id());
        }
        mapCombo.select(ColorMap.COOLWARM.ordinal());
        mapCombo.addListener(SWT.Selection, e -> setColorMap(ColorMap.values()[mapCombo.getSelectionIndex()]));
        for (SimilarityExport.Format f : SimilarityExport.Format.values()) {
            button(bar, f.name(), "Export the last clicked volume as " + f.description(), () -> askExport(f));
        }
        pinButton = new Button(bar, SWT.TOGGLE);
        pinButton.setText("Pin");
        pinButton.setToolTipText("Pin this view to its clip: it stays on it when another clip becomes active");
        pinButton.addListener(SWT.Selection, e -> setPinned(pinButton.getSelection()));
        button(bar, "New View", "Open another Similarity view, to pin to another clip", this::newView);
        hoverLabel = new Label(bar, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(hoverLabel);

        panes = new SashForm(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(panes);
        for (int i = 0; i < canvases.length; i++) {
            int pane = i;
            SimilarityCanvas c = new SimilarityCanvas(panes);
            c.setToolTipText("Click: move the cursor to this video time and mark this audio time");
            c.onCellClicked(cell -> cellClicked(pane, cell));
            c.onCellHovered(cell -> hovered(pane, cell));
            canvases[i] = c;
        }
        panes.setMaximizedControl(canvases[0]);
        showCursor();
        computeForActiveClip();
    }

    private void button(Composite bar, String text, String tip, Runnable action) {
        Button b = new Button(bar, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        b.addListener(SWT.Selection, e -> action.run());
    }

    /** The active analysis changed. */
    @Inject
    @Optional
    void setAnalysis(@Named(AnalysisContexts.ACTIVE) AnalysisContext context) {
        active = context;
        show(pin == null ? context : pin.follow(context));
    }

    private void show(AnalysisContext context) {
        analysis = context;
        if (root != null && !root.isDisposed()) {
            showCursor();
            computeForActiveClip();
        }
    }

    /** The clip the view follows: the active one, or the one it is pinned to. */
    public AnalysisContext shownClip() {
        return analysis;
    }

    /** Pins the view to the clip it follows, or lets it follow the active clip again. */
    public void setPinned(boolean pinned) {
        pin.pin(pinned ? analysis : null);
        pinButton.setSelection(pin.isPinned());
        if (!pin.isPinned() && analysis != active) {
            show(active);
        }
    }

    /** Whether the view is pinned to its clip. */
    public boolean isPinned() {
        return pin.isPinned();
    }

    /**
     * Opens another Similarity view (a new instance) with this one's model and colours and returns it; it follows
     * the active clip until pinned.
     */
    public SimilarityView newView() {
        try {
            SimilarityView other = ClipPin.openInstance(
                    org.eclipse.ui.PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage(), ID,
                    SimilarityView.class);
            if (other != null && other != this) {
                other.mapCombo.select(mapCombo.getSelectionIndex());
                other.setColorMap(selectedMap());
                other.setModel(model());
            }
            return other;
        } catch (PartInitException e) {
            hoverLabel.setText("Cannot open another Similarity view: " + e.getMessage());
            return null;
        }
    }

    /** The model chosen to compute the open clip's volume, or null for Off. */
    public String model() {
        return modelCombo.getSelectionIndex() < 0 || OFF.equals(modelCombo.getText()) ? null : modelCombo.getText();
    }

    /** Chooses the model that computes the open clip's volume (null for Off) and computes it. */
    public void setModel(String id) {
        int index = modelCombo.indexOf(id == null ? OFF : id);
        if (index < 0) {
            throw new IllegalArgumentException("no model '" + id + "' in the list " + List.of(modelCombo.getItems()));
        }
        modelCombo.select(index);
        computation.reset();
        computeForActiveClip();
    }

    /**
     * The open clip's volume as asked of {@link ClipResults} (done once it is shown, or could not be computed), or
     * null when none was asked for.
     */
    public CompletableFuture<ClipSimilarity.Result> computation() {
        return computation == null ? null : computation.computation();
    }

    /** A closed view no longer wants its volume: the computation stops unless another view asked for it too. */
    @PreDestroy
    void dispose() {
        if (computation != null) {
            computation.cancel();
        }
    }

    /**
     * Computes the followed clip's volume with the chosen model (once per clip; again after the model changes), then
     * shows it in the first pane.
     */
    private void computeForActiveClip() {
        computation.compute(analysis, model(), hoverLabel::setText);
    }

    private void showComputed(AnalysisContext clip, String model, ClipSimilarity.Result result) {
        if (root.isDisposed()) {
            return;
        }
        if (result.volume() == null) {
            hoverLabel.setText(result.message());
            hoverLabel.setToolTipText(result.message());
            return;
        }
        String padded = result.paddedSeconds() > 0 ? String.format(Locale.ROOT, " · last %.3f s padded",
                result.paddedSeconds()) : "";
        show(0, result.volume(), clip.title() + " · " + model + padded, true);
        canvases[0].setPadding(result.paddedSeconds());
        linked[0] = clip;
        hoverLabel.setText(model + (result.cached() ? " (from the cache)" : "") + ": click a cell to move the"
                + " cursor" + (padded.isEmpty() ? "" : String.format(Locale.ROOT, "; the clip is shorter than the"
                        + " model's %.0f s window, so its last %.3f s of both axes are padding (black frames, silence)",
                        result.volume().videoSteps() * result.volume().videoBase().step(), result.paddedSeconds())));
    }

    @Inject
    @Optional
    void selectionChanged(@UIEventTopic(AvLensTopics.TIME_SELECTION) TimeSelectionChanged event) {
        if (analysis != null && analysis.isForeign(event, this) && root != null && !root.isDisposed()) {
            showCursor();
        }
    }

    @Inject
    @Optional
    void openRequested(@UIEventTopic(TOPIC_OPEN) Path file) {
        if (root != null && !root.isDisposed()) {
            open(file, 0);
        }
    }

    @Inject
    @Optional
    void openForClipRequested(@UIEventTopic(TOPIC_OPEN_FOR_CLIP) OpenRequest request) {
        if (root != null && !root.isDisposed()) {
            open(request.file(), 0, request.clip());
        }
    }

    /**
     * Shows {@code volume} in pane 0 (the first) or 1 (the comparison), with its sync estimate. UI thread; the
     * entry point for model runs and the command line's GUI twin.
     */
    public void show(int pane, SimilarityVolume volume, String title, boolean inSeconds) {
        SyncEstimate estimate = estimate(volume, inSeconds);
        linked[pane] = null; // until the caller says which clip it spans
        canvases[pane].setVolume(volume, estimate, selectedMap(), title + " · " + describe(estimate, inSeconds),
                inSeconds);
        panes.setMaximizedControl(canvases[1].volume() == null ? canvases[0] : null);
        activePane = pane;
        showCursor();
    }

    /** Estimates the offset with lags up to {@link #MAX_LAG_SECONDS} (8 steps without seconds), within the volume. */
    static SyncEstimate estimate(SimilarityVolume volume, boolean inSeconds) {
        int max = inSeconds ? (int) Math.round(MAX_LAG_SECONDS / volume.videoBase().step()) : 8;
        return new SyncOffsetEstimator(Math.min(max, volume.videoSteps() - 1), SyncOffsetEstimator.DEFAULT_TEMPERATURE)
                .estimate(volume);
    }

    private static String describe(SyncEstimate e, boolean inSeconds) {
        String lag = inSeconds ? String.format(Locale.ROOT, "%+.3f s", e.lagSeconds())
                : String.format(Locale.ROOT, "%+d steps", e.lagSteps());
        String sense = e.lagSteps() > 0 ? "sound later" : e.lagSteps() < 0 ? "sound earlier" : "in sync";
        return String.format(Locale.ROOT, "lag %s (%s), confidence %.2f", lag, sense, e.confidence());
    }

    /**
     * Reads a {@code .npy} volume in a job and shows it in {@code pane}; a bad file gives a dialog naming the file
     * and the problem. With an open clip the volume is taken to span it (each axis: clip duration / steps);
     * without one its axes are in steps.
     */
    public void open(Path file, int pane) {
        open(file, pane, analysis);
    }

    /**
     * Reads a {@code .npy} volume in a job and shows it in {@code pane}, spanning {@code clip} (each axis: clip
     * duration / steps; in steps when null); a bad file gives a dialog naming the file and the problem. A volume
     * opened for the active clip in the first pane takes the place of the one the chosen model would compute.
     */
    public void open(Path file, int pane, AnalysisContext clip) {
        if (pane == 0 && clip != null) {
            computation.replacedBy(clip);
        }
        String title = clip == null ? file.getFileName().toString() : clip.title() + " · " + file.getFileName();
        VolumeFiles.read(file, clip, root, volume -> {
            show(pane, volume, title, clip != null);
            linked[pane] = clip;
        });
    }

    /** The open analysis of the clip whose time the volume in {@code pane} spans, or null. */
    public AnalysisContext clipOf(int pane) {
        return linked[pane];
    }

    /** Hides the comparison pane. */
    public void closeComparison() {
        canvases[1].setVolume(null, null, selectedMap(), "", true);
        linked[1] = null;
        panes.setMaximizedControl(canvases[0]);
        activePane = 0;
    }

    private void ask(int pane) {
        Path chosen = VolumeFiles.askOpen(root.getShell(), pane == 0 ? "Open Similarity Volume"
                : "Compare with Similarity Volume");
        if (chosen != null) {
            open(chosen, pane);
        }
    }

    private void askExport(SimilarityExport.Format format) {
        if (canvases[activePane].volume() == null) {
            return;
        }
        Path chosen = VolumeFiles.askExport(root.getShell(), format);
        if (chosen != null) {
            try {
                export(chosen, format);
            } catch (IOException e) {
                MessageDialog.openError(root.getShell(), "Cannot export the similarity volume", e.getMessage());
            }
        }
    }

    /**
     * Writes the last clicked volume (the first when none was clicked) to {@code file}, atomically.
     *
     * @throws IOException naming the file and the problem
     */
    public void export(Path file, SimilarityExport.Format format) throws IOException {
        SimilarityExport.write(file, format, canvases[activePane]);
    }

    private void setColorMap(ColorMap map) {
        for (SimilarityCanvas c : canvases) {
            c.setColorMap(map);
        }
    }

    private ColorMap selectedMap() {
        return ColorMap.values()[Math.max(0, mapCombo.getSelectionIndex())];
    }

    private void cellClicked(int pane, SimilarityCanvas.Cell cell) {
        activePane = pane;
        if (analysis != null) {
            analysis.pairCursor(this, cell.videoSeconds(), cell.audioSeconds());
        }
        for (SimilarityCanvas c : canvases) {
            c.setCursor(cell.videoSeconds(), cell.audioSeconds());
        }
    }

    private void hovered(int pane, SimilarityCanvas.Cell cell) {
        if (cell == null) {
            hoverLabel.setText("");
            return;
        }
        String unit = canvases[pane].inSeconds() ? " s" : "";
        hoverLabel.setText(String.format(Locale.ROOT, "%s  audio %.3f%s · video %.3f%s · S = %.4f",
                pane == 0 ? "A" : "B", cell.audioSeconds(), unit, cell.videoSeconds(), unit, cell.value()));
    }

    private void showCursor() {
        double video = analysis == null ? Double.NaN : analysis.cursor();
        double audio = analysis == null ? Double.NaN : analysis.audioCursor();
        for (SimilarityCanvas c : canvases) {
            c.setCursor(video, audio);
        }
    }

    /** The canvas of pane 0 or 1, for tests and benchmarks. */
    public SimilarityCanvas canvas(int pane) {
        return canvases[pane];
    }

    /** The text under the toolbar describing the hovered cell. */
    public String hoverText() {
        return hoverLabel.getText();
    }

    @Focus
    void focus() {
        canvases[activePane].setFocus();
    }
}
