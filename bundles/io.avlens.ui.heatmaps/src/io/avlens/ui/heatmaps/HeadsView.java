package io.avlens.ui.heatmaps;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

import io.avlens.analysis.dense.DenseFeatures;
import io.avlens.core.event.AvLensTopics;
import io.avlens.core.event.TimeSelectionChanged;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.heatmaps.internal.ActivationCurves;
import io.avlens.ui.heatmaps.internal.DenseHeatmaps;
import io.avlens.ui.heatmaps.internal.HeadPanels;
import io.avlens.ui.heatmaps.internal.HeadsToolbar;
import io.avlens.ui.heatmaps.internal.HeatmapClip;
import io.avlens.ui.heatmaps.internal.HeatmapExport;
import io.avlens.ui.heatmaps.internal.ExportRunner;
import io.avlens.ui.heatmaps.internal.HeatmapExportJobs;
import io.avlens.ui.heatmaps.internal.HeatmapSettings;
import io.avlens.ui.heatmaps.internal.HeatmapSlice;
import io.avlens.ui.heatmaps.internal.HeatmapVideoExport;
import io.avlens.ui.media.VideoView;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The heads of a DenseAV model on the active clip at the shared cursor: small multiples (one heatmap per head and
 * their maximum, as the overlay normalises them) and under them each head's activation over audio time (maximum over
 * space) with the audio time shown. Click a curve: the cursor moves there. Click or drag a rectangle on a panel: the
 * region's activation over audio time joins the curves. The toolbar chooses the model, the colouring and the
 * normalisation (shared with the Video view's heatmap overlay), pins the audio time or the video frame, mutes or solos
 * heads, and exports PNGs, the overlaid video as MP4 and the volume (the last two in jobs). Playing the clip animates
 * everything.
 */
public class HeadsView {

    /** The view id. */
    public static final String ID = "io.avlens.ui.heatmaps.views.heads";

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
    private HeadsToolbar toolbar;
    private HeadPanels panels;
    private ActivationCurves curves;
    private Label status;
    private ExportRunner exports;
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
        if (heatmaps == null) {
            new Label(parent, SWT.NONE).setText("The heatmap service is not available");
            return;
        }
        toolbar = new HeadsToolbar(parent, heatmaps, new HeadsToolbar.Actions() {
            @Override
            public void pinAudio(boolean pinned) {
                HeadsView.this.pinAudio(pinned);
            }

            @Override
            public void pinFrame(boolean pinned) {
                HeadsView.this.pinFrame(pinned);
            }

            @Override
            public void solo(int k) {
                HeadsView.this.solo(k);
            }

            @Override
            public void export(String what) {
                switch (what) {
                    case "video" -> exports.askAndWrite("overlay.png", HeadsView.this::exportOverlay);
                    case "heads" -> exports.askAndWrite("heads.png", HeadsView.this::exportHeads);
                    case "mp4" -> exports.askAndStart("heatmap.mp4", HeadsView.this::exportVideo);
                    default -> exports.askAndStart("heatmap.npy", HeadsView.this::exportVolume);
                }
            }
        });
        // the maps and the curves share the height (a sash between them): in a short view neither is squeezed out
        SashForm split = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(split);
        panels = new HeadPanels(split, this::hovered, this::regionChosen);
        curves = new ActivationCurves(split);
        split.setWeights(55, 45);
        curves.onSeek(this::seek);
        status = new Label(parent, SWT.NONE);
        status.setToolTipText(HINT);
        exports = new ExportRunner(status, status::setText);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        heatmaps.addListener(heatmapsChanged);
        settings().addListener(settingsChanged);
        toolbar.fillModels();
        syncControls();
        load();
    }

    /** The display settings shared with the overlay. UI thread. */
    public HeatmapSettings settings() {
        return heatmaps.settings();
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
            show(null, null); // never the previous clip's or model's heatmaps under this clip's name
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
            toolbar.setHeads(c == null ? 0 : c.raw().heads());
            syncControls();
            root.layout(true, true);
        }
        if (c == null) {
            slice = null;
            curves.setCurves(new io.avlens.analysis.similarity.TimeBase(0, 1), List.of());
            status.setText(message == null ? "" : message);
            status.setToolTipText(message);
            return;
        }
        status.setToolTipText(HINT);
        panels.clearRegion();
        status.setText(c.model() + ": " + describe());
        refresh();
    }

    /** What the mouse does here: the status line's tooltip once heatmaps are shown. */
    private static final String HINT = "Click a curve to seek; drag on a map (or click a cell) to plot that region"
            + " over audio time";

    private String describe() {
        DenseFeatures f = clip.raw();
        return String.format(Locale.ROOT, "%d heads, %d × %d cells, %d frames, %d audio steps", f.heads(), f.height(),
                f.width(), f.frames(), f.steps()); // what to do with the mouse is the tooltip's
    }

    private void syncControls() {
        toolbar.sync(analysis != null && settings().isAudioPinned(analysis.file()),
                analysis != null && settings().isFramePinned(analysis.file()));
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
        int frame = f.frameAt(settings().videoTime(analysis.file(), analysis.cursor()));
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

    /**
     * Pins the video frame of the clip at the one shown now (true): the shared cursor then moves the audio time only,
     * against that frame; false follows the cursor again.
     */
    public void pinFrame(boolean pinned) {
        if (analysis != null) {
            settings().pinFrame(analysis.file(), pinned ? settings().videoTime(analysis.file(), analysis.cursor())
                    : Double.NaN);
        }
    }

    /** Shows head {@code k} alone (−1: all heads). */
    public void solo(int k) {
        settings().solo(k, clip == null ? 0 : clip.raw().heads());
    }

    /** Chooses the model (as its list does). */
    public void setModel(String id) {
        heatmaps.setModel(id);
        toolbar.fillModels();
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
        HeatmapExport.headsPng(file, panels, curves);
    }

    /**
     * Starts writing the volume {@code [frames, heads, h, w, audio steps]} (raw, frequency averaged) as float32
     * {@code .npy} in a job (progress in frames, cancel, atomic); null, with the problem reported, without heatmaps.
     */
    public Job exportVolume(Path file) {
        HeatmapClip c = clip;
        return exports.start(file, c == null ? null : "Exporting the heatmap volume to " + file.getFileName(),
                monitor -> HeatmapExportJobs.writeVolume(c, file, monitor));
    }

    /**
     * Starts writing the clip with its sound and the heatmap over every frame as MP4, with the heads shown, colouring
     * and normalisation of now (see {@link HeatmapVideoExport}), in a job (progress in frames, cancel, atomic); null,
     * with the problem reported, without heatmaps.
     */
    public Job exportVideo(Path file) {
        HeatmapClip c = clip;
        Path media = analysis == null ? null : analysis.file();
        HeatmapSettings snapshot = settings().copy();
        return exports.start(file, c == null || media == null ? null : "Exporting the heatmap video to " + file.getFileName(),
                monitor -> HeatmapVideoExport.write(media, c, snapshot, file, monitor));
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
