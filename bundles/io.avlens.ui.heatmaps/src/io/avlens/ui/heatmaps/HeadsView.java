package io.avlens.ui.heatmaps;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;

import io.avlens.analysis.dense.DenseFeatureFiles;
import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.core.event.AvLensTopics;
import io.avlens.core.event.TimeSelectionChanged;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.heatmaps.internal.ActivationCurves;
import io.avlens.ui.heatmaps.internal.DenseHeatmaps;
import io.avlens.ui.heatmaps.internal.HeadPanels;
import io.avlens.ui.heatmaps.internal.HeatmapClip;
import io.avlens.ui.heatmaps.internal.HeatmapExport;
import io.avlens.ui.heatmaps.internal.HeatmapSettings;
import io.avlens.ui.heatmaps.internal.HeatmapSlice;
import io.avlens.ui.media.VideoView;
import io.avlens.ui.widgets.HeatmapCanvas;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The heads of a DenseAV model on the active clip at the shared cursor: small multiples (one heatmap per head and
 * their maximum, as the overlay normalises them) and under them each head's activation over audio time (maximum over
 * space) with the audio time shown. Click a curve: the cursor moves there. Click or drag a rectangle on a panel: the
 * region's activation over audio time joins the curves. The toolbar chooses the model, the colouring and the
 * normalisation (shared with the Video view's heatmap overlay), pins the audio time, mutes or solos heads, and exports
 * PNGs and the volume. Playing the clip animates everything.
 */
public class HeadsView {

    /** The view id. */
    public static final String ID = "io.avlens.ui.heatmaps.views.heads";

    private static final String NO_MODEL = "(no DenseAV model installed)";

    @Inject
    @Optional
    private DenseHeatmaps heatmaps;
    @Inject
    @Optional
    private EPartService parts;
    @Inject
    @Optional
    private MPart part;

    private Composite root;
    private Combo modelCombo;
    private Combo colouringCombo;
    private Combo normalisationCombo;
    private Button pinButton;
    private Composite headBar;
    private HeadPanels panels;
    private ActivationCurves curves;
    private Label status;
    private AnalysisContext analysis;
    private HeatmapClip clip;
    private String problem;
    private HeatmapSlice slice;
    private final Runnable settingsChanged = this::settingsChanged;
    private final Runnable heatmapsChanged = () -> post(this::load);

    @PostConstruct
    void createControls(Composite parent) {
        root = parent;
        GridLayoutFactory.fillDefaults().margins(2, 2).spacing(4, 2).applyTo(parent);
        Composite bar = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        GridLayoutFactory.fillDefaults().numColumns(6).applyTo(bar);
        new Label(bar, SWT.NONE).setText("Model:");
        modelCombo = new Combo(bar, SWT.READ_ONLY);
        modelCombo.setToolTipText("The DenseAV model that computes the heatmaps (through the model runner and its "
                + "cache)");
        modelCombo.addListener(SWT.Selection, e -> heatmaps.setModel(modelCombo.getText()));
        colouringCombo = combo(bar, "Colours:", HeatmapSettings.Colouring.values().length,
                i -> HeatmapSettings.Colouring.values()[i].label(),
                i -> settings().setColouring(HeatmapSettings.Colouring.values()[i]));
        normalisationCombo = combo(bar, "Normalise:", HeatmapSettings.Normalisation.values().length,
                i -> HeatmapSettings.Normalisation.values()[i].label(),
                i -> settings().setNormalisation(HeatmapSettings.Normalisation.values()[i]));
        Composite actions = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(actions);
        GridLayoutFactory.fillDefaults().numColumns(4).applyTo(actions);
        pinButton = new Button(actions, SWT.TOGGLE);
        pinButton.setText("Pin audio time");
        pinButton.setToolTipText("Keep the heatmaps at this audio time while the picture is scrubbed");
        pinButton.addListener(SWT.Selection, e -> pinAudio(pinButton.getSelection()));
        button(actions, "PNG video", "Export the Video view's picture with the heatmap as PNG",
                () -> askAndExport("overlay.png", this::exportOverlay));
        button(actions, "PNG heads", "Export these panels and curves as PNG",
                () -> askAndExport("heads.png", this::exportHeads));
        button(actions, "Volume .npy", "Export the volume [frames, heads, h, w, audio steps] as float32 .npy",
                () -> askAndExport("heatmap.npy", this::exportVolume));
        headBar = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(headBar);
        panels = new HeadPanels(parent, this::hovered, this::regionChosen);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(panels.control());
        curves = new ActivationCurves(parent);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 170).applyTo(curves);
        curves.onSeek(this::seek);
        status = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        if (heatmaps == null) {
            status.setText("The heatmap service is not available");
            return;
        }
        heatmaps.addListener(heatmapsChanged);
        settings().addListener(settingsChanged);
        fillModels();
        syncControls();
        load();
    }

    private Combo combo(Composite bar, String label, int count, java.util.function.IntFunction<String> item,
            java.util.function.IntConsumer chosen) {
        new Label(bar, SWT.NONE).setText(label);
        Combo c = new Combo(bar, SWT.READ_ONLY);
        for (int i = 0; i < count; i++) {
            c.add(item.apply(i));
        }
        c.addListener(SWT.Selection, e -> chosen.accept(c.getSelectionIndex()));
        return c;
    }

    private void button(Composite bar, String text, String tip, Runnable action) {
        Button b = new Button(bar, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        b.addListener(SWT.Selection, e -> action.run());
    }

    /** The display settings shared with the overlay. UI thread. */
    public HeatmapSettings settings() {
        return heatmaps.settings();
    }

    private void fillModels() {
        modelCombo.removeAll();
        List<String> models = heatmaps.models();
        models.forEach(modelCombo::add);
        if (models.isEmpty()) {
            modelCombo.add(NO_MODEL);
        }
        String chosen = heatmaps.model();
        modelCombo.select(Math.max(0, chosen == null ? 0 : modelCombo.indexOf(chosen)));
        modelCombo.setEnabled(!models.isEmpty());
    }

    /** The active analysis changed. */
    @Inject
    @Optional
    void setAnalysis(@Named(AnalysisContexts.ACTIVE) AnalysisContext context) {
        analysis = context;
        if (root != null && !root.isDisposed() && heatmaps != null) {
            load();
        }
    }

    @Inject
    @Optional
    void selectionChanged(@UIEventTopic(AvLensTopics.TIME_SELECTION) TimeSelectionChanged event) {
        if (analysis != null && analysis.isForeign(event, this) && root != null && !root.isDisposed()) {
            refresh();
        }
    }

    /** Asks for the active clip's heatmaps; shows them when they are there, or why there are none. */
    private void load() {
        if (root.isDisposed()) {
            return;
        }
        if (analysis == null) {
            show(null, "No clip. Open one with File > Open Clip...");
            return;
        }
        AnalysisContext wanted = analysis;
        CompletableFuture<HeatmapClip> f = heatmaps.request(wanted.file());
        if (!f.isDone()) {
            problem = null;
            status.setText("Computing the heatmaps of " + wanted.title() + " with " + heatmaps.model() + "...");
            f.whenComplete((c, e) -> post(() -> {
                if (analysis == wanted) {
                    load();
                }
            }));
            return;
        }
        try {
            show(f.join(), null);
        } catch (CancellationException | CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            show(null, cause instanceof CancellationException ? "Cancelled: " + wanted.title() : cause.getMessage());
        }
    }

    private void show(HeatmapClip c, String message) {
        boolean headsChanged = c == null || clip == null || c.raw().heads() != clip.raw().heads();
        clip = c;
        problem = message;
        if (headsChanged) {
            panels.setHeads(c == null ? 0 : c.raw().heads());
            rebuildHeadBar();
        }
        if (c == null) {
            slice = null;
            curves.setCurves(new io.avlens.analysis.similarity.TimeBase(0, 1), List.of());
            status.setText(message == null ? "" : message);
            status.setToolTipText(message);
            return;
        }
        panels.clearRegion();
        status.setText(c.model() + ": " + describe());
        refresh();
    }

    private String describe() {
        DenseFeatures f = clip.raw();
        return String.format(Locale.ROOT, "%d heads, %d × %d cells, %d frames, %d audio steps · click a curve to seek,"
                + " drag on a panel for a region", f.heads(), f.height(), f.width(), f.frames(), f.steps());
    }

    private void rebuildHeadBar() {
        for (Control child : headBar.getChildren()) {
            child.dispose();
        }
        int heads = clip == null ? 0 : clip.raw().heads();
        GridLayoutFactory.fillDefaults().numColumns(2 * heads + 1).applyTo(headBar);
        for (int k = 0; k < heads; k++) {
            int head = k;
            Button on = new Button(headBar, SWT.CHECK);
            on.setText("head " + (k + 1));
            on.setToolTipText("Show or mute head " + (k + 1));
            on.addListener(SWT.Selection, e -> settings().setShown(head, on.getSelection()));
            Button solo = new Button(headBar, SWT.PUSH);
            solo.setText("solo");
            solo.setToolTipText("Show head " + (k + 1) + " alone");
            solo.addListener(SWT.Selection, e -> solo(head));
        }
        if (heads > 0) {
            Button all = new Button(headBar, SWT.PUSH);
            all.setText("all heads");
            all.addListener(SWT.Selection, e -> solo(-1));
        }
        syncControls();
        root.layout(true, true);
    }

    private void syncControls() {
        colouringCombo.select(settings().colouring().ordinal());
        normalisationCombo.select(settings().normalisation().ordinal());
        pinButton.setSelection(analysis != null && settings().isAudioPinned(analysis.file()));
        Control[] children = headBar.getChildren();
        for (int k = 0; clip != null && k < clip.raw().heads(); k++) {
            ((Button) children[2 * k]).setSelection(settings().shown(k));
        }
    }

    private void settingsChanged() {
        if (!root.isDisposed()) {
            syncControls();
            refresh();
        }
    }

    /** Shows the slice and curves of the cursor's frame and the audio time shown. */
    private void refresh() {
        if (clip == null || analysis == null) {
            return;
        }
        DenseFeatures f = clip.shown();
        double audio = audioTime();
        int frame = f.frameAt(analysis.cursor());
        slice = HeatmapSlice.of(clip, frame, f.stepAt(audio), settings());
        panels.show(slice, f.height(), f.width(), settings());
        List<ActivationCurves.Curve> lines = new ArrayList<>();
        for (int k = 0; k < f.heads(); k++) {
            if (settings().shown(k)) {
                lines.add(new ActivationCurves.Curve("head " + (k + 1), HeatmapSettings.headColour(k),
                        clip.raw().activation(frame, k, null), false));
            }
        }
        if (panels.region() != null) {
            lines.add(new ActivationCurves.Curve(panels.regionName(), 0x000000,
                    clip.raw().activation(frame, panels.regionHead(), panels.region()), true));
        }
        curves.setCurves(f.audioTime(), lines);
        curves.setCursor(audio);
    }

    private double audioTime() {
        return settings().audioTime(analysis.file(), analysis.audioCursor());
    }

    private void seek(double seconds) {
        if (analysis == null) {
            return;
        }
        if (settings().isAudioPinned(analysis.file())) {
            settings().pinAudio(analysis.file(), seconds);
        }
        analysis.moveCursor(this, seconds);
        refresh();
    }

    private void hovered(String text) {
        status.setText(text != null ? text : clip != null ? clip.model() + ": " + describe()
                : problem == null ? "" : problem);
    }

    private void regionChosen() {
        refresh();
    }

    /** Pins the audio time of the clip at the one shown now (true) or follows the cursor again (false). */
    public void pinAudio(boolean pinned) {
        if (analysis != null) {
            settings().pinAudio(analysis.file(), pinned ? audioTime() : Double.NaN);
        }
    }

    /** Shows head {@code k} alone (−1: all heads). */
    public void solo(int k) {
        settings().solo(k, clip == null ? 0 : clip.raw().heads());
    }

    /** Chooses the model (as its list does). */
    public void setModel(String id) {
        heatmaps.setModel(id);
        fillModels();
    }

    /** Selects the region rows {@code r0..r1}, columns {@code c0..c1} (inclusive) of head {@code head}'s panel. */
    public void selectRegion(int head, int r0, int c0, int r1, int c1) {
        panels.setRegion(head, new Rectangle(c0, r0, c1 - c0 + 1, r1 - r0 + 1));
        refresh();
    }

    /** The heatmaps shown, or null. */
    public HeatmapClip heatmapClip() {
        return clip;
    }

    /** Why no heatmaps are shown (in the user's words), or null. */
    public String problem() {
        return problem;
    }

    /** The slice shown, or null. */
    public HeatmapSlice slice() {
        return slice;
    }

    /** The curves shown (heads, then the region's). */
    public List<ActivationCurves.Curve> curves() {
        return curves.curves();
    }

    /** The curves widget, for tests. */
    public ActivationCurves curvesWidget() {
        return curves;
    }

    /** The small multiples, for tests. */
    public HeadPanels panels() {
        return panels;
    }

    /** The status line. */
    public String statusText() {
        return status.getText();
    }

    /** Writes the Video view's picture with its overlays as PNG. */
    public void exportOverlay(Path file) throws IOException {
        Object video = parts == null || parts.findPart(VideoView.ID) == null ? null
                : parts.findPart(VideoView.ID).getObject();
        HeatmapExport.overlayPng(video instanceof VideoView v ? v : null, file);
    }

    /** Writes the panels and curves as PNG. */
    public void exportHeads(Path file) throws IOException {
        Point panelSize = panels.control().getSize();
        Point curveSize = curves.getSize();
        List<Image> parts = new ArrayList<>();
        try {
            List<Point> at = new ArrayList<>();
            for (HeatmapCanvas c : panels.canvases()) {
                parts.add(HeatmapExport.snapshot(c, c::paint));
                at.add(c.getLocation());
            }
            parts.add(HeatmapExport.snapshot(curves, curves::paint));
            at.add(new Point(0, panelSize.y));
            HeatmapExport.png(file, Math.max(panelSize.x, curveSize.x), panelSize.y + curveSize.y, gc -> {
                gc.setBackground(gc.getDevice().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
                gc.fillRectangle(0, 0, Math.max(panelSize.x, curveSize.x), panelSize.y + curveSize.y);
                for (int i = 0; i < parts.size(); i++) {
                    gc.drawImage(parts.get(i), at.get(i).x, at.get(i).y);
                }
            }, null);
        } finally {
            parts.forEach(Image::dispose);
        }
    }

    /** Writes the volume {@code [frames, heads, h, w, audio steps]} (raw, frequency averaged) as float32 .npy. */
    public void exportVolume(Path file) throws IOException {
        if (clip == null) {
            throw new IOException(file + ": no heatmaps to export");
        }
        DenseFeatureFiles.writeVolume(file, clip.raw());
    }

    private interface Export {
        void write(Path file) throws IOException;
    }

    private void askAndExport(String name, Export export) {
        FileDialog dialog = new FileDialog(root.getShell(), SWT.SAVE);
        dialog.setFileName(name);
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen != null) {
            try {
                export.write(Path.of(chosen));
                status.setText("Wrote " + chosen);
            } catch (IOException e) {
                status.setText(e.getMessage());
            }
        }
    }

    private void post(Runnable code) {
        Display display = root == null || root.isDisposed() ? null : root.getDisplay();
        if (display != null && !display.isDisposed()) {
            display.asyncExec(() -> {
                if (!root.isDisposed()) {
                    code.run();
                }
            });
        }
    }

    @Focus
    void focus() {
        curves.setFocus();
    }

    @PreDestroy
    void dispose() {
        if (heatmaps != null) {
            heatmaps.removeListener(heatmapsChanged);
            settings().removeListener(settingsChanged);
        }
    }
}
