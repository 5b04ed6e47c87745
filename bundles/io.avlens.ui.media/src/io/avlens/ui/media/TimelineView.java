package io.avlens.ui.media;

import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;

import io.avlens.core.color.ColorMap;
import io.avlens.core.event.AnnotationsChanged;
import io.avlens.core.event.AvLensTopics;
import io.avlens.core.event.TimeSelectionChanged;
import io.avlens.core.event.VisibleWindowChanged;
import io.avlens.core.time.Bookmark;
import io.avlens.core.time.TimeRange;
import io.avlens.core.time.TimeSelection;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.media.internal.ClipSound;
import io.avlens.ui.media.internal.SoundMode;
import io.avlens.ui.media.internal.SoundtrackSounds;
import io.avlens.ui.media.internal.TimelineCanvas;
import io.avlens.ui.widgets.CheckBox;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Waveform and log-mel spectrogram of the active clip on the shared time axis: colour map and colour bar, time in
 * seconds, the cursor, range selection, zoom and pan, bookmarks, ground-truth sound events and detected onsets.
 * Clicking moves the cursor of every view (the video seeks); playing elsewhere moves the cursor here.
 * <p>
 * When the clip has an alternative soundtrack ({@link Soundtracks}, e.g. a generated sample), "Lanes:" shows the
 * original's lanes, the generated sound's or both (waveforms over each other, spectrograms one above the other), and
 * "Difference" adds the lane of generated − original log-mel in a diverging colour map.
 */
public class TimelineView {

    /** The view id. */
    public static final String ID = "io.avlens.ui.media.views.timeline";

    @Inject
    private IEventBroker broker;

    private Composite root;
    private TimelineCanvas canvas;
    private Combo mapCombo;
    private Combo modeCombo;
    private Button differenceCheck;
    private Soundtracks soundtracks;
    private final Runnable soundtracksListener = this::soundtracksChanged;
    private String shownTrack;
    /** Whether the user chose the lanes; until then a generated sound first shows beside the original (overlay). */
    private boolean modeChosen;
    private Label hoverLabel;
    private LocalResourceManager resources;
    private AnalysisContext analysis;
    private long generation;

    @PostConstruct
    void createControls(Composite parent) {
        root = parent;
        resources = new LocalResourceManager(JFaceResources.getResources(), parent);
        GridLayoutFactory.fillDefaults().margins(2, 2).spacing(4, 2).applyTo(parent);
        Composite bar = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        GridLayoutFactory.fillDefaults().numColumns(11).applyTo(bar);
        button(bar, "−", "Zoom out (-, wheel)", () -> canvas.zoom(1.5, centre()));
        button(bar, "+", "Zoom in (+, wheel)", () -> canvas.zoom(1 / 1.5, centre()));
        button(bar, "Fit", "Show the whole clip (double-click without a range)", () -> windowChosen(extent()));
        button(bar, "Selection", "Zoom to the selected range (double-click)", this::zoomToSelection);
        Button mark = new Button(bar, SWT.PUSH);
        mark.setImage(resources.create(ImageDescriptor.createFromURL(getClass().getResource("/icons/bookmark16.png"))));
        mark.setToolTipText("Bookmark the cursor (B)");
        mark.addListener(SWT.Selection, e -> addBookmark());
        new Label(bar, SWT.NONE).setText("Colours:");
        mapCombo = new Combo(bar, SWT.READ_ONLY);
        for (ColorMap m : ColorMap.values()) {
            mapCombo.add(m.name().toLowerCase(Locale.ROOT));
        }
        mapCombo.select(ColorMap.MAGMA.ordinal());
        mapCombo.addListener(SWT.Selection, e -> canvas.setColorMap(ColorMap.values()[mapCombo.getSelectionIndex()]));
        new Label(bar, SWT.NONE).setText("Lanes:");
        modeCombo = new Combo(bar, SWT.READ_ONLY);
        modeCombo.setItems("original", "generated", "overlay");
        modeCombo.select(0);
        modeCombo.setToolTipText("With a generated soundtrack: the original sound's lanes, the generated one's, or"
                + " both");
        modeCombo.addListener(SWT.Selection, e -> {
            modeChosen = true;
            canvas.setSoundMode(SoundMode.values()[modeCombo.getSelectionIndex()]);
        });
        differenceCheck = CheckBox.create(bar);
        differenceCheck.setText("Difference");
        differenceCheck.setToolTipText("Add the lane of generated − original log-mel (red: the generated sound is"
                + " louder there, blue: the original is)");
        differenceCheck.addListener(SWT.Selection, e -> canvas.setDifferenceShown(differenceCheck.getSelection()));
        hoverLabel = new Label(bar, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(hoverLabel);

        canvas = new TimelineCanvas(parent);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(canvas);
        canvas.setToolTipText("Click: cursor · drag: range · wheel: zoom · shift-wheel/right-drag: pan · "
                + "B: bookmark · space, J/K/L, ←/→: playback");
        canvas.setListener(new TimelineCanvas.Listener() {
            @Override
            public void selected(TimeSelection selection, boolean adjusting) {
                canvas.setSelection(selection);
                canvas.setAudioCursor(Double.NaN); // a cursor set here pairs no other audio time
                if (analysis != null) {
                    analysis.select(TimelineView.this, selection);
                }
            }

            @Override
            public void windowChanged(TimeRange window) {
                if (analysis != null) {
                    analysis.showWindow(TimelineView.this, window);
                }
            }

            @Override
            public void hover(String text) {
                hoverLabel.setText(text);
            }
        });
        canvas.addListener(SWT.KeyDown, this::keyPressed);
        show(analysis);
    }

    /** Shows {@code mode}'s lanes, as the "Lanes:" list does; UI thread. */
    public void setSoundMode(SoundMode mode) {
        modeChosen = true;
        modeCombo.select(mode.ordinal());
        canvas.setSoundMode(mode);
    }

    /** Shows or hides the difference lane, as its check box does; UI thread. */
    public void setDifferenceShown(boolean shown) {
        differenceCheck.setSelection(shown);
        canvas.setDifferenceShown(shown);
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
        if (context == analysis) {
            return;
        }
        analysis = context;
        if (root != null && !root.isDisposed()) {
            show(context);
        }
    }

    private void show(AnalysisContext context) {
        long thisLoad = ++generation;
        if (soundtracks != null) {
            soundtracks.removeListener(soundtracksListener);
        }
        soundtracks = context == null ? null : Soundtracks.of(context);
        shownTrack = null;
        canvas.setGenerated(null, 0, null, 0, null, null);
        if (soundtracks != null) {
            soundtracks.addListener(soundtracksListener);
        }
        soundtracksChanged();
        if (context == null) {
            canvas.setMessage("No clip. Open one with File > Open Clip...");
            return;
        }
        canvas.setExtent(context.extent());
        canvas.setWindow(context.window());
        canvas.setSelection(context.selection());
        canvas.setMarkers(context.markers(), context.bookmarks());
        canvas.setMessage("Analysing the sound of " + context.title() + "...");
        ClipSound.of(context).result().whenComplete((result, error) -> canvas.getDisplay().asyncExec(() -> {
            if (thisLoad != generation || canvas.isDisposed()) {
                return;
            }
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                canvas.setMessage(cause instanceof CancellationException ? "Analysis cancelled" : cause.getMessage());
            } else {
                canvas.setSound(result.audio().samples(), result.audio().sampleRate(), result.mel(), result.melFps(),
                        ClipSound.DISPLAY_MEL, result.onsets());
            }
        }));
    }

    /** Follows the compared soundtrack: its lanes arrive from a job, once decoded and analysed. */
    private void soundtracksChanged() {
        if (modeCombo.isDisposed()) {
            return;
        }
        boolean any = soundtracks != null && !soundtracks.all().isEmpty();
        modeCombo.setEnabled(any);
        differenceCheck.setEnabled(any);
        Soundtrack track = soundtracks == null ? null : soundtracks.compared();
        if (track == null || track.id().equals(shownTrack)) {
            return;
        }
        shownTrack = track.id();
        long thisLoad = generation;
        AnalysisContext context = analysis;
        SoundtrackSounds.of(context).analysis(track).whenComplete((result, error) -> canvas.getDisplay()
                .asyncExec(() -> {
                    if (thisLoad != generation || canvas.isDisposed() || !track.id().equals(shownTrack)) {
                        return;
                    }
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        hoverLabel.setText("Cannot show " + track.label() + ": " + cause.getMessage());
                        shownTrack = null;
                    } else {
                        canvas.setGenerated(result.audio().samples(), result.audio().sampleRate(), result.mel(),
                                result.melFps(), result.onsets(), track.label());
                        if (!modeChosen) {
                            modeCombo.select(SoundMode.OVERLAY.ordinal());
                            canvas.setSoundMode(SoundMode.OVERLAY);
                        }
                    }
                }));
    }

    @Inject
    @Optional
    void selectionChanged(@UIEventTopic(AvLensTopics.TIME_SELECTION) TimeSelectionChanged event) {
        if (analysis == null || !analysis.isForeign(event, this) || canvas == null || canvas.isDisposed()) {
            return;
        }
        TimeSelection s = event.selection();
        canvas.setSelection(s);
        canvas.setAudioCursor(analysis.audioOffset() == 0 ? Double.NaN : analysis.audioCursor());
        TimeRange w = canvas.window();
        if (!w.contains(s.cursor())) { // follow playback and seeks page by page
            windowChosen(TimeRange.ofDuration(s.cursor() - w.duration() * 0.1, w.duration()));
        }
    }

    @Inject
    @Optional
    void windowChanged(@UIEventTopic(AvLensTopics.TIME_WINDOW) VisibleWindowChanged event) {
        if (analysis != null && analysis.isForeign(event, this) && canvas != null && !canvas.isDisposed()) {
            canvas.setWindow(event.window());
        }
    }

    @Inject
    @Optional
    void annotationsChanged(@UIEventTopic(AvLensTopics.ANNOTATIONS) AnnotationsChanged event) {
        if (analysis != null && event.concerns(analysis.id()) && canvas != null && !canvas.isDisposed()) {
            canvas.setMarkers(analysis.markers(), analysis.bookmarks());
        }
    }

    private void keyPressed(Event e) {
        if (analysis == null) {
            return;
        }
        Transport.Command c = Transport.forKey(e.keyCode, e.character);
        if (c != null) {
            e.doit = false;
            broker.send(Transport.TOPIC, new Transport.Request(analysis.id(), c));
        } else if (e.character == 'b' || e.character == 'B') {
            addBookmark();
        } else if (e.character == '+' || e.character == '=') {
            canvas.zoom(1 / 1.5, analysis.cursor());
        } else if (e.character == '-') {
            canvas.zoom(1.5, analysis.cursor());
        }
    }

    private void addBookmark() {
        if (analysis != null) {
            analysis.addBookmark(this, new Bookmark(analysis.cursor(), ""));
        }
    }

    private void zoomToSelection() {
        if (analysis != null && !analysis.selection().isCursor()) {
            windowChosen(analysis.selection().range());
        }
    }

    private void windowChosen(TimeRange window) {
        canvas.setWindow(window);
        if (analysis != null) {
            analysis.showWindow(this, canvas.window());
        }
    }

    private TimeRange extent() {
        return analysis == null ? canvas.window() : analysis.extent();
    }

    private double centre() {
        TimeRange w = canvas.window();
        return analysis != null && w.contains(analysis.cursor()) ? analysis.cursor() : (w.start() + w.end()) / 2;
    }

    /** The canvas, for tests and the redraw benchmark. */
    public TimelineCanvas canvas() {
        return canvas;
    }

    @Focus
    void focus() {
        canvas.setFocus();
    }

    @PreDestroy
    void dispose() {
        if (soundtracks != null) {
            soundtracks.removeListener(soundtracksListener);
        }
    }
}
